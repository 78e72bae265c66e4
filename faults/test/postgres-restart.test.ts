import { waitFor } from '@pcc/testing';
import { CasesPlatform } from './cases-platform';
import { PrivatePostgres } from './private-postgres';

/** The gateway's subgraph timeout is 3 s: an answer later than this is a request that hung. */
const ANSWER_WITHIN_MS = 6_000;

/**
 * PostgreSQL restarted under public intake: the cases subgraph runs on a private server of the test's own
 * (never the machine's shared one), which is stopped (`-m fast`) and started again while writes flow through
 * the gateway. The subgraph's readiness goes red while its database is away and green once it is back,
 * without a restart of the process; every request answers promptly (an error is fine during the outage),
 * and writes after recovery commit and are published and projected once. The server is stopped and its
 * directory deleted at the end, whatever happened.
 */
describe('fault: PostgreSQL restarted under writes', () => {
  let server: PrivatePostgres | undefined;
  let platform: CasesPlatform | undefined;

  beforeAll(async () => {
    server = await PrivatePostgres.start();
    platform = await CasesPlatform.start({ casesServerUrl: server.url });
  }, 180_000);
  afterAll(async () => {
    try {
      await platform?.stop();
    } finally {
      await server?.destroy();
    }
  });

  it('goes unready and back, answers every request meanwhile, and loses no committed write', async () => {
    const cases = platform!;
    await cases.projectionCaughtUp();
    const acknowledged = new Set<string>();
    const errors = new Map<string, number>();
    let slowest = 0;
    let n = 0;
    let writing = true;
    const writers = Array.from({ length: 2 }, async () => {
      while (writing) {
        n += 1;
        const started = Date.now();
        const result = await cases.openCase(n);
        slowest = Math.max(slowest, Date.now() - started);
        if ('id' in result) acknowledged.add(result.id);
        else errors.set(result.code, (errors.get(result.code) ?? 0) + 1);
      }
    });
    const readiness = async () => {
      try {
        return (await fetch(`${cases.cases.url}/readyz`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) })).status;
      } catch {
        return 0;
      }
    };
    const acknowledgedReaches = (count: number) =>
      waitFor(
        () => acknowledged.size,
        (size) => size >= count,
        30_000,
        50,
      );
    let beforeRestart = 0;
    try {
      expect(await acknowledgedReaches(20)).toBeGreaterThanOrEqual(20);
      expect(await readiness()).toBe(200);
      await server!.stop();
      const unready = await waitFor(readiness, (status) => status === 503, 20_000, 100);
      if (unready !== 503) throw new Error(`readiness ${unready} with the database away:\n${cases.cases.logs()}`);
      beforeRestart = acknowledged.size;
      await server!.restart();
      expect(await waitFor(readiness, (status) => status === 200, 30_000, 100)).toBe(200);
      expect(await acknowledgedReaches(beforeRestart + 20)).toBeGreaterThanOrEqual(beforeRestart + 20);
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    console.log(
      `PostgreSQL restart: answers during the outage ${JSON.stringify(Object.fromEntries(errors))}, slowest answer ${slowest} ms`,
    );
    expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);
    const figures = await cases.audit('PostgreSQL stopped + started', acknowledged);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.committed).toBeGreaterThanOrEqual(beforeRestart + 20);
    expect(figures.projected).toBe(figures.committed);
    expect(figures.events).toBe(figures.committed + figures.republished);
  }, 120_000);
});
