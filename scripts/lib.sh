# Shared set-up of `npm test`, `npm start` and the benchmarks: install what is missing, build, make
# sure PostgreSQL is up with the service databases, and start Kafka unless KAFKA_BROKERS names one.
# Everything started here is stopped by `pcc_cleanup` (registered as an EXIT trap by callers).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PCC_STARTED_KAFKA=0
PCC_STARTED_REDIS=0

log() { echo "pcc: $*" >&2; }

pcc_node() {
  # Every test, `npm start` and the benchmarks run on the Node.js pinned in .node-version. When the
  # machine's node is another major version, the pinned build comes once from the npm registry's
  # node-linux-<arch> package into a cache outside the clone, and goes first on PATH (npm, npx and
  # turbo then run on it too).
  local want major have arch cache
  want="$(tr -d '[:space:]' < "$ROOT/.node-version")"
  major="${want%%.*}"
  have="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  [[ "${have%%.*}" == "$major" ]] && return 0
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) log "no Node.js $want package for $(uname -m); install Node.js $major yourself"; return 1 ;;
  esac
  cache="${PCC_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pcc/node}/$want-$arch"
  if [[ ! -x "$cache/bin/node" ]]; then
    log "fetching Node.js $want (npm package node-linux-$arch) into $cache"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack "node-linux-$arch@$want" --silent >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$cache"
    tar -xzf "$tmp"/node-linux-*.tgz -C "$cache" --strip-components=1 package/bin/node package/LICENSE \
      || { rm -rf "$tmp" "$cache"; return 1; }
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
  log "using Node.js $(node --version) from $cache"
}

pcc_install() {
  # npm ci when node_modules is missing or older than the lockfile; the lockfile is the truth.
  # Also when they were installed by another Node.js major (native add-ons are built per runtime).
  local marker="$ROOT/node_modules/.pcc-node-major" major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [[ ! -f "$ROOT/node_modules/.package-lock.json" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]] \
    || [[ "$(cat "$marker" 2>/dev/null)" != "$major" ]]; then
    log "installing node modules (npm ci, Node.js $(node --version))"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || return 1
    echo "$major" > "$marker"
  fi
}

pcc_postgres() {
  local server="${PCC_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  if ! psql "$server" -XtAc 'SELECT 1' >/dev/null 2>&1; then
    # Only the machine's own cluster is ours to start; a remote server must already be up.
    if [[ -z "${PCC_POSTGRES_URL:-}" ]] && command -v pg_ctlcluster >/dev/null; then
      log "starting the machine's PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
    for _ in $(seq 1 30); do
      psql "$server" -XtAc 'SELECT 1' >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  psql "$server" -XtAc 'SELECT 1' >/dev/null || { log "PostgreSQL at $server is not reachable"; return 1; }
  bash "$ROOT/infra/postgres/create-databases.sh" ${PCC_RESET_DATABASES:+--reset} || { log "creating the service databases failed"; return 1; }
}

pcc_redis() {
  # The gateway's shared rate-limit store (and the tests that share one budget between two gateways).
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  if ! redis-cli -u "$url" ping >/dev/null 2>&1; then
    # Only the machine's own server is ours to start; a remote one must already be up.
    if [[ -z "${REDIS_URL:-}" ]]; then
      if ! command -v redis-server >/dev/null && command -v apt-get >/dev/null && [[ "$(id -u)" == "0" ]]; then
        log "installing redis-server (Debian package)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 || true
      fi
      if command -v redis-server >/dev/null; then
        log "starting the machine's Redis (stopped again afterwards)"
        redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null \
          && PCC_STARTED_REDIS=1
      fi
    fi
    for _ in $(seq 1 30); do
      redis-cli -u "$url" ping >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  redis-cli -u "$url" ping >/dev/null 2>&1 || { log "Redis at $url is not reachable (install redis-server)"; return 1; }
}

# pcc_kafka_env VARIABLE: one of the Kafka scripts' settings (infra/kafka/env.sh is their only home).
pcc_kafka_env() {
  (source "$ROOT/infra/kafka/env.sh" && printf '%s' "${!1}")
}

# Whether the broker started by infra/kafka/start.sh runs (by its pid file, never by the port).
pcc_kafka_running() {
  local pid_file
  pid_file="$(pcc_kafka_env KAFKA_PID_FILE)"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

pcc_kafka() {
  if [[ -n "${KAFKA_BROKERS:-}" && "${PCC_KAFKA_MANAGED:-}" != "1" ]]; then
    log "using Kafka at $KAFKA_BROKERS"
    return 0
  fi
  if pcc_kafka_running; then
    log "Kafka already running (pid $(cat "$(pcc_kafka_env KAFKA_PID_FILE)")); leaving it running afterwards"
  else
    PCC_KAFKA_MANAGED=1 bash "$ROOT/infra/kafka/start.sh" || return 1
    PCC_STARTED_KAFKA=1
  fi
  export KAFKA_BROKERS="127.0.0.1:$(pcc_kafka_env KAFKA_PORT)" PCC_KAFKA_MANAGED=1
}

# The console's browser tests drive Debian's Chromium (Playwright's own browser download cannot work
# offline); installed when missing, as the Redis server is. CHROMIUM_PATH names another build.
pcc_chromium() {
  local path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [[ -x "$path" ]] && return 0
  if command -v apt-get >/dev/null && [[ "$(id -u)" == "0" ]]; then
    log "installing chromium (Debian package) for the console's browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || true
  fi
  [[ -x "$path" ]] || { log "no Chromium at $path: install Debian's chromium or set CHROMIUM_PATH"; return 1; }
}

pcc_cleanup() {
  if [[ "$PCC_STARTED_KAFKA" == "1" ]]; then
    bash "$ROOT/infra/kafka/stop.sh" || true
  fi
  if [[ "$PCC_STARTED_REDIS" == "1" ]]; then
    redis-cli -u "redis://127.0.0.1:6379" shutdown nosave >/dev/null 2>&1 || true
  fi
}

pcc_build() {
  # Before the infrastructure: the scripts read the services' built declarations (scripts/services.mjs).
  (cd "$ROOT" && npx turbo run build --output-logs=errors-only)
}

# The toolchain and the build, then the infrastructure; callers that decide something in between
# (scripts/start.sh) call the halves themselves.
pcc_toolchain() {
  pcc_node || { log "Node.js $(cat "$ROOT/.node-version") could not be set up"; return 1; }
  pcc_install || { log "installing node modules failed"; return 1; }
  pcc_build || { log "the build failed"; return 1; }
}

pcc_infra() {
  pcc_postgres || return 1
  pcc_redis || return 1
  pcc_kafka || { log "Kafka could not be started"; return 1; }
}

pcc_setup() {
  pcc_toolchain && pcc_infra
}
