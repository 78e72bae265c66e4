#!/usr/bin/env bash
# `npm test`: installs what is missing, brings up PostgreSQL and Kafka, builds, runs every
# workspace's tests one workspace at a time (they share one broker; one of them restarts it), stops
# what it started, and ends with one line: `N passed, N failed`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap pcc_cleanup EXIT
cd "$ROOT"

# Tests get a broker with empty storage of its own (unless one is already running or KAFKA_BROKERS is
# set): events of test databases never reach the topics `npm start` keeps.
export PCC_KAFKA_DATA="$ROOT/infra/kafka/.cache/test-data"
pcc_kafka_running || rm -rf "$PCC_KAFKA_DATA"
find . -name test-results.json -not -path './node_modules/*' -delete

status=0
pcc_setup || status=$?
[[ $status -eq 0 ]] && { pcc_chromium || status=$?; }
if [[ $status -eq 0 ]]; then
  npx turbo run test --concurrency=1 --continue --output-logs=full "$@" || status=$?
fi
node scripts/test-summary.mjs || status=1
exit $status
