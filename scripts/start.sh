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

# The build comes first: which ports and databases are ours is read from the services' declarations.
pcc_toolchain || exit 1
# shellcheck source=/dev/null
source "$ROOT/scripts/processes.sh"
# Never reset or start anything while another platform still holds the ports.
ports_free || exit 1

# A fresh demo each time: the service databases and the broker's topics are emptied together, so
# the projections (filled from Kafka) always match the registry. Only what is ours is reset: not
# an external PostgreSQL or broker, nor a broker already running. PCC_KEEP_DATA=1 keeps both.
if [[ "${PCC_KEEP_DATA:-0}" != "1" && -z "${KAFKA_BROKERS:-}" && -z "${PCC_POSTGRES_URL:-}" ]] && ! pcc_kafka_running; then
  log "fresh demo data (PCC_KEEP_DATA=1 keeps the previous run's)"
  rm -rf "$(pcc_kafka_env KAFKA_DATA)"
  export PCC_RESET_DATABASES=1
fi

pcc_infra || exit 1

# The demo's webhook receivers run on this machine: let notifications deliver to private addresses
# (refused by default, services/notifications/README.md "Where webhooks may go"). Never in production.
export NOTIFY_WEBHOOK_ALLOW_PRIVATE="${NOTIFY_WEBHOOK_ALLOW_PRIVATE:-true}"

# run NAME COMMAND…: starts one process in the background, its lines prefixed with [NAME].
run() {
  local name="$1"
  shift
  ( "$@" 2>&1 | sed -u "s/^/[$name] /" ) &
  PIDS+=($!)
}

start_processes || exit 1

wait
