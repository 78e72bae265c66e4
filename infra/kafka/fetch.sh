#!/usr/bin/env bash
# Fetches the official Apache Kafka broker jars from Maven Central into .cache/lib, once.
# A marker file names the fetched version: a second run with the same pom.xml downloads nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

marker="$KAFKA_LIB/.fetched-$KAFKA_VERSION"
if [[ -f "$marker" ]]; then
  exit 0
fi
echo "kafka: fetching Apache Kafka $KAFKA_VERSION jars with Maven (once)…" >&2
rm -rf "$KAFKA_LIB"
mkdir -p "$KAFKA_LIB"
mvn -q -B -f "$KAFKA_DIR/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB" >&2
ls "$KAFKA_LIB"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null
touch "$marker"
