#!/usr/bin/env bash
# Backs up the Info Backoffice database while the servers run (docs/DEPLOYMENT.md, "Backup and restore").
#
#   SQLite      `server backup --to FILE`: SQLite's VACUUM INTO, a consistent copy taken online (no sqlite3 needed).
#   PostgreSQL  `pg_dump --format=custom` (pg_dump at least as new as the database server).
#
# The backup holds the database only. Two secrets are NOT in it and must be kept separately, never beside it:
#   - CITIZEN_ID_KEY: the key of the HMAC under which officers' citizen IDs are stored. A restore under another key
#     cannot match imported officers or Token bindings to anyone, and the key cannot be recovered from the backup.
#   - DIGITAL_ID_CLIENT_SECRET: this back office's secret at Digital ID (Digital ID can issue a new one).
# The backup does hold officers' names, telephone numbers and e-mail addresses, hashed citizen IDs and the audit log:
# it is created readable by its owner only; store and ship it encrypted.
#
# The database URL comes from DATABASE_URL or DATABASE_URL_FILE, as for the server; it is never printed.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: backup.sh [--server PATH] [--config FILE] (--to FILE | --into DIR)

Backs up the database named by DATABASE_URL or DATABASE_URL_FILE (as the server reads them):
SQLite online through `server backup` (VACUUM INTO), PostgreSQL with pg_dump --format=custom.

  --to FILE      the backup file to create; an existing file is never overwritten
  --into DIR     create DIR/info-backoffice-<UTC date and time>.sqlite (or .pgdump) instead
  --server PATH  the server binary, for SQLite (default: /opt/info-backoffice/server)
  --config FILE  the server's Leptos.toml, for SQLite (default: the server's own, ./Leptos.toml); the rest of the
                 server's configuration must be in the environment too (source the environment file)
  -h, --help     this message
EOF
}

# shellcheck source=deploy/database-url.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/database-url.sh"

server=/opt/info-backoffice/server
config=()
to=""
into=""
while (($#)); do
  case $1 in
    --server) server=${2:?--server needs a path}; shift 2 ;;
    --config) config=(--config "${2:?--config needs a file}"); shift 2 ;;
    --to) to=${2:?--to needs a file}; shift 2 ;;
    --into) into=${2:?--into needs a folder}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [[ -n $to && -n $into ]] || [[ -z $to && -z $into ]]; then
  usage >&2
  exit 2
fi

read_database_url
# Officers' personal data: the backup (and any partial file) is readable by its owner only.
umask 077
if [[ -n $into ]]; then
  [[ -d $into ]] || die "$into is not a folder"
  extension=$([[ $DB_KIND == sqlite ]] && echo sqlite || echo pgdump)
  to="$into/info-backoffice-$(date -u +%Y%m%dT%H%M%SZ).$extension"
fi
[[ -e $to ]] && die "$to exists already; a backup never overwrites a file"

case $DB_KIND in
  sqlite)
    [[ -x $server ]] || die "the server binary $server is not there (give --server PATH)"
    # The server opens the database from its own configuration and environment, as it does when serving.
    "$server" "${config[@]}" backup --to "$to"
    ;;
  postgres)
    command -v pg_dump >/dev/null || die "pg_dump is not installed (Debian: postgresql-client)"
    pg_url_without_password "$DB_URL"
    # Written under another name first, so an interrupted dump never looks like a backup.
    partial="$to.partial"
    [[ -e $partial ]] && die "$partial exists: an earlier backup was interrupted; remove it"
    if ! pg_dump --format=custom --no-password --file="$partial" --dbname="$PG_URL"; then
      rm -f -- "$partial"
      die "pg_dump failed; no backup was written"
    fi
    mv -- "$partial" "$to"
    ;;
esac
echo "backup written: $to ($(wc -c <"$to") bytes)"
