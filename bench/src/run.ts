/**
 * `npm run bench [-- --rounds 3 --seconds 15 --connections 50]`: the platform at province scale,
 * our gateway (A) against Hive Gateway (B) on the same subgraphs and supergraph, alternating
 * A/B/A/B in one invocation. The headline is the mixed workload of distinct callers (`workload.ts`);
 * every client sending one identical request follows as a secondary measure. Prints a table, writes `bench/results/<date>.json` and the
 * `platform` section of BENCHMARKS.md. A run whose gateways disagree, or with any non-2xx or GraphQL
 * error, is reported as failed, not as fast.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from './machine';
import { writeBenchmarkSection } from './benchmarks-file';
import { InternalTokens } from '@pcc/subgraph-kit';
import { connect, seededCases } from './databases';
import { gatewayCost, startRecorders, type GatewayCost } from './gateway-cost';
import { load, once, type LoadResult, type Request } from './load';
import {
  benchSupergraph,
  HIVE_NO_DEDUP_PORT,
  HIVE_PORT,
  peakRssMiB,
  start,
  startHive,
  stopAll,
  stopOnSignals,
  waitUntilUp,
  type Running,
} from './processes';
import { dataOf } from './answers';
import { gatewayMemoryEnv, parseFlags } from './flags';
import { userToken } from './mixed-requests';
import { measureMixed } from './mixed-scenario';
import { formatReport, type PlatformReport } from './report';
import { seedScale } from './seed-scale';
import { operation } from './operations';
import { startPlatform } from './platform';
import { intake, intakeRequests } from './writes';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');
/** How many requests of the mixed sequence have their answers compared between the gateways first. */
const COMPARED = 60;
/** The mixed sequence's length: more than any gateway answers in one measurement, so none wraps around. */
const SEQUENCE = 50_000;
const request = (url: string, token: string | null, query: string, variables: Record<string, unknown>): Request => ({
  url,
  headers: token ? { authorization: `Bearer ${token}` } : {},
  body: JSON.stringify({ query, variables }),
});

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const { rounds, seconds, warmup, connections, cases: scale, seed } = flags;
  const gatewayWorkers = flags['gateway-workers'];
  const gatewayHeapMiB = flags['gateway-heap-mb'];
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logFile = join(RESULTS, `${stamp}.log`);
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const say = (line: string) => {
    console.log(line);
    log(line);
  };

  // Every run measures the same data: the seeded cases, not the tens of thousands an earlier run's
  // intake added (nor, on a server without autovacuum, the dead row versions their updates left).
  const seeded = await seededCases();
  if (seeded !== scale) {
    say(`seeding the bench databases with ${scale.toLocaleString('en')} cases (npm run seed:scale)…`);
    await seedScale({ cases: scale, projects: 20_000, wasteYears: 10 });
  }
  const cases = (await seededCases()) ?? 0;

  const secrets = { internal: randomBytes(32).toString('hex'), jwt: randomBytes(32).toString('hex') };
  const running: Running[] = [];
  const stop = () => stopAll(running.splice(0));
  stopOnSignals(stop);
  try {
    const gatewayEnv = {
      GATEWAY_WORKERS: String(gatewayWorkers),
      ...gatewayMemoryEnv({
        heapMiB: gatewayHeapMiB,
        semiSpaceMiB: flags['gateway-semi-space-mb'],
        mallocArenas: flags['gateway-malloc-arenas'],
      }),
    };
    const platform = await startPlatform({ secrets, log, gatewayEnv });
    running.push(...platform.running);
    const { gateway, organizations, trackingCodes } = platform;
    const supergraph = benchSupergraph(join(RESULTS, 'supergraph.bench.graphql'));
    const hive = startHive(supergraph, log);
    const hiveNoDedup = startHive(supergraph, log, false);
    running.push(hive, hiveNoDedup);
    await waitUntilUp(`http://127.0.0.1:${HIVE_PORT}/healthcheck`);
    await waitUntilUp(`http://127.0.0.1:${HIVE_NO_DEDUP_PORT}/healthcheck`);

    const analyst = await userToken(secrets.jwt, 'bench-analyst', 'ANALYST');
    const internal = await new InternalTokens(secrets.internal, 4 * 3600).sign({
      sub: 'bench-analyst',
      role: 'ANALYST',
      org: null,
    });
    const ours = platform.url;
    const theirs = `http://127.0.0.1:${HIVE_PORT}/graphql`;
    const theirsNoDedup = `http://127.0.0.1:${HIVE_NO_DEDUP_PORT}/graphql`;
    const patong = organizations.find((o) => o.code === 'PATONG')!.id;
    const overdueAtPatong = { organization: patong, overdue: true };
    const firstPage = await once(
      request(ours, analyst, operation('case-list.graphql'), { filter: overdueAtPatong, after: null }),
    );
    const after =
      (firstPage.body.data as { cases: { pageInfo: { endCursor: string | null } } } | undefined)?.cases.pageInfo
        .endCursor ?? null;
    const reads: Array<{ name: string; query: string; variables: Record<string, unknown> }> = [
      { name: 'province dashboard', query: operation('dashboard.graphql'), variables: { fiscalYear: 2561 } },
      { name: 'organization page', query: operation('organization-page.graphql'), variables: { code: 'PATONG' } },
      {
        name: 'case list (page 2)',
        query: operation('case-list.graphql'),
        variables: { filter: overdueAtPatong, after },
      },
    ];

    const adminToken = await userToken(secrets.jwt, 'bench-cursor-walker', 'NETWORK_ADMIN');
    const scenario = {
      organizations,
      trackingCodes,
      secrets,
      urls: { ours, hive: theirs, hiveNoDedup: theirsNoDedup },
      operation,
      adminToken,
      say,
    };
    const settings = { seed, length: SEQUENCE, compared: COMPARED, rounds, seconds, warmup, connections };
    const mixed = await measureMixed(scenario, settings);
    // The province dashboard alone, sent by every caller who may see it, each with its own identity
    // and fiscal year: what a morning of coordinators and officers opening the dashboard looks like.
    const dashboardAlone = await measureMixed(scenario, { ...settings, only: 'province dashboard' });
    const results: PlatformReport['reads'] = [];
    for (const read of reads) {
      const a = request(ours, analyst, read.query, read.variables);
      const b = request(theirs, internal, read.query, read.variables);
      const c = request(theirsNoDedup, internal, read.query, read.variables);
      const [answerA, answerB, answerC] = [await once(a), await once(b), await once(c)];
      const data = dataOf;
      const sameData =
        data(answerA) === data(answerB) && data(answerA) === data(answerC) && !data(answerA).startsWith('failed');
      if (!sameData)
        say(
          `${read.name}: the gateways disagree or fail — ours ${data(answerA).slice(0, 300)} / hive ${data(answerB).slice(0, 300)} / hive without dedup ${data(answerC).slice(0, 300)}`,
        );
      const entry: PlatformReport['reads'][number] = { operation: read.name, sameData, rounds: [] };
      const measure = async (r: Request) => {
        await load(r, connections, warmup);
        return load(r, connections, seconds);
      };
      for (let round = 1; round <= rounds; round += 1) {
        const [resultA, resultB, resultC] = [await measure(a), await measure(b), await measure(c)];
        const ratio = (x: LoadResult, y: LoadResult) =>
          Math.round((x.requestsPerSecond / Math.max(1, y.requestsPerSecond)) * 100) / 100;
        entry.rounds.push({
          ours: resultA,
          hive: resultB,
          hiveNoDedup: resultC,
          ratio: ratio(resultA, resultB),
          ratioNoDedup: ratio(resultA, resultC),
        });
        say(
          `${read.name} round ${round}: ours ${resultA.requestsPerSecond} req/s p50 ${resultA.p50} p99 ${resultA.p99} | hive ${resultB.requestsPerSecond} req/s p50 ${resultB.p50} p99 ${resultB.p99} | hive without dedup ${resultC.requestsPerSecond} req/s p50 ${resultC.p50} p99 ${resultC.p99}`,
        );
      }
      results.push(entry);
    }
    const memory = {
      oursPeakMiB: peakRssMiB(gateway.process.pid),
      hivePeakMiB: peakRssMiB(hive.process.pid),
      hiveNoDedupPeakMiB: peakRssMiB(hiveNoDedup.process.pid),
    };

    // The gateway's own cost: the dashboard through a second gateway, with the measured one's settings,
    // whose subgraph URLs are recording proxies, less the time its fetches were outstanding.
    const recorders = await startRecorders();
    const recording = start(
      'gateway-recorder',
      'gateway/dist/index.js',
      {
        ...gatewayEnv,
        PORT: '5300',
        HOST: '127.0.0.1',
        // Not the production metrics port: the measured gateway still holds it.
        METRICS_PORT: '5301',
        INTERNAL_JWT_SECRET: secrets.internal,
        JWT_SECRET: secrets.jwt,
        ORGANIZATIONS_URL: recorders.urls.organizations,
        CASES_URL: recorders.urls.cases,
        PLANNING_URL: recorders.urls.planning,
        WASTE_METRICS_URL: recorders.urls.waste_metrics,
      },
      log,
    );
    let cost: GatewayCost;
    try {
      await waitUntilUp('http://127.0.0.1:5300/readyz');
      const dashboard = request('http://127.0.0.1:5300/graphql', analyst, reads[0]!.query, reads[0]!.variables);
      cost = await gatewayCost(dashboard, recorders.recorded);
    } finally {
      await stopAll([recording]);
      await recorders.stop();
    }
    say(
      `gateway cost at concurrency 1: dashboard p50 ${cost.gatewayP50} ms through the gateway, ${cost.fetchesP50} ms of it waiting on its ${cost.fetches.length} fetches (${cost.steps} in a row) → added ${cost.addedP50} ms`,
    );

    // Warmed up as the reads are, by the same load first, neither counted nor timed.
    const intakes = intakeRequests(ours);
    if (flags['intake-warmup'] > 0) await load(intakes, connections, flags['intake-warmup']);
    const writes = await intake(intakes, connections, seconds);
    say(
      `public intake: ${writes.casesPerSecond} cases/s, ${writes.casesWritten} written (${writes.casesRouted} routed to an organization), ${writes.eventsDelivered} case.opened events delivered to Kafka`,
    );

    const pg = await connect('cases');
    const postgres = (await pg.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await pg.end();
    const kafka =
      /<kafka.version>([^<]+)</.exec(readFileSync(join(ROOT, 'infra', 'kafka', 'pom.xml'), 'utf8'))?.[1] ?? 'unknown';
    const machine = describeMachine({ postgres, kafka });
    const report: PlatformReport = {
      machine,
      cases,
      settings: {
        rounds,
        seconds,
        warmup,
        intakeWarmup: flags['intake-warmup'],
        connections,
        gatewayWorkers,
        gatewayHeapMiB,
        gatewaySemiSpaceMiB: flags['gateway-semi-space-mb'],
        gatewayMallocArenas: flags['gateway-malloc-arenas'],
      },
      mixed,
      dashboardAlone,
      reads: results,
      memory,
      gatewayCost: cost,
      writes,
    };
    writeFileSync(join(RESULTS, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    const markdown = formatReport(report);
    console.log(`\n${markdown}`);
    writeBenchmarkSection(join(ROOT, 'BENCHMARKS.md'), 'platform', markdown);
    const bad = (x: LoadResult) => x.non2xx + x.graphqlErrors + x.errors > 0;
    const failed =
      [mixed, dashboardAlone].some(
        (scenario) =>
          !scenario.sameData ||
          scenario.rounds.some((x) => bad(x.ours.total) || bad(x.hive.total) || bad(x.hiveNoDedup.total)),
      ) ||
      results.some((r) => !r.sameData || r.rounds.some((x) => bad(x.ours) || bad(x.hive) || bad(x.hiveNoDedup))) ||
      writes.non2xx + writes.graphqlErrors + writes.errors > 0 ||
      writes.eventsDelivered < writes.casesWritten;
    if (failed) {
      say('FAILED: errors or disagreeing answers (see above); the figures are not valid');
      process.exitCode = 1;
    }
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
