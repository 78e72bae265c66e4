#!/usr/bin/env bash
# Creates the service databases if they do not exist (idempotent): the ones the services declare
# (services/*/src/service.ts, read from their build through scripts/services.mjs). The server is
# the one named by PCC_POSTGRES_URL (any database on it; default: the machine's PostgreSQL, trust
# auth). The container uses init.sql, which infra/test/compose.test.ts keeps equal to the declarations.
# With --reset it drops them first (used by `npm start` for a fresh demo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="${PCC_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
databases="$(node "$root/scripts/services.mjs" databases)"
for database in $databases; do
  if [[ "${1:-}" == "--reset" ]]; then
    psql "$server" -Xqc "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  fi
  exists="$(psql "$server" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
  if [[ "$exists" != "1" ]]; then
    psql "$server" -Xqc "CREATE DATABASE $database" && echo "postgres: created $database" >&2
  fi
done
