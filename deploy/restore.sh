#!/usr/bin/env bash
# Restores a backup made by backup.sh into the database named by DATABASE_URL or DATABASE_URL_FILE
# (docs/DEPLOYMENT.md, "Backup and restore"; the URL is never printed).
#
#   SQLite      copies the backup into place. Stop every server instance first: a running server keeps the old file
#               open, and its write-ahead log would be applied to the new one. An existing database is replaced only
#               with --force (with its -wal and -shm files).
#   PostgreSQL  pg_restore --no-owner --exit-on-error --single-transaction into a database that exists and is empty
#               (createdb it first); anything in it already is refused. A failed restore leaves it empty.
#
# The servers must run with the CITIZEN_ID_KEY they had when the backup was made: it is not in the backup, and under
# another key no imported officer or Token bound to a citizen ID matches anyone.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: restore.sh [--force] [--server PATH] [--config FILE] BACKUP

Restores BACKUP (from backup.sh) into the database named by DATABASE_URL or DATABASE_URL_FILE.

  --force        SQLite: replace an existing database file (stop every server instance first)
  --server PATH  afterwards, check the restored database with `server migrate --status` (optional; the server's
                 whole configuration must then be in the environment, as for backup.sh)
  --config FILE  the server's Leptos.toml for that check (default: the server's own, ./Leptos.toml)
  -h, --help     this message
EOF
}

# shellcheck source=deploy/database-url.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/database-url.sh"

force=false
server=""
config=()
backup=""
while (($#)); do
  case $1 in
    --force) force=true; shift ;;
    --server) server=${2:?--server needs a path}; shift 2 ;;
    --config) config=(--config "${2:?--config needs a file}"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) [[ -z $backup ]] || { usage >&2; exit 2; }; backup=$1; shift ;;
  esac
done
[[ -n $backup ]] || { usage >&2; exit 2; }
[[ -f $backup && -r $backup ]] || die "cannot read the backup $backup"
[[ -z $server || -x $server ]] || die "the server binary $server is not there"

read_database_url
umask 077
magic=$(head -c 15 -- "$backup" | tr -d '\0')

case $DB_KIND in
  sqlite)
    [[ $magic == "SQLite format 3" ]] || die "$backup is not an SQLite backup (from server backup)"
    sqlite_file "$DB_URL"
    target=$SQLITE_FILE
    if [[ -e $target || -e $target-wal ]]; then
      $force || die "the database $target exists; stop every server instance and run again with --force to replace it"
    fi
    mkdir -p -- "$(dirname -- "$target")"
    # Copied beside the target and renamed over it, so the database is never half written; the old database's
    # write-ahead log and shared memory go with it.
    cp -- "$backup" "$target.restoring"
    rm -f -- "$target-wal" "$target-shm" "$target-journal"
    mv -f -- "$target.restoring" "$target"
    echo "restored $backup to $target"
    ;;
  postgres)
    [[ $magic == PGDMP* ]] || die "$backup is not a PostgreSQL backup (from pg_dump --format=custom)"
    command -v pg_restore >/dev/null && command -v psql >/dev/null ||
      die "pg_restore and psql are not installed (Debian: postgresql-client)"
    pg_url_without_password "$DB_URL"
    # Restoring over existing tables would mix two databases (or fail half-way): only an empty one is accepted.
    if ! relations=$(psql --no-psqlrc --no-password --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 \
      --dbname="$PG_URL" --command="SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname <> 'information_schema'
          AND n.nspname !~ '^pg_'"); then
      die "cannot reach the target database; it must exist (createdb) and be empty"
    fi
    [[ $relations == 0 ]] ||
      die "the target database is not empty ($relations tables, sequences or views); restore into a new, empty one"
    pg_restore --no-owner --exit-on-error --single-transaction --no-password --dbname="$PG_URL" -- "$backup" ||
      die "pg_restore failed; the target database is unchanged"
    echo "restored $backup"
    ;;
esac

if [[ -n $server ]]; then
  echo "the server sees these migrations (pending ones apply when it starts):"
  "$server" "${config[@]}" migrate --status || die "the server cannot read the restored database"
fi
if [[ $DB_KIND == sqlite && $EUID -eq 0 ]]; then
  # Run as root: hand the files to the owner of their folder (the service's user), who must write them.
  owner=$(stat -c %u:%g -- "$(dirname -- "$target")")
  for file in "$target" "$target-wal" "$target-shm"; do
    if [[ -e $file ]]; then chown -- "$owner" "$file"; fi
  done
fi
echo "done; start the servers and check /readyz"
