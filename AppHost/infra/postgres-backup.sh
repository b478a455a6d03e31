#!/usr/bin/env bash
# Base backups of the PostgreSQL the AppHost runs, beside its continuous WAL archive, started by the AppHost as an
# executable resource of its own (nothing waits for it: a backup never delays the county's start).
# In: PG_PORT, PG_PASSWORD, BACKUP_DIR (holds wal/, which PostgreSQL archives into, and base/),
#     BACKUP_RETENTION_DAYS (default 14), BACKUP_EVERY_HOURS (default 24).
# A base backup is taken at start when none is younger than BACKUP_EVERY_HOURS, then whenever the newest one is that
# old. Each is pg_basebackup's tar format (base.tar.gz, pg_wal.tar.gz, backup_manifest) in base/<UTC time>/, written
# under <time>.part and renamed when complete, with the WAL file it starts at in start-wal. Retention: base backups
# older than BACKUP_RETENTION_DAYS are removed (the newest is always kept), then every archived WAL file older than
# the oldest kept base backup's start.
set -uo pipefail
: "${PG_PORT:?}" "${PG_PASSWORD:?}" "${BACKUP_DIR:?}"
retention_days=${BACKUP_RETENTION_DAYS:-14}
every_hours=${BACKUP_EVERY_HOURS:-24}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_basebackup" ] || { echo "pg_basebackup not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
export PGPASSWORD=$PG_PASSWORD
base="$BACKUP_DIR/base"
wal="$BACKUP_DIR/wal"
mkdir -p "$base"
rm -rf "$base"/*.part

child=
trap '[ -n "$child" ] && kill "$child" 2>/dev/null; echo "postgres-backup: stopped"; exit 0' TERM INT

# Runs a command in the background and waits for it, so a stop signal is acted on at once.
run() {
  "$@" &
  child=$!
  wait "$child"
  local rc=$?
  child=
  return "$rc"
}

completed() { find "$base" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended -regex '.*/[0-9]{8}T[0-9]{6}Z' -printf '%f\n' | sort; }

take_base_backup() {
  local stamp part started start_wal
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  part="$base/$stamp.part"
  started=$SECONDS
  echo "postgres-backup: base backup $stamp started"
  if ! run "$bin/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres --no-password -D "$part" -Ft -z -X stream --checkpoint=fast; then
    rm -rf "$part"
    echo "postgres-backup: base backup $stamp FAILED; trying again in a minute" >&2
    return 1
  fi
  start_wal=$(tar -xzOf "$part/base.tar.gz" backup_label | sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p')
  printf '%s\n' "$start_wal" > "$part/start-wal"
  mv "$part" "$base/$stamp"
  echo "postgres-backup: base backup $stamp done in $((SECONDS - started)) s ($(du -sh "$base/$stamp" | cut -f1)), starts at WAL $start_wal"
}

prune() {
  local cutoff newest oldest b
  cutoff=$(date -u -d "-$retention_days days" +%Y%m%dT%H%M%SZ)
  newest=$(completed | tail -n 1)
  [ -n "$newest" ] || return 0
  for b in $(completed); do
    if [ "$b" \< "$cutoff" ] && [ "$b" != "$newest" ]; then
      rm -rf "${base:?}/$b"
      echo "postgres-backup: base backup $b removed (older than $retention_days days)"
    fi
  done
  oldest=$(completed | head -n 1)
  if [ -s "$base/$oldest/start-wal" ] && [ -d "$wal" ]; then
    "$bin/pg_archivecleanup" -x .gz "$wal" "$(cat "$base/$oldest/start-wal")"
  fi
}

until "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q; do
  run sleep 1
done

while :; do
  newest=$(completed | tail -n 1)
  due=1
  if [ -n "$newest" ]; then
    newest_epoch=$(date -u -d "$(echo "$newest" | sed -E 's/(....)(..)(..)T(..)(..)(..)Z/\1-\2-\3 \4:\5:\6 UTC/')" +%s)
    [ $(( $(date -u +%s) - newest_epoch )) -lt $((every_hours * 3600)) ] && due=0
  fi
  if [ "$due" = 1 ]; then
    take_base_backup && prune
  fi
  run sleep 60
done
