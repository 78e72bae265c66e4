# What `npm start` runs, sourced by scripts/start.sh (which provides `run` and `log`) after the build.
# The services, their ports and their start order come from their declarations (services/*/src/service.ts,
# through scripts/services.mjs): each one starts after those whose topics it consumes, then is seeded
# (a seed waits until the service's projections know the data it builds on); the gateway starts last.

mapfile -t SERVICES < <(node "$ROOT/scripts/services.mjs" list) # "<name> <port>", in start order
GATEWAY_PORT="$(node "$ROOT/scripts/services.mjs" gateway-port)"
CONSOLE_PORT="${PCC_CONSOLE_PORT:-3000}" # apps/console: the web page, served beside the gateway
[[ ${#SERVICES[@]} -gt 0 && -n "$GATEWAY_PORT" ]] || { log "could not read the services' declarations"; return 1; }

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
  local line
  for line in "${SERVICES[@]}"; do port_free "${line#* }" || return 1; done
  port_free "$GATEWAY_PORT" && port_free "$CONSOLE_PORT"
}

start_processes() {
  local line name port
  # The schema registry first: each service publishes its schema as it starts; the gateway follows
  # the supergraph the registry accepts (README, "Ship one service").
  run registry node packages/schema-registry/dist/cli/composer.js
  for line in "${SERVICES[@]}"; do
    read -r name port <<< "$line"
    run "$name" node "services/$name/dist/index.js"
    wait_for "http://127.0.0.1:$port/healthz" || return 1
    if [[ -f "services/$name/dist/seed/cli.js" ]]; then
      log "seeding $name demo data"
      node "services/$name/dist/seed/cli.js" || return 1
    fi
  done

  # The gateway's memory as measured (BENCHMARKS.md): a 256 MiB old space (five times its live heap
  # under load; the lower the limit, the less V8 lets the old space outgrow its live heap), a young
  # generation of 4 MiB semi-spaces (each MiB of it is also room V8 leaves the old space: 8 MiB peaked
  # 13–15 MiB higher in full runs, 32 MiB 47 MiB higher in a profile, for less GC), and two malloc arenas
  # (glibc's default, 8 per core, kept ~12 MiB more resident under load).
  run gateway env MALLOC_ARENA_MAX=2 node --max-old-space-size=256 --max-semi-space-size=4 gateway/dist/index.js
  wait_for "http://127.0.0.1:$GATEWAY_PORT/readyz" || return 1

  run events node packages/events/dist/cli/tail.js

  run console env PORT="$CONSOLE_PORT" PCC_GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" node apps/console/server/serve.mjs
  wait_for "http://127.0.0.1:$CONSOLE_PORT/healthz" || return 1

  local admin officer analyst
  admin="$(node gateway/dist/cli/token.js --role NETWORK_ADMIN)"
  officer="$(node gateway/dist/cli/token.js --role LGO_OFFICER --org PATONG)"
  analyst="$(node gateway/dist/cli/token.js --role ANALYST)"
  cat >&2 <<BANNER

  PCC platform is up.

  Console            http://localhost:$CONSOLE_PORT   (the web page: report, follow, province, triage, inbox; sign in as any role)
  GraphQL endpoint   http://localhost:$GATEWAY_PORT/graphql   (open it in a browser for the GraphQL IDE)
  Event catalogue    http://localhost:$GATEWAY_PORT/events    (topics, event types, fields, retention; AsyncAPI at /events/asyncapi.json)
  subgraphs          (they answer only through the gateway; each has /healthz /readyz /metrics)
$(for line in "${SERVICES[@]}"; do printf '    %-16s http://localhost:%s/graphql\n' "${line% *}" "${line#* }"; done)
  events             every platform event is printed below with the prefix [events]

  Try:
    curl -s -w '\\n' localhost:$GATEWAY_PORT/graphql -H 'content-type: application/json' \\
      -d '{"query":"{ organizationByCode(code: \\"PATONG\\") { nameEn caseStats { open overdue } budgetSummary(fiscalYear: 2562) { approved disbursed disbursementRate delayedCount } cases(first: 3) { edges { node { trackingCode title status } } } } }"}'

  Tokens (header  Authorization: Bearer <token>; no header = PUBLIC; more with npm run token -- --role …):
    NETWORK_ADMIN          $admin
    LGO_OFFICER (PATONG)   $officer
    ANALYST                $analyst

  Ctrl-C stops everything.

BANNER
}
