#!/usr/bin/env bash
# PostgreSQL's restore_command during a restore: restore-wal.sh <archive folder> <file name> <path to write>
# A file the archive does not have ends recovery there (exit 1, as PostgreSQL expects); a file it has but cannot
# decompress is damage, and recovery must stop rather than end early and silently: exit 255 makes PostgreSQL stop.
set -uo pipefail
dir=$1 name=$2 dest=$3
source="$dir/$name.gz"
[ -f "$source" ] || exit 1
if [ ! -r "$source" ]; then
  echo "restore-wal: archived WAL file $name cannot be read by $(id -un): restore stopped" >&2
  exit 255
fi
if ! gzip -t "$source" 2>/dev/null; then
  echo "restore-wal: archived WAL file $name is damaged (gzip check failed): restore stopped" >&2
  exit 255
fi
gzip -dc "$source" > "$dest"
