#!/usr/bin/env bash
# PostgreSQL from the Debian package, started by the AppHost as an executable resource.
# In: PG_DATA (data folder), PG_PORT, PG_PASSWORD (for the postgres superuser), PG_EPHEMERAL (1: no fsync),
# PG_ARCHIVE (optional: a folder WAL is archived into — continuous archiving, a segment at least every minute).
# PostgreSQL refuses to run as root, so as root it runs as the postgres user (setpriv execs, so the
# supervisor's signals reach postgres itself). Supervised: restarted on the same data folder if it dies.
set -euo pipefail
# shellcheck source=supervise.sh
source "$(dirname "$0")/supervise.sh"
: "${PG_DATA:?}" "${PG_PORT:?}" "${PG_PASSWORD:?}"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups)
fi

mkdir -p "$PG_DATA"
chmod 700 "$PG_DATA"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$PG_PASSWORD" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  "${as_owner[@]}" "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi

settings=(-c listen_addresses=127.0.0.1 -c port="$PG_PORT" -c unix_socket_directories= -c max_connections="${PG_MAX_CONNECTIONS:-500}"
  -c shared_buffers=256MB -c log_min_messages=warning -c log_line_prefix='%m [%p] '
  # Statement statistics for whoever looks after the server (and the benchmark's table of where PostgreSQL's time goes):
  # `CREATE EXTENSION pg_stat_statements` in a database reads them. Normalised statements only — never a parameter's value.
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top)
if [ -n "${PG_ARCHIVE:-}" ]; then
  mkdir -p "$PG_ARCHIVE"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_ARCHIVE"
  archive_command="bash $(printf '%q' "$(cd "$(dirname "$0")" && pwd)/archive-wal.sh") %p $(printf '%q' "$PG_ARCHIVE") %f"
  settings+=(-c archive_mode=on -c archive_command="$archive_command" -c archive_timeout=60 -c wal_level=replica)
fi
if [ "${PG_EPHEMERAL:-0}" = 1 ]; then
  # A throw-away data set: durability buys nothing here.
  settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

# SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every pooled connection to close.
SUPERVISOR_STOP_SIGNAL=INT
supervise postgres "${as_owner[@]}" "$bin/postgres" -D "$PG_DATA" "${settings[@]}"
