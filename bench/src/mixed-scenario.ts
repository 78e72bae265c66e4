/**
 * The headline measure: the mixed workload of distinct callers through each gateway. The same seeded
 * sequence is sent to all three; a sample of it is compared between them first.
 */
import { dataOf } from './answers';
import { once } from './load';
import { mixedLoad, type KindRequest, type MixedResult } from './mixed-load';
import { callerTokens, caseListCursors, mixedRequests, type Secrets } from './mixed-requests';
import { workload, KINDS, type Kind } from './workload';

export interface MixedReport {
  seed: number;
  /** One kind alone (the province dashboard, say), sent by the callers whose role runs it; absent: the whole mix. */
  only?: Kind | undefined;
  /** Distinct callers by role (officers of every organization, analysts, network admins, citizens). */
  callers: Record<string, number>;
  /** Requests of the sequence compared between the gateways, and how many of them disagreed or failed. */
  compared: number;
  disagreements: number;
  sameData: boolean;
  rounds: Array<{
    ours: MixedResult;
    hive: MixedResult;
    hiveNoDedup: MixedResult;
    ratio: number;
    ratioNoDedup: number;
  }>;
}

export interface MixedSettings {
  seed: number;
  length: number;
  compared: number;
  rounds: number;
  seconds: number;
  warmup: number;
  connections: number;
  only?: Kind | undefined;
}

export async function measureMixed(
  input: {
    organizations: ReadonlyArray<{ id: string; code: string }>;
    trackingCodes: readonly string[];
    secrets: Secrets;
    urls: { ours: string; hive: string; hiveNoDedup: string };
    operation: (file: (typeof KINDS)[Kind]) => string;
    /** A token of ours that may list any organization's cases (to walk the case lists' pages). */
    adminToken: string;
    say: (line: string) => void;
  },
  settings: MixedSettings,
): Promise<MixedReport> {
  const steps = workload({
    seed: settings.seed,
    length: settings.length,
    organizations: input.organizations,
    trackingCodes: input.trackingCodes,
    only: settings.only,
  });
  const population = [...new Map(steps.map((step) => [step.caller.sub, step.caller])).values()];
  const tokens = await callerTokens(population, input.secrets);
  const cursors = await caseListCursors(steps, input.operation(KINDS['case list']), input.urls.ours, input.adminToken);
  const ours = mixedRequests(steps, input.urls.ours, tokens.ours, input.operation, cursors);
  const hive = mixedRequests(steps, input.urls.hive, tokens.hive, input.operation, cursors);
  const hiveNoDedup = mixedRequests(steps, input.urls.hiveNoDedup, tokens.hive, input.operation, cursors);

  let disagreements = 0;
  for (let i = 0; i < Math.min(settings.compared, steps.length); i += 1) {
    const [a, b, c] = [await once(ours[i]!), await once(hive[i]!), await once(hiveNoDedup[i]!)];
    if (dataOf(a) !== dataOf(b) || dataOf(a) !== dataOf(c) || dataOf(a).startsWith('failed')) {
      disagreements += 1;
      input.say(
        `mixed #${i} ${ours[i]!.kind} (${steps[i]!.caller.sub}): the gateways disagree or fail — ours ${dataOf(a).slice(0, 300)} / hive ${dataOf(b).slice(0, 300)} / hive without dedup ${dataOf(c).slice(0, 300)}`,
      );
    }
  }

  const measure = async (sequence: KindRequest[]) => {
    await mixedLoad(sequence, settings.connections, settings.warmup);
    return mixedLoad(sequence, settings.connections, settings.seconds);
  };
  const ratio = (x: MixedResult, y: MixedResult) =>
    Math.round((x.total.requestsPerSecond / Math.max(1, y.total.requestsPerSecond)) * 100) / 100;
  const rounds: MixedReport['rounds'] = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    const [a, b, c] = [await measure(ours), await measure(hive), await measure(hiveNoDedup)];
    rounds.push({ ours: a, hive: b, hiveNoDedup: c, ratio: ratio(a, b), ratioNoDedup: ratio(a, c) });
    const line = (x: MixedResult) => `${x.total.requestsPerSecond} req/s p50 ${x.total.p50} p99 ${x.total.p99}`;
    input.say(
      `${settings.only ?? 'mixed workload'} round ${round}: ours ${line(a)} | hive ${line(b)} | hive without dedup ${line(c)}`,
    );
  }
  const byRole: Record<string, number> = {};
  for (const caller of population) byRole[caller.role] = (byRole[caller.role] ?? 0) + 1;
  return {
    seed: settings.seed,
    only: settings.only,
    callers: byRole,
    compared: Math.min(settings.compared, steps.length),
    disagreements,
    sameData: disagreements === 0,
    rounds,
  };
}
