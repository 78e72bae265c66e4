# What `npm start` runs, in start order, sourced by scripts/start.sh (which provides `run` and `log`).
# Each service migrates and seeds before it listens; the gateway starts once its subgraphs answer.

# Development secrets shared by the gateway and the subgraphs (never used when NODE_ENV=production).
export INTERNAL_JWT_SECRET="${INTERNAL_JWT_SECRET:-pcc-development-internal-secret-not-for-production}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"

wait_for() { # URL [seconds]
  for _ in $(seq 1 "${2:-60}"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  log "$1 did not answer in time"
  return 1
}

port_free() { # PORT: a stale process on a port would answer health checks for a crashed new one
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    log "port $1 is already in use; stop what runs there (or set its PORT) and try again"
    return 1
  fi
}

ports_free() {
  port_free 4001 && port_free 4002 && port_free 4003 && port_free 4004 && port_free 4000
}

start_processes() {
  log "seeding the organizations registry (migrates first; idempotent)"
  node services/organizations/dist/seed/cli.js || return 1
  run organizations node services/organizations/dist/index.js
  wait_for http://127.0.0.1:4001/healthz || return 1

  # The cases service learns the organizations from Kafka; its seed waits until it knows all 19.
  run cases node services/cases/dist/index.js
  wait_for http://127.0.0.1:4002/healthz || return 1
  log "seeding demo cases (waits for the organization projection)"
  node services/cases/dist/seed/cli.js || return 1

  # Planning learns organizations and cases from Kafka; its seed replays two fiscal years of projects.
  run planning node services/planning/dist/index.js
  wait_for http://127.0.0.1:4003/healthz || return 1
  log "seeding development plans and FY2561–FY2562 projects (waits for the organization projection)"
  node services/planning/dist/seed/cli.js || return 1

  run waste-metrics node services/waste-metrics/dist/index.js
  wait_for http://127.0.0.1:4004/healthz || return 1
  log "seeding 24 months of waste reports (waits for the organization projection)"
  node services/waste-metrics/dist/seed/cli.js || return 1

  run gateway node --max-old-space-size=160 gateway/dist/index.js
  wait_for http://127.0.0.1:4000/readyz || return 1

  run events node packages/events/dist/cli/tail.js

  local admin officer analyst
  admin="$(node gateway/dist/cli/token.js --role NETWORK_ADMIN)"
  officer="$(node gateway/dist/cli/token.js --role LGO_OFFICER --org PATONG)"
  analyst="$(node gateway/dist/cli/token.js --role ANALYST)"
  cat >&2 <<BANNER

  PCC platform is up.

  GraphQL endpoint   http://localhost:4000/graphql   (open it in a browser for the GraphQL IDE)
  organizations      http://localhost:4001/graphql   (subgraphs answer only through the gateway; each has /healthz /readyz /metrics)
  cases              http://localhost:4002/graphql
  planning           http://localhost:4003/graphql
  waste-metrics      http://localhost:4004/graphql
  events             every platform event is printed below with the prefix [events]

  Try:
    curl -s localhost:4000/graphql -H 'content-type: application/json' \\
      -d '{"query":"{ organizationByCode(code: \\"PATONG\\") { nameEn caseStats { open overdue } budgetSummary(fiscalYear: 2562) { approved disbursed disbursementRate delayedCount } cases(first: 3) { edges { node { trackingCode title status } } } } }"}'

  Tokens (header  Authorization: Bearer <token>; no header = PUBLIC; more with npm run token -- --role …):
    NETWORK_ADMIN          $admin
    LGO_OFFICER (PATONG)   $officer
    ANALYST                $analyst

  Ctrl-C stops everything.

BANNER
}
