#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the county (hub and township centres)
# under the Aspire AppHost. Extra arguments go to the AppHost, e.g.
#   ./run.sh --Townships:Run=all                      all 16 township centres
#   ./run.sh --Infrastructure:DataDirectory=.data     keep the data between runs
set -euo pipefail
cd "$(dirname "$0")"

bash AppHost/infra/prerequisites.sh
dotnet build ReliefPlatform.sln --nologo -v quiet -clp:ErrorsOnly

cat <<INFO

  ReliefPlatform is starting.
  Dashboard:  http://localhost:18888   (open the "Login to the dashboard" link printed below; it carries the token)
  Portal:     http://localhost:5100    (sign in as caseworker with the password printed below)
  Gateway:    http://localhost:5100/api-reference (API reference page; APIs under /api/<service>/…, townships under /api/townships/<code>/…)
  Demo:       the county fills itself in the background (~20 min for 12,000 households; dashboard resource demo-county); --Demo:Seed=false skips it
  Stop:       Ctrl+C (stops every server the AppHost started)

INFO
exec dotnet run --project AppHost --no-build --launch-profile http -- "$@"
