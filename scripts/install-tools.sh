#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already present at the right version:
# the wasm32 target, cargo-leptos, wasm-bindgen-cli (the exact version in Cargo.lock), the npm packages of end2end/
# (Playwright and binaryen's wasm-opt) and of server/tests/oidc-provider/ (the interoperability tests' provider),
# each from its lockfile, and, as root, Debian's chromium and a Thai font.
# Usage: scripts/install-tools.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
with_browser=false
[ "${1:-}" = "--with-browser" ] && with_browser=true

export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }
# Tools are built without LTO: the install takes a fraction of the time and the tools run just as well.
# The registry mirror sometimes lacks a locked dependency version; then install unlocked at the same pinned version.
cargo_install() {
  local no_lto=(env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)
  "${no_lto[@]}" cargo install "$@" --locked || "${no_lto[@]}" cargo install "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while on 2 cores)"
  cargo_install cargo-leptos --version "$CARGO_LEPTOS_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal Cargo.lock's wasm-bindgen)"
  cargo_install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# node_modules/.installed-lock is a copy of the lockfile it was installed from. end2end/ holds Playwright and wasm-opt;
# server/tests/oidc-provider/ the independent OpenID Provider the relying party's interoperability tests start.
for dir in end2end server/tests/oidc-provider; do
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock"; then
    step "installing the npm packages of $dir from its lockfile"
    # Playwright must never download a browser here: it drives Debian's chromium.
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock)
  fi
done

if $with_browser; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # Without a Thai system font, Chromium draws Thai as boxes wherever our web font is not (yet) used.
  dpkg-query -W -f='${Status}' fonts-thai-tlwg 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-thai-tlwg)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      step "installing ${missing[*]} from Debian"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
      echo "Missing: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
fi
