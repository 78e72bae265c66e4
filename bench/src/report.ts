import type { GatewayCost } from './gateway-cost';
import type { LoadResult } from './load';
import type { MixedResult } from './mixed-load';
import type { MixedReport } from './mixed-scenario';

export interface PlatformReport {
  machine: Record<string, string>;
  cases: number;
  settings: {
    rounds: number;
    seconds: number;
    warmup: number;
    /** Seconds of intake before intake was measured (older reports: none). */
    intakeWarmup?: number;
    connections: number;
    gatewayWorkers: number;
    gatewayHeapMiB: number;
    /** The young generation's semi-space (`--max-semi-space-size`); 0 or absent: V8's own sizing. */
    gatewaySemiSpaceMiB?: number;
    /** glibc's malloc arenas (`MALLOC_ARENA_MAX`); 0 or absent: glibc's own. */
    gatewayMallocArenas?: number;
  };
  /** The mixed workload of distinct callers (absent in results from before it existed). */
  mixed?: MixedReport;
  /** The province dashboard alone, sent by distinct callers (absent in results from before it existed). */
  dashboardAlone?: MixedReport;
  reads: Array<{
    operation: string;
    sameData: boolean;
    rounds: Array<{ ours: LoadResult; hive: LoadResult; hiveNoDedup: LoadResult; ratio: number; ratioNoDedup: number }>;
  }>;
  memory: { oursPeakMiB: number | null; hivePeakMiB: number | null; hiveNoDedupPeakMiB: number | null };
  gatewayCost: GatewayCost;
  writes: LoadResult & {
    casesWritten: number;
    /** Cases intake routed to an organization by their tambon (older reports: absent). */
    casesRouted?: number;
    casesPerSecond: number;
    eventsDelivered: number;
  };
}

const errors = (r: LoadResult) => r.non2xx + r.graphqlErrors + r.errors + r.timeouts;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const cells = (x: LoadResult) => `${x.requestsPerSecond} | ${x.p50} / ${x.p99}`;

/** The distinct callers of a scenario: how many, and how many of each role. */
function callersOf(scenario: MixedReport): { who: string; total: number } {
  const who = Object.entries(scenario.callers)
    .map(([role, n]) => `${n} ${role}`)
    .join(', ');
  return { who, total: Object.values(scenario.callers).reduce((a, b) => a + b, 0) };
}

/** The headline table: every round of the mixed workload, all requests and then each operation kind. */
function formatMixed(mixed: MixedReport, connections: number): string[] {
  const { who, total } = callersOf(mixed);
  const lines = [
    '### Mixed workload of distinct callers (headline)',
    '',
    `${total} distinct callers (${who}; officers of every organization, citizens without a token), ${connections} connections, ` +
      `each request the next of one sequence (seed ${mixed.seed}) sent identically to A, B and C: the operations of the caller's role with its own variables ` +
      `(dashboards of several fiscal years, its organization's page, case lists with filters and later pages, project lists, waste summaries, public tracking). ` +
      `Answers of the first ${mixed.compared} requests compared between the gateways: ${mixed.sameData ? 'the same' : `**${mixed.disagreements} differ or fail**`}.`,
    '',
    '| kind | round | A req/s | A p50 / p99 ms | B req/s | B p50 / p99 ms | C req/s | C p50 / p99 ms | errors A / B / C |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const row = (kind: string, round: number, a?: LoadResult, b?: LoadResult, c?: LoadResult) => {
    const cell = (x?: LoadResult) => (x ? cells(x) : '– | –');
    const err = (x?: LoadResult) => (x ? errors(x) : 0);
    return `| ${kind} | ${round} | ${cell(a)} | ${cell(b)} | ${cell(c)} | ${err(a)} / ${err(b)} / ${err(c)} |`;
  };
  for (const [i, round] of mixed.rounds.entries()) {
    lines.push(row('**all**', i + 1, round.ours.total, round.hive.total, round.hiveNoDedup.total));
    const kinds = (x: MixedResult) => Object.keys(x.byKind);
    for (const kind of [...new Set([...kinds(round.ours), ...kinds(round.hive), ...kinds(round.hiveNoDedup)])].sort())
      lines.push(row(kind, i + 1, round.ours.byKind[kind], round.hive.byKind[kind], round.hiveNoDedup.byKind[kind]));
  }
  lines.push(
    '',
    `Requests/s, A ÷ B (median of rounds): ${median(mixed.rounds.map((x) => x.ratio))}; A ÷ C: ${median(mixed.rounds.map((x) => x.ratioNoDedup))}.`,
    '',
  );
  return lines;
}

