import { waitFor } from '@pcc/testing';
import { CasesPlatform } from './cases-platform';

/**
 * A consumer killed with SIGKILL in the middle of a backlog: planning's process, projecting cases, dies
 * with a batch half handled (its transaction rolled back, its offsets not committed) and is restarted.
 * The batch is redone; every case is projected once, the redelivered events absorbed by the inbox.
 */
describe('fault: a consumer killed mid-batch and restarted', () => {
  let platform: CasesPlatform;

  beforeAll(async () => {
    platform = await CasesPlatform.start({ planningProcess: true });
  }, 180_000);
  afterAll(() => platform?.stop());

  it('redoes the batch and applies every event once', async () => {
    // A backlog written while planning consumes: it is killed once part of it is projected.
    await platform.planning!.kill('SIGTERM');
    const acknowledged = new Set<string>();
    for (let n = 0; n < 300; n += 1) {
      const result = await platform.openCase(n);
      if ('id' in result) acknowledged.add(result.id);
    }
    expect(acknowledged.size).toBe(300);
    const ids = [...acknowledged];
    await platform.planning!.start();
    const partly = await waitFor(
      () => platform.projectedOf(ids),
      (n) => n > 0,
      60_000,
      20,
    );
    await platform.planning!.kill('SIGKILL');
    expect(partly).toBeLessThan(300);
    await platform.planning!.start();
    const figures = await platform.audit('consumer SIGKILL mid-batch', acknowledged);
    expect(figures.acknowledgedMissing).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.projected).toBe(figures.committed);
  }, 240_000);
});
