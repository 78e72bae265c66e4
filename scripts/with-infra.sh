#!/usr/bin/env bash
# Runs one command with the platform's infrastructure up (same set-up as `npm test`), then stops
# what it started. Used by the benchmarks: `bash scripts/with-infra.sh <command…>`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap pcc_cleanup EXIT
cd "$ROOT"
pcc_setup || exit 1
"$@"
