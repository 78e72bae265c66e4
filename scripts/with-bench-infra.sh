#!/usr/bin/env bash
# The benchmarks' infrastructure: `scripts/with-infra.sh` with a broker of the benchmarks' own (port
# 9292 and storage `infra/kafka/.cache/bench-data`, kept between runs like the `pcc_bench_*`
# databases), so no other run's events — `npm start`'s demo organizations, a test run's — ever reach
# the bench databases' projections, whatever else is running. KAFKA_BROKERS, when set, still wins.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PCC_KAFKA_PORT="${PCC_BENCH_KAFKA_PORT:-9292}"
export PCC_KAFKA_DATA="$root/infra/kafka/.cache/bench-data"
exec bash "$root/scripts/with-infra.sh" "$@"
