# Sourced by the Kafka scripts: where things live. Everything generated stays under .cache/ (git-ignored).
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_CACHE="${PCC_KAFKA_CACHE:-$KAFKA_DIR/.cache}"
KAFKA_LIB="$KAFKA_CACHE/lib"
# `npm test` points PCC_KAFKA_DATA at a fresh folder, so test events never mix with `npm start` data.
KAFKA_DATA="${PCC_KAFKA_DATA:-$KAFKA_CACHE/data}"
# The broker's client port (the controller listens on the next one). Another port lets two checkouts
# on one machine each run their own broker, and the benchmarks
# run one of their own beside `npm start`'s: the pid and log files are per port.
KAFKA_PORT="${PCC_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="$((KAFKA_PORT + 1))"
KAFKA_PID_FILE="$KAFKA_CACHE/kafka-$KAFKA_PORT.pid"
KAFKA_LOG_FILE="$KAFKA_CACHE/kafka-$KAFKA_PORT.log"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_DIR/pom.xml")"
