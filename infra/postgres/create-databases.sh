#!/usr/bin/env bash
# Creates the four service databases if they do not exist (idempotent). The server is the one
# named by PCC_POSTGRES_URL (any database on it; default: the machine's PostgreSQL, trust auth).
# The container uses init.sql, which holds the same list.
# With --reset it drops them first (used by `npm start` for a fresh demo).
set -euo pipefail
server="${PCC_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
for database in pcc_organizations pcc_cases pcc_planning pcc_waste; do
  if [[ "${1:-}" == "--reset" ]]; then
    psql "$server" -Xqc "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  fi
  exists="$(psql "$server" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
  if [[ "$exists" != "1" ]]; then
    psql "$server" -Xqc "CREATE DATABASE $database" && echo "postgres: created $database" >&2
  fi
done
