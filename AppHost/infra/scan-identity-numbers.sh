#!/usr/bin/env bash
# Scans files or folders — PostgreSQL's data folder, a backup, exported logs — for checksum-valid identity numbers
# (GB 11643): 17 digits and a check character confirmed by the standard's rule — weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5
# 8 4 2, R = Σ mod 11, check = "10X98765432"[R]. Eighteen-digit runs that fail the check (order numbers, timestamps)
# are not reported, nor are digits inside longer runs.
#
# Usage: scan-identity-numbers.sh <folder or file>...
# Prints each hit as "<file><TAB><masked number>" (341525********123X: the number itself is never printed) and a
# summary on stderr. Exit status: 0 none found, 1 some found, 2 the scan could not run or read everything.
#
# For PostgreSQL: run as root or as the postgres user (the folder is private to it), after a CHECKPOINT so that what
# was written recently is in the files, e.g.
#   psql -c CHECKPOINT && AppHost/infra/scan-identity-numbers.sh "$(psql -Atc 'SHOW data_directory')"
# It finds numbers stored as plain text; a value PostgreSQL compressed can hide a number's digits, so none found in
# compressed columns proves less than none found in uncompressed or encrypted ones.
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <folder or file>..." >&2
  exit 2
fi

# grep prints "<file>:<18 characters>" for every candidate; awk keeps those whose check character is right.
LC_ALL=C grep -rHaoP -D skip '(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])' -- "$@" | LC_ALL=C awk '
  BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", weight, " "); checks = "10X98765432" }
  {
    id = substr($0, length($0) - 17)
    file = substr($0, 1, length($0) - 19)
    sum = 0
    for (i = 1; i <= 17; i++) sum += substr(id, i, 1) * weight[i]
    if (toupper(substr(id, 18, 1)) == substr(checks, sum % 11 + 1, 1)) {
      hits++
      if (!(file in seen)) { seen[file] = 1; files++ }
      print file "\t" substr(id, 1, 6) "********" toupper(substr(id, 15, 4))
    }
  }
  END {
    printf "%d checksum-valid identity numbers in %d files\n", hits, files > "/dev/stderr"
    exit hits > 0 ? 1 : 0
  }'
statuses=("${PIPESTATUS[@]}")
if [ "${statuses[1]}" -eq 1 ]; then
  exit 1
fi
if [ "${statuses[0]}" -ge 2 ] || [ "${statuses[1]}" -ne 0 ]; then
  echo "the scan did not read everything (see the messages above)" >&2
  exit 2
fi
exit 0
