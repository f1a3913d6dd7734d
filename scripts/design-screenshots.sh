#!/usr/bin/env bash
# The screenshots of docs/DESIGN.md: every page and state the accessibility spec checks, at 1280 and 360 px, in Thai
# and English (the Digital ID simulator's pages in Thai, its only language), into docs/design/{th,en}/. Builds the
# release app and runs end2end/tests/accessibility.spec.ts against it with throw-away databases — the same walk that
# proves each page has no WCAG 2.1 AA violation (playwright.config.ts narrows the run when DESIGN_SCREENSHOTS is set).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out="$PWD/docs/design"
work=target/design-screenshots
rm -rf "$out" "$work" && mkdir -p "$out" "$work"
DESIGN_SCREENSHOTS="$out" \
  DATABASE_URL="sqlite://$work/info-backoffice.db?mode=rwc" SIMULATOR_DATABASE_URL="sqlite://$work/digital-id.db?mode=rwc" \
  cargo leptos end-to-end --release --precompress --split
find "$out" -name '*.jpg' | sort