/** One kind alone, sent by distinct callers: every round, one row per gateway run. */
function formatAlone(alone: MixedReport, connections: number): string[] {
  const { who, total } = callersOf(alone);
  const lines = [
    `### The ${alone.only} alone, distinct callers`,
    '',
    `${total} distinct callers (${who}), ${connections} connections, each request the next of one sequence (seed ${alone.seed}) ` +
      `sent identically to A, B and C, each caller with its own identity and variables. ` +
      `Answers of the first ${alone.compared} requests compared between the gateways: ${alone.sameData ? 'the same' : `**${alone.disagreements} differ or fail**`}.`,
    '',
    '| round | A req/s | A p50 / p99 ms | B req/s | B p50 / p99 ms | C req/s | C p50 / p99 ms | A ÷ B | errors A / B / C |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [i, round] of alone.rounds.entries())
    lines.push(
      `| ${i + 1} | ${cells(round.ours.total)} | ${cells(round.hive.total)} | ${cells(round.hiveNoDedup.total)} | ${round.ratio} | ${errors(round.ours.total)} / ${errors(round.hive.total)} / ${errors(round.hiveNoDedup.total)} |`,
    );
  lines.push('');
  return lines;
}

/** Issue 13's targets against the mixed workload and the dashboard alone (medians of rounds, our gateway). */
function formatTargets(r: PlatformReport): string[] {
  const ours = (x: MixedReport | undefined, pick: (t: LoadResult) => number) =>
    x ? median(x.rounds.map((round) => pick(round.ours.total))) : NaN;
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  const lines = ['| measure (median of rounds, our gateway) | target | measured | met |', '|---|---|---|---|'];
  if (r.mixed) {
    const rps = ours(r.mixed, (t) => t.requestsPerSecond);
    const p99 = ours(r.mixed, (t) => t.p99);
    const ratio = median(r.mixed.rounds.map((x) => x.ratio));
    lines.push(
      `| mixed workload, requests/s | ≥ 500 | ${rps} | ${met(rps >= 500)} |`,
      `| mixed workload, p99 | ≤ 250 ms | ${p99} ms | ${met(p99 <= 250)} |`,
      `| ours ÷ Hive Gateway, mixed workload | ≥ 1.2 | ${ratio} | ${met(ratio >= 1.2)} |`,
    );
  }
  if (r.dashboardAlone) {
    const rps = ours(r.dashboardAlone, (t) => t.requestsPerSecond);
    const p99 = ours(r.dashboardAlone, (t) => t.p99);
    lines.push(
      `| province dashboard alone, distinct callers | ≥ 300 req/s, p99 ≤ 250 ms | ${rps} req/s, p99 ${p99} ms | ${met(rps >= 300 && p99 <= 250)} |`,
    );
  }
  lines.push('');
  return lines;
}

/** The BENCHMARKS.md section: machine, every round of every operation, and the summary against the targets. */
export function formatReport(r: PlatformReport): string {
  const m = r.machine;
  const lines = [
    '## Platform at province scale: our gateway (A) against Hive Gateway (B, as it ships; C, without in-flight deduplication)',
    '',
    `\`npm run bench\` — ${r.cases.toLocaleString('en')} cases, 20,000 projects, 10 years of waste reports; our gateway with ${r.settings.gatewayWorkers} worker(s)${r.settings.gatewayHeapMiB ? ` and a ${r.settings.gatewayHeapMiB} MiB heap limit` : ''}${r.settings.gatewaySemiSpaceMiB ? ` (young generation's semi-space ${r.settings.gatewaySemiSpaceMiB} MiB)` : ''}${r.settings.gatewayMallocArenas ? `, ${r.settings.gatewayMallocArenas} malloc arenas` : ''}; ${r.settings.connections} connections, ` +
      `${r.settings.rounds} rounds of ${r.settings.seconds} s per gateway after ${r.settings.warmup} s of warm-up, A, B, C in each round. ` +
      'In the identical-request rows every client sends the same operation. A shares a subgraph read only with callers that arrived before it was sent (never an answer older than the request); ' +
      'B, by default, shares any read in flight (a caller may get an answer fetched before its own write); C shares nothing.',
    `Machine: ${m.cpu}, ${m.memory}, Node ${m.node}, PostgreSQL ${m.postgres}, Kafka ${m.kafka}; commit ${m.commit}, ${m.date}.`,
    'Everything (PostgreSQL, Kafka, four subgraphs, both gateways and the load generator) shares the same 2 cores.',
    '',
    ...(r.mixed ? formatMixed(r.mixed, r.settings.connections) : []),
    ...(r.dashboardAlone ? formatAlone(r.dashboardAlone, r.settings.connections) : []),
    ...formatTargets(r),
    ...(r.mixed ? ['### Every client sending the same request (secondary)', ''] : []),
    '| operation | round | A req/s | A p50 / p99 ms | B req/s | B p50 / p99 ms | C req/s | C p50 / p99 ms | A ÷ B | A ÷ C | errors A / B / C | same data |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const read of r.reads) {
    for (const [i, round] of read.rounds.entries()) {
      lines.push(
        `| ${read.operation} | ${i + 1} | ${cells(round.ours)} | ${cells(round.hive)} | ${cells(round.hiveNoDedup)} | ${round.ratio} | ${round.ratioNoDedup} | ${errors(round.ours)} / ${errors(round.hive)} / ${errors(round.hiveNoDedup)} | ${read.sameData ? 'yes' : '**no**'} |`,
      );
    }
  }
  const dashboard = r.reads[0];
  lines.push(
    '',
    '| measure | target | reached |',
    '|---|---|---|',
    `| dashboard req/s ours ÷ Hive (median of rounds) | ≥ 1.0, p99 no worse | ${dashboard ? median(dashboard.rounds.map((x) => x.ratio)) : '–'} against Hive as it ships (p99 ${dashboard ? median(dashboard.rounds.map((x) => x.ours.p99)) : '–'} vs ${dashboard ? median(dashboard.rounds.map((x) => x.hive.p99)) : '–'} ms); ${dashboard ? median(dashboard.rounds.map((x) => x.ratioNoDedup)) : '–'} against Hive without deduplication (p99 ${dashboard ? median(dashboard.rounds.map((x) => x.hiveNoDedup.p99)) : '–'} ms) |`,
    `| dashboard p99 at ${r.settings.connections} connections | ≤ 150 ms | ${dashboard ? median(dashboard.rounds.map((x) => x.ours.p99)) : '–'} ms |`,
    `| organization page p99 / case list p99 | ≤ 50 / ≤ 30 ms | ${median(r.reads[1]?.rounds.map((x) => x.ours.p99) ?? [])} / ${median(r.reads[2]?.rounds.map((x) => x.ours.p99) ?? [])} ms |`,
    `| gateway's own added latency, concurrency 1 (p50) | ≤ 2 ms | ${r.gatewayCost.addedP50} ms (${r.gatewayCost.gatewayP50} ms through the gateway, ${r.gatewayCost.fetchesP50} ms of it waiting on its ${r.gatewayCost.fetches.length} subgraph fetches, ${r.gatewayCost.steps} in a row) |`,
    `| public intake through the gateway, events delivered | ≥ 500 cases/s | ${r.writes.casesPerSecond} cases/s (${r.writes.casesWritten} written${r.writes.casesRouted === undefined ? '' : `, ${r.writes.casesRouted} of them routed by tambon`}, ${r.writes.eventsDelivered} events on Kafka, ${errors(r.writes)} errors${r.settings.intakeWarmup ? `; after ${r.settings.intakeWarmup} s of warm-up` : ''}) |`,
    `| gateway resident memory under load (peak) | ≤ 200 MiB | ours ${r.memory.oursPeakMiB} MiB, Hive ${r.memory.hivePeakMiB} / ${r.memory.hiveNoDedupPeakMiB} MiB |`,
  );
  return lines.join('\n');
}
