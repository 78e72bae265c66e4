/**
 * `npm run bench:profile [-- --seconds 20 --connections 50 --cpu-prof 1 --only 'province dashboard' --intake 1]`:
 * where the time goes under the mixed workload (or one kind of it alone, sent by the distinct callers
 * whose role runs it; or public intake with `--intake 1`), through our gateway only. Prints requests/s, p50 and p99 per operation kind,
 * then each subgraph database's statements by total execution time (pg_stat_statements, when the
 * server preloads it), and with `--cpu-prof 1` leaves a V8 CPU profile of every subgraph and of the
 * gateway in `bench/results/profiles/` (open them in Chrome's DevTools or speedscope). A tool for
 * looking, not a measure to publish: `npm run bench` is that.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuPerRequest, cpuSnapshot, type CpuParts } from './cpu-time';
import { connect, SERVICES, type ServiceName } from './databases';
import { load } from './load';
import { mixedLoad, type MixedResult } from './mixed-load';
import { callerTokens, caseListCursors, mixedRequests, userToken } from './mixed-requests';
import { DEFAULTS, gatewayMemoryEnv } from './flags';
import { operation } from './operations';
import { startPlatform, type BenchPlatform } from './platform';
import { intake, intakeRequests } from './writes';
import { peakRssMiB, stopOnSignals } from './processes';
import { walPer, walSnapshot } from './wal';
import { responseCacheCounters, responseCacheTable } from './response-cache-stats';
import { callers, workload, KINDS, type Kind } from './workload';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');

function flags() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' },
      // Without it: the full benchmark's warm-up for what is measured (reads or intake).
      warmup: { type: 'string' },
      connections: { type: 'string', default: '50' },
      seed: { type: 'string', default: '13' },
      'cpu-prof': { type: 'string', default: '0' },
      statements: { type: 'string', default: '8' },
      only: { type: 'string' },
      intake: { type: 'string', default: '0' },
      'gateway-heap-mb': { type: 'string', default: String(DEFAULTS['gateway-heap-mb']) },
      'gateway-semi-space-mb': { type: 'string', default: String(DEFAULTS['gateway-semi-space-mb']) },
      'gateway-malloc-arenas': { type: 'string', default: String(DEFAULTS['gateway-malloc-arenas']) },
    },
    strict: true,
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
    return value;
  };
  const only = values.only;
  if (only !== undefined && !(only in KINDS))
    throw new Error(`--only must be one of ${Object.keys(KINDS).join(', ')}, not ${JSON.stringify(only)}`);
  return {
    only: only as Kind | undefined,
    intake: number('intake') > 0,
    seconds: number('seconds'),
    warmup:
      values.warmup !== undefined
        ? number('warmup')
        : number('intake') > 0
          ? DEFAULTS['intake-warmup']
          : DEFAULTS.warmup,
    connections: number('connections'),
    seed: number('seed'),
    cpuProfile: number('cpu-prof') > 0,
    statements: number('statements'),
    gatewayHeapMiB: number('gateway-heap-mb'),
    gatewaySemiSpaceMiB: number('gateway-semi-space-mb'),
    gatewayMallocArenas: number('gateway-malloc-arenas'),
  };
}

/** Turns on statement statistics where the server loads them; false where it does not. */
async function resetStatements(name: ServiceName): Promise<boolean> {
  const db = await connect(name);
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  } finally {
    await db.end();
  }
}

