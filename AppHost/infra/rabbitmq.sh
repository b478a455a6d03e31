#!/usr/bin/env bash
# RabbitMQ from the Debian package, started by the AppHost as an executable resource, in the foreground
# with logs on stdout. Several nodes can coexist: each has its own HOME, node name, ports and data.
# In: RABBIT_DATA, RABBIT_PORT (AMQP), RABBIT_DIST_PORT (Erlang distribution), RABBIT_EPMD_PORT (this node's
# own epmd), RABBIT_PASSWORD (user "relief"), RABBIT_KEEP (1: fixed node name so a kept data folder is reused).
# A node of a cluster also gets RABBIT_NODE (its node name before @localhost), RABBIT_COOKIE (the cluster's Erlang cookie),
# RABBIT_CLUSTER_NODES (every member's node name, space-separated: it joins the first that answers when it first boots)
# and RABBIT_EPMD_SHARED=1 (the cluster's one epmd runs as a resource of its own, epmd.sh, at RABBIT_EPMD_PORT).
#
# Every listener is on 127.0.0.1: AMQP, the Erlang distribution port and epmd. epmd is normally shared by
# every node on the machine and outlives them, and one left from an earlier run may listen on all
# interfaces; so this node runs an epmd of its own, on loopback and on a port of its own, for as long as
# this script runs.
#
# Supervised: if the broker dies it is started again with the same node name, ports and data, so durable
# queues and persistent messages are still there.
set -euo pipefail
# shellcheck source=supervise.sh
source "$(dirname "$0")/supervise.sh"
: "${RABBIT_DATA:?}" "${RABBIT_PORT:?}" "${RABBIT_DIST_PORT:?}" "${RABBIT_EPMD_PORT:?}" "${RABBIT_PASSWORD:?}"

server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ not found at $server (apt-get install rabbitmq-server)" >&2; exit 1; }
epmd=$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | sort -V | tail -n 1)
[ -x "$epmd" ] || { echo "epmd not found (apt-get install erlang-base)" >&2; exit 1; }

mkdir -p "$RABBIT_DATA/home" "$RABBIT_DATA/mnesia"
cat > "$RABBIT_DATA/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT
default_user = relief
default_pass = $RABBIT_PASSWORD
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
CONF
echo "[]." > "$RABBIT_DATA/enabled_plugins"

if [ -n "${RABBIT_CLUSTER_NODES:-}" ]; then
  echo "cluster_formation.peer_discovery_backend = classic_config" >> "$RABBIT_DATA/rabbitmq.conf"
  i=1
  for member in $RABBIT_CLUSTER_NODES; do
    echo "cluster_formation.classic_config.nodes.$i = $member@localhost" >> "$RABBIT_DATA/rabbitmq.conf"
    i=$((i + 1))
  done
fi

if [ -n "${RABBIT_COOKIE:-}" ]; then
  # The members of a cluster prove themselves to each other with one cookie; only the node's user may read it.
  rm -f "$RABBIT_DATA/home/.erlang.cookie"
  (umask 077 && printf '%s' "$RABBIT_COOKIE" > "$RABBIT_DATA/home/.erlang.cookie")
fi

if [ -n "${RABBIT_NODE:-}" ]; then
  node=$RABBIT_NODE
elif [ "${RABBIT_KEEP:-0}" = 1 ]; then
  node=relief
else
  node="relief$RABBIT_PORT"
fi

export HOME="$RABBIT_DATA/home"
export RABBITMQ_NODENAME="$node@localhost"
export RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
export RABBITMQ_MNESIA_BASE="$RABBIT_DATA/mnesia"
export RABBITMQ_CONFIG_FILE="$RABBIT_DATA/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DATA/enabled_plugins"
export RABBITMQ_LOGS=-
export RABBITMQ_CONF_ENV_FILE=/dev/null
# The node and its command-line tools find (or, failing that, start) epmd here, and only on loopback.
export ERL_EPMD_PORT="$RABBIT_EPMD_PORT"
export ERL_EPMD_ADDRESS=127.0.0.1
# The distribution listener binds loopback too (by default it takes every interface).
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

epmd_pid=
before_start() {
  if [ "${RABBIT_EPMD_SHARED:-0}" = 1 ]; then
    # The cluster's epmd is not this node's to start or stop; wait for it (it may itself be starting again).
    for _ in $(seq 300); do
      "$epmd" -port "$RABBIT_EPMD_PORT" -names >/dev/null 2>&1 && return
      sleep 0.1
    done
    echo "the cluster's epmd did not answer on 127.0.0.1:$RABBIT_EPMD_PORT" >&2
    return
  fi
  if [ -n "$epmd_pid" ] && kill -0 "$epmd_pid" 2>/dev/null; then
    return
  fi
  "$epmd" -address 127.0.0.1 -port "$RABBIT_EPMD_PORT" &
  epmd_pid=$!
  for _ in $(seq 50); do
    "$epmd" -port "$RABBIT_EPMD_PORT" -names >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "epmd did not answer on 127.0.0.1:$RABBIT_EPMD_PORT" >&2
}

stop_epmd() {
  if [ -n "$epmd_pid" ]; then
    kill "$epmd_pid" 2>/dev/null || true
  fi
}
trap stop_epmd EXIT

supervise rabbitmq "$server"
