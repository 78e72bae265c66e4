import { AppError, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { createTestDatabase, IdentityFactory, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '../src/server';
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { caseScope } from '../src/providers/scope';

/** An organization that left the network: its officers keep reading its cases but change none. */
describe('cases of an organization that left the network (real PostgreSQL)', () => {
  let db: TestDatabase;
  const as = (identity: Identity) => new CaseWorkflow(caseScope(db.dataSource, identity, DEFAULT_SLA_HOURS));

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_left', migrations, entities });
  });
  afterAll(() => db.drop());

  it('refuses its officers every change of the cases it led; a network admin still may', async () => {
    const [left] = await OrganizationFactory.insert(db.dataSource, { code: 'LEFT' });
    const { case: opened } = await as(IdentityFactory.admin()).open({
      kind: 'GRIEVANCE',
      category: 'ROAD',
      channel: 'PHONE',
      title: 'Pothole',
      description: 'd',
      location: { lat: 7.9, lng: 98.3 },
      reporter: { name: 'R', phone: '0812345678' },
    });
    await as(IdentityFactory.admin()).triage(opened.id, { leadOrganizationId: left!.id, priority: 'NORMAL' });
    await db.dataSource.query('UPDATE organization_projection SET active = false WHERE id = $1', [left!.id]);

    const officer = as(IdentityFactory.officer('LEFT'));
    for (const change of [
      () => officer.accept(opened.id),
      () => officer.reject(opened.id, 'not ours any more'),
      () => officer.addNote(opened.id, 'a note'),
    ]) {
      const refusal: unknown = await change().then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('FORBIDDEN');
    }
    await expect(as(IdentityFactory.admin()).accept(opened.id)).resolves.toMatchObject({ status: 'ASSIGNED' });
  });
});
