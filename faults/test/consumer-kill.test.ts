import { waitFor } from '@pcc/testing';
import { CasesPlatform } from './cases-platform';

/**
 * A consumer killed with SIGKILL in the middle of a backlog: planning's process, projecting cases, dies
 * inside a chunk's transaction (its inbox rows written, its effect not yet) and is restarted. The
 * transaction never commits, the offsets were not committed, and the batch is redone: every case is
 * projected once, nothing half-applied.
 */
describe('fault: a consumer killed mid-batch and restarted', () => {
  let platform: CasesPlatform;

  beforeAll(async () => {
    platform = await CasesPlatform.start({ planningProcess: true });
  }, 180_000);
  afterAll(() => platform?.stop());

  it('redoes the batch and applies every event once', async () => {
    // A backlog written while planning is down.
    await platform.planning!.kill('SIGTERM');
    const acknowledged = new Set<string>();
    for (let n = 0; n < 300; n += 1) {
      const result = await platform.openCase(n);
      if ('id' in result) acknowledged.add(result.id);
    }
    expect(acknowledged.size).toBe(300);
    const ids = [...acknowledged];
    // Holds planning's first chunk inside its transaction, after its inbox rows, at the projection's
    // upsert: the kill then lands mid-batch however fast the machine projects (a chunk is one upsert).
    const blocker = platform.projectionDb.dataSource.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE case_projection IN SHARE MODE');
      await platform.planning!.start();
      await waitFor(
        () => platform.backendsWaitingOnLocks(),
        (n) => n > 0,
        60_000,
        20,
      );
      await platform.planning!.kill('SIGKILL');
      expect(await platform.projectedOf(ids)).toBe(0);
    } finally {
      // The killed process's backend then runs its upsert and finds its client gone: no commit.
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    await platform.planning!.start();
    const figures = await platform.audit('consumer SIGKILL mid-batch', acknowledged);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.projected).toBe(figures.committed);
  }, 240_000);
});
