import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@pcc/events';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { caseProjection, entities, migrations } from '../src/server';
import { CaseProjection } from '../src/store/entities';
import { caseEvent } from './case-events';

/** Planning's copy of cases follows each case's version, not the clocks of the cases service's instances. */
describe('case projection ordering (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'caseproj', migrations, entities });
  });
  afterAll(async () => db.drop());

  const event = (caseId: string, status: string, time: string, version: number) =>
    caseEvent({ caseId, status, time, version });
  /** Events as the consumer hands them to the subscription: one run, in this order. */
  const applyRun = (...events: DomainEvent[]) =>
    db.dataSource.transaction((tx) => caseProjection.batchHandlers!['pcc.case.triaged']!(events, tx));
  const apply = (e: DomainEvent) => applyRun(e);
  const row = (id: string) => db.dataSource.getRepository(CaseProjection).findOneByOrFail({ id });

  it('applies a later version with an older time, and ignores an older version with a newer time', async () => {
    const id = randomUUID();
    await apply(event(id, 'TRIAGED', '2026-05-01T10:00:00Z', 1));
    // Written second, by an instance whose clock is 10 minutes behind.
    await apply(event(id, 'ASSIGNED', '2026-05-01T09:50:00Z', 2));
    expect(await row(id)).toMatchObject({ status: 'ASSIGNED', version: '2' });
    await apply(event(id, 'TRIAGED', '2026-05-02T00:00:00Z', 1));
    expect(await row(id)).toMatchObject({ status: 'ASSIGNED', version: '2' });
  });

  it('takes the latest event of each case in a run, whatever order the run holds them in', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await applyRun(
      event(a, 'RECEIVED', '2026-05-01T10:00:00Z', 1),
      event(b, 'TRIAGED', '2026-05-01T10:00:01Z', 2),
      event(a, 'TRIAGED', '2026-05-01T10:00:00Z', 3),
      event(a, 'ASSIGNED', '2026-05-01T10:00:02Z', 2),
      event(b, 'RECEIVED', '2026-05-01T10:00:00Z', 1),
    );
    expect(await row(a)).toMatchObject({ status: 'TRIAGED', version: '3' });
    expect(await row(b)).toMatchObject({ status: 'TRIAGED', version: '2' });
    // Without versions the time decides, and on a tie of both the later event of the run, as applied one by one.
    const [c, d] = [randomUUID(), randomUUID()];
    await applyRun(
      event(c, 'TRIAGED', '2026-05-01T10:00:05Z', 0),
      event(d, 'RECEIVED', '2026-05-01T10:00:00Z', 0),
      event(c, 'ASSIGNED', '2026-05-01T10:00:01Z', 0),
      event(d, 'TRIAGED', '2026-05-01T10:00:00Z', 0),
    );
    expect(await row(c)).toMatchObject({ status: 'TRIAGED' });
    expect(await row(d)).toMatchObject({ status: 'TRIAGED' });
    // A later run of older versions changes neither.
    await applyRun(event(a, 'RESOLVED', '2026-05-03T00:00:00Z', 2), event(b, 'CLOSED', '2026-05-03T00:00:00Z', 1));
    expect(await row(a)).toMatchObject({ status: 'TRIAGED', version: '3' });
    expect(await row(b)).toMatchObject({ status: 'TRIAGED', version: '2' });
  });

  it('answers every case event type of the catalogue through the same batch handler', () => {
    const types = Object.keys(caseProjection.batchHandlers!);
    expect(types).toEqual(expect.arrayContaining(['pcc.case.opened', 'pcc.case.triaged', 'pcc.case.status-changed']));
    expect(new Set(Object.values(caseProjection.batchHandlers!)).size).toBe(1);
    expect(caseProjection.handlers).toEqual({});
  });
});
