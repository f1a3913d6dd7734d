#!/usr/bin/env bash
# The benchmark of issue 23 (docs/BENCHMARKS.md): builds the release as production is built, starts npm
# oidc-provider as Digital ID (bench/provider.mjs) and the release server — once on SQLite, once on a scratch
# PostgreSQL database — and measures, side by side in one run: the server's CPU per complete sign-in, signed-in pages
# against the public page (wrk), a static file over one keep-alive connection, the morning peak of sign-ins, memory
# idle and after many sessions, and the first-load bytes. Prints Markdown and appends it to bench/results/.
# Not part of the test command: it takes minutes and its figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

usage() {
  cat <<'EOF'
Usage: scripts/bench.sh [options]

  --no-build            use the existing target/release/server and target/site (no cargo leptos build)
  --quick               a smoke run: small counts and short durations (its figures are not measurements)
  --sqlite-only         only SQLite
  --postgres-only       only PostgreSQL
  --signins N           sign-ins for the CPU figure, 4 at a time (default 200; quick 40)
  --breakdown N         sign-ins, one at a time, for where the server's CPU goes (default 100; quick 20)
  --duration S          seconds of each wrk run (default 15; quick 3)
  --connections N       wrk connections for the pages (default 32)
  --peak-steps "C …"    concurrent sign-ins of the morning-peak steps (default "4 8 16 32"; quick "4 8")
  --peak-duration S     seconds of each morning-peak step (default 20; quick 3)
  --sessions N          sign-ins made before reading memory "after N sessions" (default 10000; quick 100)
  --port P              the server's port (default 3410); the provider takes any free port
  --operator-port P     the server's operator listener (default 9610)
  --postgres URL        the PostgreSQL server, without a database (default postgres://postgres@127.0.0.1:5432);
                        a scratch database is created on it and dropped at the end
  --out FILE            append the report here (default bench/results/<date>-<commit>.md)
  --keep                keep the scratch directory (logs, wrk outputs, perf data) and say where it is
  --profile             also sample the server with perf (Debian's linux-perf; installed when missing) during an
                        extra run of the signed-in home and of sign-ins, after the measured ones, and add each flat
                        profile (the functions with the most samples) to the report
  -h, --help            this text
EOF
}

die() {
  echo "bench: $*" >&2
  exit 1
}

build=1 quick=0 databases="sqlite postgres"
signins="" breakdown="" duration="" connections=32 peak_steps="" peak_duration="" sessions=""
port=3410 operator_port=9610 postgres=postgres://postgres@127.0.0.1:5432 out="" profile=0 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --quick) quick=1 ;;
    --sqlite-only) databases=sqlite ;;
    --postgres-only) databases=postgres ;;
    --signins) signins=${2:?}; shift ;;
    --breakdown) breakdown=${2:?}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --connections) connections=${2:?}; shift ;;
    --peak-steps) peak_steps=${2:?}; shift ;;
    --peak-duration) peak_duration=${2:?}; shift ;;
    --sessions) sessions=${2:?}; shift ;;
    --port) port=${2:?}; shift ;;
    --operator-port) operator_port=${2:?}; shift ;;
    --postgres) postgres=${2%/}; shift ;;
    --out) out=${2:?}; shift ;;
    --profile) profile=1 ;;
    --keep) keep=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then
  : "${signins:=40}" "${breakdown:=20}" "${duration:=3}" "${peak_steps:=4 8}" "${peak_duration:=3}" "${sessions:=100}"
else
  : "${signins:=200}" "${breakdown:=100}" "${duration:=15}" "${peak_steps:=4 8 16 32}" "${peak_duration:=20}" "${sessions:=10000}"
fi
for number in "$signins" "$breakdown" "$duration" "$connections" "$peak_duration" "$sessions" "$port" "$operator_port" $peak_steps; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || die "not a positive whole number: $number"
done
# Imported officers: one per session up to the import's limit, at least a thousand, so peaks sign in many officers.
officers=$((sessions < 1000 ? 1000 : sessions > 50000 ? 50000 : sessions))
base="http://127.0.0.1:$port"
clock_ticks=$(getconf CLK_TCK)
started=$SECONDS
step() { printf '\n==> %s (%ss so far)\n' "$*" $((SECONDS - started)) >&2; }

