#!/usr/bin/env bash
# Static checks CI runs before the tests: strict type-checking and lint of every workspace.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
pcc_install
npx turbo run typecheck lint --output-logs=errors-only
