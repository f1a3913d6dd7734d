#!/usr/bin/env bash
# Builds and starts Info Backoffice at http://127.0.0.1:3000 with the embedded SQLite database (data/) and the
# built-in Digital ID simulator at http://127.0.0.1:3002 (its own database, data/digital-id.db).
# Any Leptos.toml key can be overridden by its environment variable (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# `--split`: the lazy islands (`#[island(lazy)]`) load from their own WASM chunks, which only a split build has.
exec cargo leptos serve --split "$@"