# --- everything started here is stopped on exit, whatever happens ---------------------------------------------------
work=$(mktemp -d /tmp/info-bench.XXXXXX)
server_pid="" provider_pid="" driver_pid="" pg_database=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -z "$driver_pid" ] || kill -TERM "$driver_pid" 2>/dev/null || true
  stop_server
  if [ -n "$provider_pid" ]; then
    kill -TERM "$provider_pid" 2>/dev/null || true
    wait "$provider_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_database" ]; then
    psql "$postgres/postgres" -q -c "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null 2>&1 ||
      echo "bench: could not drop the scratch database $pg_database" >&2
  fi
  if [ "$keep" = 1 ]; then
    echo "bench: the scratch directory is kept: $work" >&2
  elif [ "$status" = 0 ] || [ -z "$(ls -A "$work")" ]; then
    rm -rf "$work"
  else
    echo "bench: failed (exit $status); logs kept in $work" >&2
    tail -n 20 "$work"/*.log 2>/dev/null >&2 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$profile" = 1 ] && ! command -v perf >/dev/null; then
  step "installing perf (Debian package linux-perf)"
  [ "$(id -u)" = 0 ] || die "perf is missing: apt-get install linux-perf (as root)"
  apt-get install -y linux-perf >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y linux-perf >/dev/null; }
fi
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$port" || die "port $port is in use: choose another with --port"
port_free "$operator_port" || die "port $operator_port is in use: choose another with --operator-port"

# --- tools and build -------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  step "installing wrk (Debian package)"
  [ "$(id -u)" = 0 ] || die "wrk is missing: apt-get install wrk (as root)"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [ ! -d server/tests/oidc-provider/node_modules/oidc-provider ]; then
  step "npm ci in server/tests/oidc-provider (the provider's pinned install)"
  (cd server/tests/oidc-provider && npm ci --no-audit --no-fund)
fi
if [[ " $databases " == *" postgres "* ]]; then
  command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client), or use --sqlite-only"
  psql "$postgres/postgres" -Atqc 'select 1' >/dev/null 2>&1 || die "PostgreSQL at $postgres is unreachable; or use --sqlite-only"
fi
if [ "$build" = 1 ]; then
  step "release build: cargo leptos build --release --precompress --split"
  cargo leptos build --release --precompress --split
fi
if [ ! -x target/release/server ] || [ ! -d target/site/pkg ]; then die "no release build: run without --no-build"; fi
static_path=/pkg/info-backoffice.css
[ -f "target/site$static_path" ] || die "target/site$static_path is missing"

# --- measuring helpers -----------------------------------------------------------------------------------------------
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# CPU ticks of the PostgreSQL backends serving the scratch database, as "pid=ticks" words (empty when not local).
pg_backend_ticks() {
  local pid
  for pid in $(psql "$postgres/postgres" -Atqc "select pid from pg_stat_activity where datname = '$pg_database'"); do
    [ -r "/proc/$pid/stat" ] && echo "$pid=$(cpu_ticks "$pid")"
  done
  return 0
}
# Ticks used between two pg_backend_ticks readings (backends that ended in between are not counted).
pg_ticks_between() {
  awk -v before="$1" -v after="$2" 'BEGIN {
    n = split(before, b, " "); for (i = 1; i <= n; i++) { split(b[i], kv, "="); seen[kv[1]] = kv[2] }
    n = split(after, a, " "); for (i = 1; i <= n; i++) { split(a[i], kv, "="); total += kv[2] - seen[kv[1]] }
    print total + 0 }'
}
# The scratch database's transactions so far (each autocommit statement is one), read once every backend has
# reported: a PostgreSQL 15 backend flushes its statistics within 10 s of going idle, hence the wait.
pg_transactions() {
  sleep 11
  psql "$postgres/postgres" -Atqc "select xact_commit + xact_rollback from pg_stat_database where datname = '$pg_database'"
}
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", n ? (b - a) / n : 0 }'; }
ms_per() { awk -v ticks="$1" -v count="$2" -v hz="$clock_ticks" 'BEGIN { printf "%.2f", count ? ticks * 1000 / hz / count : 0 }'; }
json() { node -e 'const v = JSON.parse(process.argv[1])[process.argv[2]]; console.log(Array.isArray(v) ? v.join("; ") : v ?? "")' "$1" "$2"; }
# A wrk latency ("812.00us", "1.20ms", "2.00s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000
    printf "%.2f", n }'
}
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# Runs the sign-in driver (options…) and sets $result to its JSON. In the background and waited for, so that a signal
# to this script stops it at once (cleanup kills it) rather than after its last sign-in.
signin() {
  node bench/signin.mjs --base "$base" --issuer "$issuer" --accounts "$officers" "$@" >"$work/signin.json" &
  driver_pid=$!
  wait "$driver_pid"
  driver_pid=""
  result=$(<"$work/signin.json")
}

# --- Digital ID: npm oidc-provider, one for the whole run ------------------------------------------------------------
step "starting Digital ID (npm oidc-provider, bench/provider.mjs)"
client_secret="bench-secret-$RANDOM$RANDOM"
CLIENT_ID=info-backoffice-bench CLIENT_SECRET=$client_secret REDIRECT_URI="$base/auth/callback" \
  POST_LOGOUT_REDIRECT_URI="$base/backend/signed-out" node bench/provider.mjs >"$work/provider.log" 2>&1 &
provider_pid=$!
issuer=""
for _ in $(seq 100); do
  issuer=$(sed -n 's/^{"issuer":"\(.*\)"}$/\1/p' "$work/provider.log" | head -n 1)
  [ -n "$issuer" ] && break
  kill -0 "$provider_pid" 2>/dev/null || die "the provider did not start: $(cat "$work/provider.log")"
  sleep 0.2
done
[ -n "$issuer" ] || die "the provider printed no issuer"
node bench/accounts.mjs "$officers" >"$work/officers.csv"

export LEPTOS_SITE_ADDR="127.0.0.1:$port" APP_BASE_URL="$base" LEPTOS_SITE_ROOT=target/site \
  DIGITAL_ID_ISSUER="$issuer" DIGITAL_ID_CLIENT_ID=info-backoffice-bench DIGITAL_ID_CLIENT_SECRET="$client_secret" \
  DIGITAL_ID_SECRET_HASHING=plain CITIZEN_ID_KEY="benchmark key, never used for real officers" \
  OPERATOR_ADDRESS="127.0.0.1:$operator_port" RUST_LOG=warn SITE_SHUTDOWN_GRACE_SECONDS=0 \
  ASSURANCE_CITIZEN_ID_MIN_IAL=1.3 ASSURANCE_CONTACT_CENTER_MIN_IAL=2.3 ASSURANCE_CENTRAL_MIN_IAL=2.3 \
  ASSURANCE_AGENCY_MIN_IAL=1.3 ASSURANCE_SERVICE_POINT_MIN_IAL=1.3

# --- one database's measurements -------------------------------------------------------------------------------------
declare -A R # results, "database.figure"
declare -A PEAK # morning-peak rows, "database" → Markdown rows

# wrk against a path; sets R[db.name.*]: rps, p50, p99, errors, requests, cpu (server ms per request).
page_load() { # db name path wrk-options…
  local db=$1 name=$2 path=$3 before after
  shift 3
  before=$(cpu_ticks "$server_pid")
  wrk --latency -d "${duration}s" "$@" "$base$path" >"$work/wrk-$db-$name.txt" 2>&1 ||
    die "wrk failed: $(cat "$work/wrk-$db-$name.txt")"
  after=$(cpu_ticks "$server_pid")
  local file="$work/wrk-$db-$name.txt" requests
  R[$db.$name.rps]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")
  R[$db.$name.p50]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
  R[$db.$name.p99]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
  requests=$(awk '/requests in/ { print $1 }' "$file")
  R[$db.$name.requests]=$requests
  R[$db.$name.errors]=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$file")
  R[$db.$name.cpu]=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$clock_ticks" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }')
}

# Runs a command while perf samples the server (call graphs unwound from the binary's unwind tables, for `perf report
# --children` on the kept data); sets R[db.profile.name] to the flat profile: the functions with at least 1 % of the
# samples.
profiled() { # db name command…
  local db=$1 name=$2 data="$work/perf-$1-$2.data" sampler
  shift 2
  perf record -q -F 499 --call-graph dwarf,16384 -p "$server_pid" -o "$data" >/dev/null 2>&1 &
  sampler=$!
  sleep 0.5
  "$@"
  kill -INT "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  R[$db.profile.$name]=$(perf report -i "$data" --no-children -g none --sort symbol --stdio --percent-limit 1 2>/dev/null |
    awk '!/^#/ && NF { gsub(/[[:space:]]+/, " "); sub(/^ /, ""); sub(/ - -$/, ""); print substr($0, 1, 160) }')
}

# The functions whose CPU per request grows most from the public page to the signed-in home, from the two profiles
# (µs per request: samples × the sampling period ÷ the profiled run's requests), as Markdown table rows; the first
# row is the total.
profile_difference() { # db
  local db=$1 name
  for name in public home; do
    perf report -i "$work/perf-$db-$name.data" --no-children -g none -n --sort symbol --stdio 2>/dev/null |
      awk -v n="${R[$db.${name}_profiled.requests]}" -v page="$name" '
        /^#/ || NF < 4 || $1 !~ /%$/ { next }
        { samples = $2; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); sub(/ +- +-$/, ""); gsub(/\|/, "\\|")
          printf "%s\t%s\t%.2f\n", page, $0, samples * 1000000 / 499 / n }'
  done | awk -F'\t' '
    { cost[$1, $2] = $3; total[$1] += $3; symbols[$2] = 1 }
    END {
      printf "| total sampled | %.0f | %.0f | %+.0f |\n", total["public"], total["home"], total["home"] - total["public"]
      for (s in symbols) print (cost["home", s] - cost["public", s]) "\t" s "\t" cost["public", s] + 0 "\t" cost["home", s] + 0
    }' | { read -r first; echo "$first"; sort -t$'\t' -k1,1gr |
      awk -F'\t' 'NR <= 15 { printf "| `%s` | %.1f | %.1f | %+.1f |\n", substr($2, 1, 110), $3, $4, $1 }'; }
}

expect_status() { # expected description curl-args…
  local expected=$1 what=$2 got
  shift 2
  got=$(status_of "$@")
  [ "$got" = "$expected" ] || die "$what answered HTTP $got, expected $expected"
}

measure() { # db database-url
  local db=$1 url=$2 before after provider_before provider_after pg_before pg_after result pg_x=()
  step "$db: migrations, sample units, $officers imported officers"
  export DATABASE_URL=$url
  target/release/server units load-sample >"$work/cli-$db.log" 2>&1
  target/release/server import-officers "$work/officers.csv" >>"$work/cli-$db.log" 2>&1

  step "$db: starting the release server on $base"
  target/release/server serve >"$work/server-$db.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 150); do
    [ "$(status_of "$base/readyz")" = 200 ] && break
    kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(tail -n 20 "$work/server-$db.log")"
    sleep 0.2
  done
  [ "$(status_of "$base/readyz")" = 200 ] || die "the server is not ready: $(curl -s "$base/readyz")"
  R[$db.rss_idle]=$(rss_mb "$server_pid")

  step "$db: warm-up (10 sign-ins), then $signins complete sign-ins, 4 at a time"
  signin --count 10 --concurrency 2
  [ "$(json "$result" errors)" = 0 ] || die "warm-up sign-ins failed: $(json "$result" error_samples)"
  [ "$db" = postgres ] && pg_x[0]=$(pg_transactions)
  before=$(cpu_ticks "$server_pid") provider_before=$(cpu_ticks "$provider_pid")
  [ "$db" = postgres ] && pg_before=$(pg_backend_ticks)
  signin --count "$signins" --concurrency 4
  after=$(cpu_ticks "$server_pid") provider_after=$(cpu_ticks "$provider_pid")
  [ "$db" = postgres ] && pg_after=$(pg_backend_ticks)
  local done_signins
  done_signins=$(json "$result" signins)
  R[$db.signins]=$done_signins
  R[$db.signin_errors]=$(json "$result" errors)
  R[$db.signin_error_samples]=$(json "$result" error_samples)
  R[$db.cpu]=$(ms_per $((after - before)) "$done_signins")
  R[$db.provider_cpu]=$(ms_per $((provider_after - provider_before)) "$done_signins")
  if [ "$db" = postgres ]; then
    R[$db.pg_cpu]=$(ms_per "$(pg_ticks_between "${pg_before//$'\n'/ }" "${pg_after//$'\n'/ }")" "$done_signins")
    pg_x[1]=$(pg_transactions)
    R[$db.pg_xacts_signin]=$(per "${pg_x[0]}" "${pg_x[1]}" "$done_signins")
  fi
  R[$db.signin_rate]=$(json "$result" rate)
  R[$db.signin_p50]=$(json "$result" p50_ms)
  R[$db.signin_p99]=$(json "$result" p99_ms)

  step "$db: where a sign-in's server CPU goes ($breakdown sign-ins one at a time)"
  signin --count "$breakdown" --breakdown "$server_pid"
  R[$db.breakdown]=$(node -e 'const b = JSON.parse(process.argv[1]).breakdown_ms
    console.log("POST /auth/login " + b.login + " ms · while at the provider " + b.provider + " ms · " +
      "GET /auth/callback " + b.callback + " ms · GET /backend/home " + b.home + " ms")' "$result")

  step "$db: pages with wrk, $connections connections, ${duration}s each (public, home, profile)"
  signin --count 1 --concurrency 1 # a fresh session (idle timeout: 30 minutes)
  local cookie
  cookie=$(json "$result" cookie)
  [ -n "$cookie" ] || die "no session cookie: $(json "$result" error_samples)"
  expect_status 200 "the public page" "$base/backend"
  expect_status 200 "home with the session cookie" -H "Cookie: $cookie" "$base/backend/home"
  expect_status 200 "profile with the session cookie" -H "Cookie: $cookie" "$base/backend/profile"
  local threads=$((connections < 2 ? 1 : 2))
  [ "$db" = postgres ] && pg_x[2]=$(pg_transactions)
  page_load "$db" public /backend -t "$threads" -c "$connections"
  [ "$db" = postgres ] && pg_x[3]=$(pg_transactions)
  page_load "$db" home /backend/home -t "$threads" -c "$connections" -H "Cookie: $cookie"
  if [ "$db" = postgres ]; then
    pg_x[4]=$(pg_transactions)
    R[$db.pg_xacts_public]=$(per "${pg_x[2]}" "${pg_x[3]}" "${R[$db.public.requests]}")
    R[$db.pg_xacts_home]=$(per "${pg_x[3]}" "${pg_x[4]}" "${R[$db.home.requests]}")
  fi
  expect_status 200 "home after its load (session still valid)" -H "Cookie: $cookie" "$base/backend/home"
  # The public page again, signed in: what finding the session and the officer's header cost, without a page's data.
  page_load "$db" public_signed_in /backend -t "$threads" -c "$connections" -H "Cookie: $cookie"
  page_load "$db" profile /backend/profile -t "$threads" -c "$connections" -H "Cookie: $cookie"
  expect_status 200 "profile after its load (session still valid)" -H "Cookie: $cookie" "$base/backend/profile"

  if [ "$profile" = 1 ]; then
    step "$db: profiles (perf): the public page and the signed-in home with wrk, then sign-ins 4 at a time"
    profiled "$db" public page_load "$db" public_profiled /backend -t "$threads" -c "$connections"
    profiled "$db" home page_load "$db" home_profiled /backend/home -t "$threads" -c "$connections" -H "Cookie: $cookie"
    profiled "$db" signin signin --count "$signins" --concurrency 4
    R[$db.profile.difference]=$(profile_difference "$db")
  fi

  step "$db: static file $static_path over one keep-alive connection"
  expect_status 200 "$static_path" -H 'Accept-Encoding: br' "$base$static_path"
  page_load "$db" static "$static_path" -t 1 -c 1 -H 'Accept-Encoding: br, gzip'
  R[$db.rss_load]=$(rss_mb "$server_pid")

  local concurrent best="" best_rate=0 rate p99 errors
  PEAK[$db]=""
  for concurrent in $peak_steps; do
    step "$db: morning peak, $concurrent sign-ins at a time for ${peak_duration}s"
    signin --duration "$peak_duration" --concurrency "$concurrent"
    rate=$(json "$result" rate) p99=$(json "$result" p99_ms) errors=$(json "$result" errors)
    PEAK[$db]+="| $concurrent | $rate | $(json "$result" p50_ms) | $p99 | $errors | $(json "$result" error_samples) |"$'\n'
    if [ "$errors" = 0 ] && awk -v p="$p99" -v r="$rate" -v b="$best_rate" 'BEGIN { exit !(p != "" && p < 1000 && r > b) }'; then
      best="$rate sign-ins/s at $concurrent at a time (p99 $p99 ms)" best_rate=$rate
    fi
  done
  R[$db.peak]=${best:-none of the steps had p99 under 1 s and no errors}

  step "$db: $sessions sign-ins (sessions), 8 at a time"
  signin --count "$sessions" --concurrency 8 --progress
  R[$db.sessions_made]=$(json "$result" signins)
  R[$db.sessions_errors]=$(json "$result" errors)
  R[$db.rss_sessions]=$(rss_mb "$server_pid")
  if [ "$db" = postgres ]; then
    R[$db.sessions_in_db]=$(psql "$url" -Atqc 'select count(*) from officer_session')
  elif command -v sqlite3 >/dev/null; then
    R[$db.sessions_in_db]=$(sqlite3 "$work/bench.db" 'select count(*) from officer_session')
  else
    R[$db.sessions_in_db]="?"
  fi
  stop_server
}

for db in $databases; do
  if [ "$db" = sqlite ]; then
    measure sqlite "sqlite://$work/bench.db?mode=rwc"
  else
    pg_database="info_bench_$$_$(date +%s)"
    psql "$postgres/postgres" -q -c "CREATE DATABASE \"$pg_database\"" >/dev/null
    measure postgres "$postgres/$pg_database"
    psql "$postgres/postgres" -q -c "DROP DATABASE \"$pg_database\" WITH (FORCE)" >/dev/null
    pg_database=""
  fi
done

step "first-load bytes: node scripts/size-budget.mjs"
budget_status=0
node scripts/size-budget.mjs >"$work/size-budget.txt" 2>&1 || budget_status=$?

# --- the report ------------------------------------------------------------------------------------------------------
label() { case "$1" in sqlite) echo SQLite ;; postgres) echo PostgreSQL ;; esac; }
ratio() { awk -v a="$1" -v b="$2" -v scale="$3" -v fmt="$4" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf fmt, a / b * scale }'; }
verdict() {
  awk -v v="$1" -v limit="$2" -v op="$3" 'BEGIN {
    if (v !~ /^[0-9.]+$/) { print "n/a"; exit }
    ok = op == "<=" ? v + 0 <= limit : v + 0 >= limit; print ok ? "met" : "not met" }'
}
page_row() { # db name title
  local db=$1 name=$2
  echo "| $3 | ${R[$db.$name.rps]} req/s | ${R[$db.$name.p50]} | ${R[$db.$name.p99]} | ${R[$db.$name.errors]} | ${R[$db.$name.cpu]} ms |"
}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit-dirty"
day=$(date -u +%Y-%m-%d)
report="$work/report.md"
{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — commit $commit$([ "$quick" = 1 ] && echo ' — QUICK SMOKE RUN (small counts; not a measurement)')"
  echo
  echo "- Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Tools: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), Node $(node -v), oidc-provider $(node -p 'require("./server/tests/oidc-provider/node_modules/oidc-provider/package.json").version')$([[ " $databases " == *" postgres "* ]] && echo ", PostgreSQL $(psql "$postgres/postgres" -Atqc 'show server_version' | cut -d' ' -f1)")"
  echo "- Settings: $signins sign-ins for CPU (4 at a time); wrk ${duration}s, $connections connections; morning peak steps \"$peak_steps\", ${peak_duration}s each; $sessions sessions; $officers imported officers"
  for db in $databases; do
    echo
    echo "#### $(label "$db")"
    echo
    echo "| figure | value |"
    echo "|---|---|"
    echo "| server CPU per complete sign-in | **${R[$db.cpu]} ms** (${R[$db.signins]} sign-ins, ${R[$db.signin_errors]} errors) |"
    echo "| — the provider's CPU per sign-in (not counted) | ${R[$db.provider_cpu]} ms |"
    [ "$db" = postgres ] && echo "| — PostgreSQL backends' CPU per sign-in (not counted) | ${R[$db.pg_cpu]} ms |"
    [ "$db" = postgres ] && echo "| — database transactions per sign-in (PostgreSQL statistics) | ${R[$db.pg_xacts_signin]} |"
    echo "| — where it goes, one at a time ($breakdown sign-ins, threads' schedstat) | ${R[$db.breakdown]} |"
    echo "| sign-in, 4 at a time: rate, p50, p99 | ${R[$db.signin_rate]}/s, ${R[$db.signin_p50]} ms, ${R[$db.signin_p99]} ms |"
    echo "| morning peak (p99 < 1 s, no errors) | ${R[$db.peak]} |"
    [ "$db" = postgres ] && echo "| database transactions per request: public page, signed-in home | ${R[$db.pg_xacts_public]}, ${R[$db.pg_xacts_home]} |"
    echo "| RSS idle (after start) | ${R[$db.rss_idle]} MB |"
    echo "| RSS after the page loads | ${R[$db.rss_load]} MB |"
    echo "| RSS after $sessions more sign-ins | **${R[$db.rss_sessions]} MB** (${R[$db.sessions_errors]} errors; ${R[$db.sessions_in_db]} sessions in the database) |"
    [ -z "${R[$db.signin_error_samples]}" ] || echo "| sign-in errors | ${R[$db.signin_error_samples]} |"
    echo
    echo "| wrk | throughput | p50 ms | p99 ms | errors | server CPU per request |"
    echo "|---|---|---|---|---|---|"
    page_row "$db" public "public page \`/backend\` ($connections conn.)"
    page_row "$db" public_signed_in "the public page signed in ($connections conn.)"
    page_row "$db" home "signed-in home \`/backend/home\` ($connections conn.)"
    page_row "$db" profile "profile \`/backend/profile\` ($connections conn.)"
    page_row "$db" static "static \`$static_path\` (1 keep-alive conn., br)"
    echo
    echo "| morning peak: at a time | sign-ins/s | p50 ms | p99 ms | errors | error samples |"
    echo "|---|---|---|---|---|---|"
    printf '%s' "${PEAK[$db]}"
    if [ "$profile" = 1 ]; then
      for name in public home signin; do
        case "$name" in
          public) what="the public page under wrk" ;;
          home) what="the signed-in home under wrk" ;;
          signin) what="$signins sign-ins, 4 at a time" ;;
        esac
        echo
        echo "Where the server's CPU goes: $what (perf, flat, functions with ≥ 1 % of the samples):"
        echo
        echo '```'
        echo "${R[$db.profile.$name]}"
        echo '```'
      done
      echo
      echo "What a signed-in home costs more than the public page, by function (CPU per request from the two profiles, µs):"
      echo
      echo "| function | public page | signed-in home | difference |"
      echo "|---|---|---|---|"
      echo "${R[$db.profile.difference]}"
    fi
  done
  echo
  echo "#### Against the targets"
  echo
  printf '| target |'; for db in $databases; do printf ' %s |' "$(label "$db")"; done; echo
  printf '|---|'; for db in $databases; do printf '%s' '---|'; done; echo
  printf '| server CPU per complete sign-in ≤ 0.5 ms |'
  for db in $databases; do printf ' %s ms — %s |' "${R[$db.cpu]}" "$(verdict "${R[$db.cpu]}" 0.5 '<=')"; done; echo
  for page in home profile; do
    printf '| signed-in %s throughput ≥ 50 %% of the public page'"'"'s |' "$page"
    for db in $databases; do
      value=$(ratio "${R[$db.$page.rps]}" "${R[$db.public.rps]}" 100 '%.0f')
      printf ' %s %% — %s |' "$value" "$(verdict "$value" 50 '>=')"
    done; echo
    printf '| signed-in %s p99 ≤ 2× the public page'"'"'s |' "$page"
    for db in $databases; do
      value=$(ratio "${R[$db.$page.p99]}" "${R[$db.public.p99]}" 1 '%.1f')
      printf ' %s× — %s |' "$value" "$(verdict "$value" 2 '<=')"
    done; echo
  done
  printf '| static file over one keep-alive connection p50 ≤ 1 ms |'
  for db in $databases; do printf ' %s ms — %s |' "${R[$db.static.p50]}" "$(verdict "${R[$db.static.p50]}" 1 '<=')"; done; echo
  printf '| RSS ≤ 50 MB after %s sessions |' "$sessions"
  for db in $databases; do printf ' %s MB — %s |' "${R[$db.rss_sessions]}" "$(verdict "${R[$db.rss_sessions]}" 50 '<=')"; done; echo
  printf '| JS + WASM first load within budget |'
  for db in $databases; do printf ' %s |' "$([ "$budget_status" = 0 ] && echo met || echo 'not met')"; done; echo
  echo
  echo "First-load bytes (\`node scripts/size-budget.mjs\`, exit $budget_status):"
  echo
  echo '```'
  cat "$work/size-budget.txt"
  echo '```'
} >"$report"

out=${out:-bench/results/$day-$commit.md}
mkdir -p "$(dirname "$out")"
separator=""
[ -s "$out" ] && separator=$'\n'
printf '%s' "$separator" >>"$out"
cat "$report" >>"$out"
echo
cat "$report"
echo
echo "Appended to $out ($((SECONDS - started)) s)."
