#!/usr/bin/env bash
# Stops the broker started by start.sh, by its pid file only (never anything else on the port).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

[[ -f "$KAFKA_PID_FILE" ]] || exit 0
pid="$(cat "$KAFKA_PID_FILE")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka: pid $pid did not stop in 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  echo "kafka: stopped (pid $pid)" >&2
fi
rm -f "$KAFKA_PID_FILE"
