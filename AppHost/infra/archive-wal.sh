#!/usr/bin/env bash
# PostgreSQL's archive_command: archive-wal.sh <path of the WAL file> <archive folder> <file name>
# Compresses the file into the archive (a segment closed early by archive_timeout is mostly zeros) under a
# temporary name, flushes it to disk and renames it, so the archive never holds half a segment. PostgreSQL
# retries a failure and never removes a segment before it is archived. A segment already archived (a crash
# between the copy and PostgreSQL noting it) counts as done when it is the same; a different one is refused.
set -euo pipefail
src=$1 dir=$2 name=$3
target="$dir/$name.gz"
if [ -f "$target" ]; then
  if gzip -dc "$target" | cmp -s - "$src"; then
    exit 0
  fi
  echo "archive-wal: $target exists with other content; not overwritten" >&2
  exit 1
fi
gzip -1 -c "$src" > "$target.part"
sync "$target.part"
mv "$target.part" "$target"
