#!/usr/bin/env bash
# RabbitMQ from the Debian package, started by the AppHost as an executable resource, in the foreground
# with logs on stdout. Several nodes can coexist: each has its own HOME, node name, ports and data.
# In: RABBIT_DATA, RABBIT_PORT (AMQP), RABBIT_DIST_PORT (Erlang distribution), RABBIT_PASSWORD (user
# "relief"), RABBIT_KEEP (1: fixed node name so a kept data folder is reused).
set -euo pipefail
: "${RABBIT_DATA:?}" "${RABBIT_PORT:?}" "${RABBIT_DIST_PORT:?}" "${RABBIT_PASSWORD:?}"

server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ not found at $server (apt-get install rabbitmq-server)" >&2; exit 1; }

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
: > "$RABBIT_DATA/enabled_plugins"
echo "[]." > "$RABBIT_DATA/enabled_plugins"

if [ "${RABBIT_KEEP:-0}" = 1 ]; then
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
exec "$server"
