#!/usr/bin/env bash
# Static checks CI runs before the tests: formatting, strict type-checking and lint of every workspace,
# and the schema checks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
pcc_node
pcc_install
npx prettier --check . --log-level warn
npx turbo run typecheck lint --output-logs=errors-only
# What the schema registry would refuse (GraphQL breaking changes against registered operations,
# event types changed incompatibly), against the merge base with main.
npm run schema:check --silent
