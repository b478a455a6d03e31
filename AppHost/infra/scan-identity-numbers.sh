#!/usr/bin/env bash
# Scans files or folders — PostgreSQL's data folder, a backup, exported logs — for identity numbers (GB 11643) as the
# county itself would accept them: 17 digits and a check character; a province the standard names (xx0000 only for
# Taiwan, Hong Kong and Macao); a birth date that exists, from 1900 to today; and the check character by the
# standard's rule — weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, R = Σ mod 11, check = "10X98765432"[R]. Eighteen-digit
# runs that fail any of these (order numbers, timestamps, a SHA-256 printed in hex, which holds eighteen digits with a
# right check character about once in a thousand hashes) are not reported, nor are digits inside longer runs.
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
LC_ALL=C grep -rHaoP -D skip '(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])' -- "$@" | LC_ALL=C awk -v today="$(date -u +%Y%m%d)" '
  BEGIN {
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", weight, " "); checks = "10X98765432"
    split("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82", codes, " ")
    for (c in codes) province[codes[c]] = 1
    split("31 28 31 30 31 30 31 31 30 31 30 31", monthDays, " ")
  }
  {
    id = substr($0, length($0) - 17)
    file = substr($0, 1, length($0) - 19)
    if (!(substr(id, 1, 2) in province) || (substr(id, 1, 2) < 71 && substr(id, 3, 4) == "0000")) next
    year = substr(id, 7, 4) + 0; month = substr(id, 11, 2) + 0; day = substr(id, 13, 2) + 0
    leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    if (year < 1900 || substr(id, 7, 8) > today || month < 1 || month > 12 || day < 1) next
    if (day > monthDays[month] + (month == 2 && leap)) next
    sum = 0
    for (i = 1; i <= 17; i++) sum += substr(id, i, 1) * weight[i]
    if (toupper(substr(id, 18, 1)) == substr(checks, sum % 11 + 1, 1)) {
      hits++
      if (!(file in seen)) { seen[file] = 1; files++ }
      print file "\t" substr(id, 1, 6) "********" toupper(substr(id, 15, 4))
    }
  }
  END {
    printf "%d identity numbers in %d files\n", hits, files > "/dev/stderr"
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
