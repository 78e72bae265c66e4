import { waitFor } from '@pcc/testing';
import { CasesPlatform } from './cases-platform';

/**
 * The cases subgraph's process is killed with SIGKILL while public intake flows through the gateway, then
 * restarted on the same port. Whatever the kill interrupted — a transaction, a response, the relay between
 * Kafka's acknowledgement and its delete — every case that committed is published and projected exactly
 * once: a republished event is absorbed by the consumer's inbox. Requests during the outage get a typed
 * error promptly; none hangs.
 */
describe('fault: a subgraph killed under writes and restarted', () => {
  let platform: CasesPlatform;

  beforeAll(async () => {
    platform = await CasesPlatform.start();
  }, 180_000);
  afterAll(() => platform?.stop());

  it('loses no committed write, publishes and applies each once, and answers typed errors meanwhile', async () => {
    const acknowledged = new Set<string>();
    const errors = new Map<string, number>();
    let n = 0;
    let writing = true;
    const writer = async () => {
      while (writing) {
        n += 1;
        const result = await platform.openCase(n);
        if ('id' in result) acknowledged.add(result.id);
        else
          errors.set(`${result.code}: ${result.message}`, (errors.get(`${result.code}: ${result.message}`) ?? 0) + 1);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    const after = async (count: number) => {
      const seen = await waitFor(
        () => acknowledged.size,
        (n) => n >= count,
        60_000,
        50,
      );
      if (seen < count) throw new Error(`${seen} writes acknowledged; errors: ${JSON.stringify([...errors])}`);
    };
    try {
      await after(40);
      await platform.cases.kill('SIGKILL');
      const whileDown = acknowledged.size;
      await platform.cases.start();
      await after(whileDown + 40);
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    // During the outage: only the typed error for the missing service.
    expect([...errors.keys()].filter((error) => !error.startsWith('INTERNAL: '))).toEqual([]);
    const figures = await platform.audit('subgraph SIGKILL + restart', acknowledged);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.projected).toBe(figures.committed);
    expect(figures.events).toBe(figures.committed + figures.republished);
    expect(figures.committed).toBeGreaterThanOrEqual(80);
  }, 240_000);
});
