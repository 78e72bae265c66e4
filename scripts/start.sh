#!/usr/bin/env bash
# `npm start`: the whole platform on this machine. Installs what is missing, brings up PostgreSQL
# (databases) and Kafka, builds, migrates and seeds, then runs every process in the foreground with
# its output prefixed by its name. Ctrl-C (or SIGTERM) stops everything it started, by pid.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PIDS=()
stop_all() {
  local rc=$?
  trap - INT TERM EXIT
  log "stopping…"
  # Each entry is a subshell running `command | sed`: stop its children (the process itself) first.
  for pid in "${PIDS[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  pcc_cleanup
  # Ctrl-C / SIGTERM is the normal way to stop: success. A failed set-up keeps its exit code.
  [[ "${PCC_INTERRUPTED:-0}" == "1" ]] && exit 0
  exit "$rc"
}
trap 'PCC_INTERRUPTED=1; stop_all' INT TERM
trap stop_all EXIT

# A fresh demo each time: the service databases and the broker's topics are emptied together, so
# the projections (filled from Kafka) always match the registry. Only what is ours is reset: not
# an external PostgreSQL or broker, nor a broker already running. PCC_KEEP_DATA=1 keeps both.
# shellcheck source=/dev/null
source "$ROOT/scripts/processes.sh"
# Never reset or start anything while another platform still holds the ports.
ports_free || exit 1

kafka_pid_file="$ROOT/infra/kafka/.cache/kafka.pid"
if [[ "${PCC_KEEP_DATA:-0}" != "1" && -z "${KAFKA_BROKERS:-}" && -z "${PCC_POSTGRES_URL:-}" ]] \
  && ! { [[ -f "$kafka_pid_file" ]] && kill -0 "$(cat "$kafka_pid_file")" 2>/dev/null; }; then
  log "fresh demo data (PCC_KEEP_DATA=1 keeps the previous run's)"
  rm -rf "${PCC_KAFKA_DATA:-$ROOT/infra/kafka/.cache/data}"
  export PCC_RESET_DATABASES=1
fi

pcc_setup || exit 1
npx turbo run build --output-logs=errors-only || exit 1

# run NAME COMMAND…: starts one process in the background, its lines prefixed with [NAME].
run() {
  local name="$1"
  shift
  ( "$@" 2>&1 | sed -u "s/^/[$name] /" ) &
  PIDS+=($!)
}

start_processes || exit 1

wait
