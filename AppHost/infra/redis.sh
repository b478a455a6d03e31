#!/usr/bin/env bash
# Redis from the Debian package, started by the AppHost as an executable resource, on 127.0.0.1 only.
# In: REDIS_PORT, REDIS_PASSWORD, REDIS_DIR (working folder), REDIS_APPENDONLY (yes: keep data in REDIS_DIR).
# Supervised: restarted with the same port and folder if it dies.
set -euo pipefail
# shellcheck source=supervise.sh
source "$(dirname "$0")/supervise.sh"
: "${REDIS_PORT:?}" "${REDIS_PASSWORD:?}" "${REDIS_DIR:?}"

command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }

# The password goes in a config file of this run, not on the command line where every process can read it.
config="$REDIS_DIR/redis.conf"
umask 077
cat > "$config" <<CONF
port $REDIS_PORT
bind 127.0.0.1
protected-mode yes
requirepass $REDIS_PASSWORD
save ""
appendonly ${REDIS_APPENDONLY:-no}
dir $REDIS_DIR
CONF

supervise redis redis-server "$config"
