#!/usr/bin/env bash
# Screenshots of the administration pages (Thai, 1280 and 360 px) into target/screenshots/, for looking at them:
# builds the app (dev), starts it on 127.0.0.1:3000 with throw-away databases, adds the simulator's demo accounts,
# the sample tree and three officers, runs end2end/screenshots-admin.mjs, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ "${SKIP_BUILD:-}" = 1 ] || cargo leptos build
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export DATABASE_URL="sqlite://$work/info-backoffice.db?mode=rwc" SIMULATOR_DATABASE_URL="sqlite://$work/digital-id.db?mode=rwc"
server=target/debug/server
"$server" migrate
"$server" units load-sample
cat >"$work/officers.csv" <<'CSV'
digital_id_sub,citizen_id,name_th,unit_code,role
,3100400112233,นายประเสริฐ เริ่มงาน,DGA-CC,contact_center
,3100100123451,นางสาวสมศรี ตั้งใจงาน,DOPA,central
,3100300789011,นางมาลี ใจดี,DOPA-BORA-01,service_point
CSV
"$server" import-officers "$work/officers.csv"
"$server" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -fsS http://127.0.0.1:3000/healthz >/dev/null 2>&1 && break; sleep 1; done
DIGITAL_ID_SIM_DATABASE_URL="$SIMULATOR_DATABASE_URL" cargo run -q -p digital-id -- demo-accounts
mkdir -p target/screenshots
(cd end2end && node screenshots-admin.mjs ../target/screenshots)
