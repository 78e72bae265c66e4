#!/usr/bin/env bash
# Starts a single-node KRaft Kafka (broker + controller) on 127.0.0.1:${PCC_KAFKA_PORT:-9092} in the background and
# waits until a client can really use it. Does nothing when KAFKA_BROKERS names another broker or
# when ours is already running. Stop it with stop.sh (by its pid file).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${KAFKA_BROKERS:-}" && "${PCC_KAFKA_MANAGED:-}" != "1" ]]; then
  echo "kafka: using KAFKA_BROKERS=$KAFKA_BROKERS (not starting one)" >&2
  exit 0
fi
if [[ -f "$KAFKA_PID_FILE" ]] && kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null; then
  echo "kafka: already running (pid $(cat "$KAFKA_PID_FILE"))" >&2
  exit 0
fi
if (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null; then
  echo "kafka: something else already listens on 127.0.0.1:$KAFKA_PORT; set KAFKA_BROKERS to use it, or stop it" >&2
  exit 1
fi

bash "$KAFKA_DIR/fetch.sh"

mkdir -p "$KAFKA_CACHE"
properties="$KAFKA_CACHE/server.properties"
{
  sed -e "s/:9092/:$KAFKA_PORT/g" -e "s/:9093/:$KAFKA_CONTROLLER_PORT/g" "$KAFKA_DIR/server.properties"
  echo "log.dirs=$KAFKA_DATA"
} > "$properties"

classpath="$KAFKA_LIB/*"
if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
  cluster_id="$(java -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  java -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" -c "$properties" >"$KAFKA_CACHE/format.log" 2>&1 \
    || { cat "$KAFKA_CACHE/format.log" >&2; exit 1; }
fi

# setsid: its own session, so whoever started the script (a test runner, turbo) can end its own
# process group without taking the broker down with it.
# TieredStopAtLevel=1: the JVM compiles with C1 only. This broker lives for one test run, bench run or
# dev session, on the same cores as everything else, and C2's optimising compiler never paid back
# there: in public intake it was still compiling a minute into the load, half of the broker's CPU,
# while the request threads' own CPU was the same with C1's code (BENCHMARKS.md, "The broker's JIT
# compiler"). A long-lived broker (the containers, k8s) keeps the JVM's default.
echo "kafka: starting Apache Kafka $KAFKA_VERSION (KRaft, single node) on 127.0.0.1:$KAFKA_PORT" >&2
setsid nohup java -XX:TieredStopAtLevel=1 -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -cp "$classpath" kafka.Kafka "$properties" >"$KAFKA_LOG_FILE" 2>&1 &
echo $! > "$KAFKA_PID_FILE"

node "$KAFKA_DIR/wait-ready.mjs" "127.0.0.1:$KAFKA_PORT" 60 || {
  echo "kafka: did not become ready; last log lines:" >&2
  tail -20 "$KAFKA_LOG_FILE" >&2
  bash "$KAFKA_DIR/stop.sh"
  exit 1
}
echo "kafka: ready (pid $(cat "$KAFKA_PID_FILE"), log $KAFKA_LOG_FILE)" >&2
