#!/usr/bin/env bash
# Static checks CI runs before the tests: formatting, strict type-checking and lint of every workspace.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
pcc_node
pcc_install
npx prettier --check . --log-level warn
npx turbo run typecheck lint --output-logs=errors-only
