# shellcheck shell=bash
# Sourced by backup.sh and restore.sh (not run on its own): the database URL, read as the server reads it, and what
# the PostgreSQL tools need from it. Nothing here prints the URL: it may hold a password.

# Prints a message to standard error and exits.
die() {
  printf '%s: %s\n' "${0##*/}" "$1" >&2
  exit "${2:-1}"
}

# Sets DB_URL to $DATABASE_URL, or to the contents of the file named by $DATABASE_URL_FILE with surrounding white space
# trimmed — exactly one of them, as the server requires — and DB_KIND to sqlite or postgres.
read_database_url() {
  if [[ -n ${DATABASE_URL:-} && -n ${DATABASE_URL_FILE:-} ]]; then
    die "both DATABASE_URL and DATABASE_URL_FILE are set; set only one"
  elif [[ -n ${DATABASE_URL_FILE:-} ]]; then
    [[ -r $DATABASE_URL_FILE ]] || die "cannot read DATABASE_URL_FILE ($DATABASE_URL_FILE)"
    DB_URL=$(<"$DATABASE_URL_FILE")
  elif [[ -n ${DATABASE_URL:-} ]]; then
    DB_URL=$DATABASE_URL
  else
    die "set DATABASE_URL or DATABASE_URL_FILE as for the server, e.g.
  set -a; . /etc/info-backoffice/info-backoffice.env; set +a
  export DATABASE_URL_FILE=/etc/info-backoffice/credentials/database-url"
  fi
  DB_URL=${DB_URL#"${DB_URL%%[![:space:]]*}"}
  DB_URL=${DB_URL%"${DB_URL##*[![:space:]]}"}
  case $DB_URL in
    sqlite:*) DB_KIND=sqlite ;;
    postgres://* | postgresql://*) DB_KIND=postgres ;;
    *) die "the database URL is neither sqlite:… nor postgres://…" ;;
  esac
}

# Sets SQLITE_FILE to the file an sqlite: URL names (as domain::database::DatabaseUrl::sqlite_file reads it); an
# in-memory database has no file to back up or restore.
sqlite_file() {
  local rest=${1#sqlite:} query=""
  rest=${rest#//}
  [[ $rest == *\?* ]] && query=${rest#*\?}
  SQLITE_FILE=${rest%%\?*}
  if [[ -z $SQLITE_FILE || $SQLITE_FILE == ":memory:" || "&$query&" == *"&mode=memory&"* ]]; then
    die "the SQLite database is in memory: there is no file"
  fi
}

# Sets PG_URL to a postgres:// URL without its password and exports the password, percent-decoded, as PGPASSWORD:
# a command line is visible to every local user (ps), the environment only to the same user. pg_dump, pg_restore and
# psql read PGPASSWORD (or ~/.pgpass) themselves.
pg_url_without_password() {
  local url=$1 scheme rest authority userinfo password
  scheme=${url%%://*}
  rest=${url#*://}
  authority=${rest%%[/?#]*}
  PG_URL=$url
  if [[ $authority == *@* ]]; then
    userinfo=${authority%@*}
    if [[ $userinfo == *:* ]]; then
      password=${userinfo#*:}
      password=${password//\\/\\\\}
      printf -v PGPASSWORD '%b' "${password//%/\\x}"
      export PGPASSWORD
      PG_URL="$scheme://${userinfo%%:*}@${authority##*@}${rest:${#authority}}"
    fi
  fi
}
