#!/usr/bin/env bash
# Makes sure this machine can run the county: the .NET SDK, and PostgreSQL, RabbitMQ and Redis from
# Debian's packages unless a container runtime answers (then the AppHost uses Aspire's containers).
set -euo pipefail

command -v dotnet >/dev/null || { echo "The .NET SDK 10 is needed (https://dot.net)." >&2; exit 1; }

runtime_answers() {
  { command -v docker >/dev/null && docker info >/dev/null 2>&1; } || { command -v podman >/dev/null && podman info >/dev/null 2>&1; }
}

have_servers() {
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v redis-server >/dev/null
}

if runtime_answers; then
  echo "Container runtime found: the AppHost runs PostgreSQL, RabbitMQ and Redis as containers."
  exit 0
fi

if have_servers; then
  exit 0
fi

echo "No container runtime: installing PostgreSQL, RabbitMQ and Redis from Debian's packages."
packages=(postgresql rabbitmq-server redis-server)
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "Please install as root: apt-get install -y ${packages[*]}" >&2
  exit 1
fi
have_servers || { echo "The servers are still missing after installing ${packages[*]}." >&2; exit 1; }