async function topStatements(name: ServiceName, limit: number) {
  const db = await connect(name);
  try {
    const { rows } = await db.query<{ calls: string; total: number; mean: number; rows: string; query: string }>(
      `SELECT s.calls, s.total_exec_time AS total, s.mean_exec_time AS mean, s.rows, s.query
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
       ORDER BY s.total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows;
  } finally {
    await db.end();
  }
}

/** Statement statistics reset in every bench database: which of them the server observes. */
async function resetAllStatements(): Promise<Record<ServiceName, boolean>> {
  const names = Object.keys(SERVICES) as ServiceName[];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await resetStatements(n)]))) as Record<
    ServiceName,
    boolean
  >;
}

/** Each bench database's heaviest statements since the reset. */
async function printStatements(observed: Record<ServiceName, boolean>, seconds: number, limit: number): Promise<void> {
  for (const name of Object.keys(SERVICES) as ServiceName[]) {
    if (!observed[name]) {
      console.log(`${name}: pg_stat_statements is not preloaded by this server (shared_preload_libraries)`);
      continue;
    }
    console.log(`\n${name}: statements by total time over ${seconds} s`);
    for (const s of await topStatements(name, limit))
      console.log(
        `  ${Math.round(s.total)} ms total, ${s.calls} calls, ${s.mean.toFixed(2)} ms mean, ${s.rows} rows — ${s.query.replace(/\s+/g, ' ').slice(0, 220)}`,
      );
  }
}

const kindTable = (result: MixedResult, seconds: number) =>
  Object.entries({ all: result.total, ...result.byKind }).map(([kind, r]) => ({
    kind,
    'req/s': r.requestsPerSecond,
    p50: r.p50,
    p99: r.p99,
    share: `${Math.round((r.requests / Math.max(1, result.total.requests)) * 100)} %`,
    errors: r.non2xx + r.graphqlErrors + r.errors,
    seconds,
  }));

/** The broker the scripts started (its pid file, per port, as `infra/kafka/env.sh` names it), if any. */
function kafkaPid(): number | undefined {
  try {
    const cache = process.env.PCC_KAFKA_CACHE ?? join(ROOT, 'infra', 'kafka', '.cache');
    const port = process.env.PCC_KAFKA_PORT ?? '9092';
    return Number(readFileSync(join(cache, `kafka-${port}.pid`), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const settings = flags();
  const profiles = join(RESULTS, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(profiles, { recursive: true });
  const logFile = join(profiles, 'processes.log');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const cpu = (name: string) => (settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${join(profiles, name)}`] : []);
  const secrets = { internal: randomBytes(32).toString('hex'), jwt: randomBytes(32).toString('hex') };
  const platform = await startPlatform({
    secrets,
    log,
    subgraphArgs: cpu('subgraphs'),
    gatewayArgs: cpu('gateway'),
    gatewayEnv: gatewayMemoryEnv({
      heapMiB: settings.gatewayHeapMiB,
      semiSpaceMiB: settings.gatewaySemiSpaceMiB,
      mallocArenas: settings.gatewayMallocArenas,
    }),
  });
  stopOnSignals(platform.stop);
  try {
    if (settings.intake) {
      await profileIntake(platform, settings);
      return;
    }
    const steps = workload({
      seed: settings.seed,
      length: 50_000,
      organizations: platform.organizations,
      trackingCodes: platform.trackingCodes,
      only: settings.only,
    });
    const tokens = await callerTokens(callers(platform.organizations.map((o) => o.code)), secrets);
    const admin = await userToken(secrets.jwt, 'bench-cursor-walker', 'NETWORK_ADMIN');
    const cursors = await caseListCursors(steps, operation(KINDS['case list']), platform.url, admin);
    const sequence = mixedRequests(steps, platform.url, tokens.ours, operation, cursors);
    await mixedLoad(sequence, settings.connections, settings.warmup);
    const observed = await resetAllStatements();
    const parts = cpuParts(platform);
    const cacheBefore = await responseCacheCounters();
    const cpuBefore = cpuSnapshot(parts);
    const result = await mixedLoad(sequence, settings.connections, settings.seconds);
    const cpuAfter = cpuSnapshot(parts);
    const cacheAfter = await responseCacheCounters();
    console.table(kindTable(result, settings.seconds));
    console.table(cpuPerRequest(cpuBefore, cpuAfter, result.total.requests));
    console.table(responseCacheTable(cacheBefore, cacheAfter));
    console.log(
      `gateway: peak resident memory ${peakRssMiB(platform.gateway.process.pid)} MiB (heap limit ${settings.gatewayHeapMiB || 'V8 default'} MiB, young generation's semi-space ${settings.gatewaySemiSpaceMiB || 'V8 default'} MiB, malloc arenas ${settings.gatewayMallocArenas || 'glibc default'})`,
    );
    await printStatements(observed, settings.seconds, settings.statements);
  } finally {
    await platform.stop();
  }
  if (settings.cpuProfile) console.log(`\nCPU profiles: ${profiles}`);
}

/** The CPU parts of the platform: its processes, the broker the scripts started, the bench databases. */
const cpuParts = (platform: BenchPlatform): CpuParts => ({
  processes: { ...Object.fromEntries(platform.running.map((r) => [r.name, r.process.pid])), kafka: kafkaPid() },
  databasePrefix: 'pcc_bench_',
});

/**
 * `--intake 1`: public intake through our gateway for `--seconds`, every event counted on Kafka, and
 * the CPU one case costs each part of the platform (the writes, the relay, the broker, the consumers).
 */
async function profileIntake(platform: BenchPlatform, settings: ReturnType<typeof flags>): Promise<void> {
  const request = intakeRequests(platform.url);
  const parts = cpuParts(platform);
  // Warm-up: the same intake, so the measured seconds run on compiled code and warm connections.
  if (settings.warmup > 0) await load(request, settings.connections, settings.warmup);
  const observed = await resetAllStatements();
  const db = await connect('cases');
  try {
    // Every run starts just after a checkpoint, as the server's writes do every few minutes: the
    // first change to each page after one logs the whole page, so whether a checkpoint fell inside
    // the measured seconds would otherwise decide much of the WAL figures.
    await db.query('CHECKPOINT');
    const walBefore = await walSnapshot(db);
    const before = cpuSnapshot(parts);
    const result = await intake(request, settings.connections, settings.seconds);
    const after = cpuSnapshot(parts);
    const walAfter = await walSnapshot(db);
    console.log(
      `public intake: ${result.casesPerSecond} cases/s, ${result.casesWritten} written (${result.casesRouted} routed), ${result.eventsDelivered} events on Kafka, p50 ${result.p50} / p99 ${result.p99} ms, errors ${result.non2xx + result.graphqlErrors + result.errors}`,
    );
    console.table(cpuPerRequest(before, after, result.casesWritten));
    console.log('write-ahead log per case, the whole server (every bench database):');
    console.table(walPer(walBefore, walAfter, result.casesWritten));
  } finally {
    await db.end();
  }
  await printStatements(observed, settings.seconds, settings.statements);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
