#!/usr/bin/env bash
# The test command: installs what the tests need, builds once, runs every test project.
# Integration and end-to-end tests start the whole county through the AppHost (real PostgreSQL,
# RabbitMQ and Redis), so nothing has to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")"

bash AppHost/infra/prerequisites.sh
# The township pages and the portal are tested in Debian's Chromium (Playwright drives it; its own browser download is
# not used), with a CJK font so Chinese text in screenshots is not empty boxes.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
dotnet build ReliefPlatform.sln --nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test ReliefPlatform.sln --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!/ {
  for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
