#!/usr/bin/env bash
# The benchmark (not a test): starts the county through the AppHost and measures (a) the outbox relay
# against raw pipelined publisher confirms and (b) the gateway against a bare YARP proxy and the
# service itself, (c) the import against COPY, (d) the ledger at a million households and (e) the needs →
# assigned-order flow through RabbitMQ, (e2) its deliveries to 16 township centres before and after routing by
# township; (f, parts=render) the portal's pages on the demo county; (g) a
# 200,000-row .xlsx against the CSV of the same rows. Prints the ratios and writes bench-results/latest.md.
#   ./bench.sh [messages=20000] [seconds-per-run=8] [import-rows=1000000] [ledger-households=1000000] [parts=all|relay,http,import,ledger,flow,routing,xlsx|serve|render|replicas] [demo-households=12000] [xlsx-rows=200000] [replica-flows=300] [replica-rate=4] [flow-rates=10,20,30,50,200]
set -euo pipefail
cd "$(dirname "$0")"
bash AppHost/infra/prerequisites.sh
dotnet build ReliefPlatform.sln -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet run -c Release --no-build --project tests/ReliefPlatform.Benchmarks -- "$@"
