#!/usr/bin/env bash
# The test command: installs what the tests need, builds once, runs every test project.
# Integration and end-to-end tests start the whole county through the AppHost (real PostgreSQL,
# RabbitMQ and Redis), so nothing has to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")"

bash AppHost/infra/prerequisites.sh
# The township pages, the portal and the printable pages are tested in Debian's Chromium (Playwright drives it; its own browser download is
# not used), the county's workbooks printed from LibreOffice Calc; both need a Chinese font to print Chinese.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
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
