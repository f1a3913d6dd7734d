#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (server and browser feature sets), the Rust tests (SQLite, plus
# PostgreSQL when TEST_DATABASE_URL is set), one release build, the size budget, and Playwright on Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
scripts/install-tools.sh --with-browser
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s (%ss so far)\n' "$*" $((SECONDS - started)); }

step "cargo fmt --check"
cargo fmt --all --check

step "clippy: server side (app[ssr], digital-id, domain, server, vocabulary)"
cargo clippy -p app -p digital-id -p domain -p server -p vocabulary --all-targets -- -D warnings
step "clippy: browser side (app[hydrate], frontend) for wasm32"
cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown --all-targets -- -D warnings

step "Rust tests${TEST_DATABASE_URL:+ (SQLite and PostgreSQL)}"
if [ -z "${TEST_DATABASE_URL:-}" ]; then echo "TEST_DATABASE_URL is unset: database tests run on SQLite only"; fi
cargo test -p app -p digital-id -p domain -p server -p vocabulary

step "release build (WASM, JS, CSS precompressed; server)"
cargo leptos build --release --precompress --split

step "size budget"
node scripts/size-budget.mjs

step "end-to-end (Playwright: hydrated and without JavaScript in Thai, hydrated in English; axe on every page)"
e2e_dir=target/e2e
rm -rf "$e2e_dir" && mkdir -p "$e2e_dir"
DATABASE_URL="sqlite://$e2e_dir/info-backoffice.db?mode=rwc" SIMULATOR_DATABASE_URL="sqlite://$e2e_dir/digital-id.db?mode=rwc" \
  cargo leptos end-to-end --release --precompress --split

step "all checks passed in $((SECONDS - started)) s"
