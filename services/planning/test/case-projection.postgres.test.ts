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
  const apply = (e: DomainEvent) =>
    db.dataSource.transaction((tx) => caseProjection.handlers['pcc.case.triaged']!(e, tx));
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
});
