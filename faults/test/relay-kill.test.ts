import { TOPICS } from '@pcc/events';
import { waitFor, type TestDatabase } from '@pcc/testing';
import { CasesPlatform } from './cases-platform';

type QueryRunner = ReturnType<TestDatabase['dataSource']['createQueryRunner']>;

interface Claimed {
  id: string;
  topic: string;
  type: string;
}

/** The advisory lock the test holds while the relay's DELETE must wait (any number no service uses). */
const HOLD_DELETE = 1_800_018;

/**
 * The relay killed between Kafka's acknowledgement and its delete, made deterministic without touching
 * the service's code: a statement trigger on the test database's outbox makes every DELETE first take a
 * shared advisory lock the test holds exclusively. Writes (INSERTs) and the relay's claim run as usual;
 * the relay sends its batch, Kafka acknowledges it, and the relay's DELETE waits. The test sees those
 * events on Kafka, kills the cases process with SIGKILL, lets the orphaned transaction roll back, and
 * restarts the process: its relay publishes the same rows again and the projection's inbox absorbs each
 * duplicate (one effect per case).
 */
describe('fault: the relay killed between Kafka’s acknowledgement and its delete', () => {
  let platform: CasesPlatform;
  let holder: QueryRunner | undefined;

  beforeAll(async () => {
    platform = await CasesPlatform.start();
    await platform.casesDb.dataSource.query(`
      CREATE FUNCTION faults_hold_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD_DELETE}); RETURN NULL; END $$`);
    await platform.casesDb.dataSource.query(
      'CREATE TRIGGER faults_hold_delete BEFORE DELETE ON outbox FOR EACH STATEMENT EXECUTE FUNCTION faults_hold_delete()',
    );
  }, 180_000);
  afterAll(async () => {
    await holder?.release();
    await platform?.stop();
  });

  /** Outbox rows some transaction holds locked (the relay's claimed batch). */
  const claimedRows = async (): Promise<Claimed[]> => {
    const runner = platform.casesDb.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const all = (await runner.query('SELECT id, topic, type FROM outbox ORDER BY seq')) as Claimed[];
      const free = new Set(
        ((await runner.query('SELECT id FROM outbox FOR UPDATE SKIP LOCKED')) as Array<{ id: string }>).map(
          (r) => r.id,
        ),
      );
      return all.filter((row) => !free.has(row.id));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  it('publishes the acknowledged but undeleted events again; the inbox absorbs them', async () => {
    await platform.projectionCaughtUp();
    holder = platform.casesDb.dataSource.createQueryRunner();
    await holder.query('SELECT pg_advisory_lock($1)', [HOLD_DELETE]);

    const acknowledged = new Set<string>();
    const open = async (from: number, count: number) => {
      for (let n = from; n < from + count; n += 1) {
        const result = await platform.openCase(n);
        if (!('id' in result)) throw new Error(`write ${n} failed: ${result.code} ${result.message ?? ''}`);
        acknowledged.add(result.id);
      }
    };
    await Promise.all([open(0, 10), open(100, 10)]);

    // The relay has claimed a batch, sent it, and waits in its DELETE: those events are on Kafka.
    const claimedBatch = await waitFor(claimedRows, (rows) => rows.length > 0, 30_000, 100);
    const claimed = claimedBatch.map((row) => row.id);
    const onKafka = () => new Set(platform.tap.messages.map((m) => m.headers.ce_id));
    await waitFor(onKafka, (seen) => claimed.every((id) => seen.has(id)), 30_000, 100);
    expect(claimed.every((id) => onKafka().has(id))).toBe(true);
    expect(await claimedRows()).toEqual(claimedBatch);
    // What the audit and the projection's inbox will see twice.
    const caseEvents = claimedBatch.filter((row) => row.topic === TOPICS.case).length;
    const openedEvents = claimedBatch.filter((row) => row.type === 'pcc.case.opened').length;

    await platform.cases.kill('SIGKILL');
    await holder.query('SELECT pg_advisory_unlock($1)', [HOLD_DELETE]);
    await holder.release();
    holder = undefined;
    // The killed process's transaction ends (its DELETE rolled back): its rows are still in the outbox.
    const stillThere = async () =>
      (
        await platform.casesDb.dataSource.query<unknown[]>('SELECT id FROM outbox WHERE id = ANY($1::uuid[])', [
          claimed,
        ])
      ).length;
    const orphans = () => claimedRows().then((rows) => rows.length);
    expect(await waitFor(orphans, (n) => n === 0, 30_000, 100)).toBe(0);
    expect(await stillThere()).toBe(claimed.length);

    await platform.cases.start();
    await open(200, 10);

    // The republished batch comes first (oldest rows): wait for the inbox to have seen it, then audit.
    await waitFor(
      () => platform.projection!.stats().duplicates,
      (n) => n >= caseEvents,
      30_000,
      100,
    );
    const figures = await platform.audit('relay SIGKILL between ack and delete', acknowledged);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.committed).toBe(30);
    expect(figures.projected).toBe(figures.committed);
    expect(openedEvents).toBeGreaterThan(0);
    expect(figures.republished).toBe(openedEvents);
    expect(figures.events).toBe(figures.committed + openedEvents);
    expect(figures.duplicatesAbsorbed).toBe(caseEvents);
  }, 120_000);
});
