#!/usr/bin/env bash
# The Erlang port mapper of a RabbitMQ cluster (the AppHost's Messaging:Nodes=3), as a resource of its own: the
# members find each other through it, so it must outlive any one of them — a member stopped and started again
# registers with the same epmd its peers still use. Loopback only, on a port of its own. In: RABBIT_EPMD_PORT.
set -euo pipefail
# shellcheck source=supervise.sh
source "$(dirname "$0")/supervise.sh"
: "${RABBIT_EPMD_PORT:?}"
epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | sort -V | tail -n 1)
[ -x "$epmd" ] || { echo "epmd not found (apt-get install erlang-base)" >&2; exit 1; }
supervise epmd "$epmd" -address 127.0.0.1 -port "$RABBIT_EPMD_PORT"
