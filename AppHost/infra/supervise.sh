# Sourced by the server scripts: keeps one server running for the AppHost.
#
#   supervise <name> <command> [args…]
#
# Runs the command; when it exits on its own (a crash, kill -9, out of memory) it is started again with
# the same arguments, data and ports after 1 s, 2 s, 4 s … at most 30 s (the backoff starts over once a run
# has lasted a minute). Every restart is written to stdout, so it shows in the resource's log in the
# dashboard. A stop from the AppHost or the dashboard (SIGTERM or SIGINT to this script) is passed on to
# the server and ends the loop: a stop is never fought.
#
# A script may define before_start (runs before every start) and set SUPERVISOR_STOP_SIGNAL (the signal that
# stops the server cleanly and quickly; default: the one received).

supervise() {
  local name=$1
  shift
  local attempt=0 delay=1 started status
  _supervised_child=
  _supervisor_stopping=0
  trap '_supervisor_stop TERM' TERM
  trap '_supervisor_stop INT' INT
  trap '' HUP

  while :; do
    if declare -F before_start >/dev/null; then
      before_start
    fi
    started=$SECONDS
    "$@" &
    _supervised_child=$!
    status=0
    _supervisor_wait || status=$?
    _supervised_child=
    if [ "$_supervisor_stopping" = 1 ]; then
      echo "supervisor: $name stopped (status $status)"
      return 0
    fi

    if [ $((SECONDS - started)) -ge 60 ]; then
      attempt=0
      delay=1
    fi
    attempt=$((attempt + 1))
    echo "supervisor: $name exited (status $status); restarting (attempt $attempt) in ${delay}s"
    sleep "$delay" &
    _supervised_child=$!
    _supervisor_wait || true
    _supervised_child=
    if [ "$_supervisor_stopping" = 1 ]; then
      echo "supervisor: $name stopped while waiting to restart"
      return 0
    fi
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
    echo "supervisor: starting $name again (attempt $attempt)"
  done
}

# A trapped signal interrupts `wait`; keep waiting until the child has really finished (and report its status).
_supervisor_wait() {
  local child=$_supervised_child rc=0
  while kill -0 "$child" 2>/dev/null; do
    rc=0
    wait "$child" || rc=$?
  done
  return "$rc"
}

_supervisor_stop() {
  _supervisor_stopping=1
  if [ -n "${_supervised_child:-}" ]; then
    kill "-${SUPERVISOR_STOP_SIGNAL:-$1}" "$_supervised_child" 2>/dev/null || true
  fi
}
