import { randomUUID } from 'node:crypto';
import { eventsMigrations, type DomainEvent } from '@pcc/events';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import {
  applyOrganizationEvent,
  OrganizationProjection,
  organizationProjectionMigrations,
  requireActiveOrganization,
} from '../src';

const event = (id: string, code: string, time: string, active = true, version?: number): DomainEvent => ({
  id: randomUUID(),
  type: 'pcc.organization.updated',
  source: '/services/organizations',
  subject: id,
  time,
  data: {
    organization: {
      id,
      code,
      nameTh: `ท ${code}`,
      nameEn: `E ${code} ${time}`,
      type: 'TOWN_MUNICIPALITY',
      district: 'KATHU',
      active,
      establishedOn: '1999-01-01',
    },
    actor: { sub: 's', role: 'NETWORK_ADMIN', org: null },
    ...(version === undefined ? {} : { version }),
  },
});

describe('organization projection (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({
      prefix: 'orgproj',
      migrations: [...eventsMigrations, ...organizationProjectionMigrations],
      entities: [OrganizationProjection],
    });
  });
  afterAll(async () => db.drop());
  const apply = (e: DomainEvent) => db.dataSource.transaction((tx) => applyOrganizationEvent(e, tx));
  const row = (id: string) => db.dataSource.getRepository(OrganizationProjection).findOneBy({ id });

  it('upserts snapshots and ignores an older event that arrives late', async () => {
    const id = randomUUID();
    await apply(event(id, 'PATONG', '2026-01-02T00:00:00Z'));
    await apply(event(id, 'PATONG', '2026-01-01T00:00:00Z', false));
    expect(await row(id)).toMatchObject({
      code: 'PATONG',
      active: true,
      nameEn: 'E PATONG 2026-01-02T00:00:00Z',
      establishedOn: '1999-01-01',
    });
    await apply(event(id, 'PATONG', '2026-01-03T00:00:00Z', false));
    expect((await row(id))!.active).toBe(false);
  });

  it('orders by version, not by the producers’ clocks', async () => {
    const id = randomUUID();
    // Two producer instances, the second's clock an hour behind: version 2 carries the older time.
    await apply(event(id, 'KAMALA', '2026-04-01T10:00:00Z', true, 1));
    await apply(event(id, 'KAMALA', '2026-04-01T09:00:00Z', false, 2));
    expect(await row(id)).toMatchObject({ active: false, version: '2' });
    // A late, older version (redelivered or re-driven) is ignored, however new its time.
    await apply(event(id, 'KAMALA', '2026-04-02T00:00:00Z', true, 1));
    expect(await row(id)).toMatchObject({ active: false, version: '2' });
    // An event without a version (written before versions) never overrides a versioned state.
    await apply(event(id, 'KAMALA', '2026-04-03T00:00:00Z', true));
    expect((await row(id))!.active).toBe(false);
    await apply(event(id, 'KAMALA', '2026-04-01T08:00:00Z', true, 3));
    expect(await row(id)).toMatchObject({ active: true, version: '3' });
  });

  it('gives a code to the organization with the newest event, whatever the arrival order', async () => {
    const older = randomUUID();
    const newer = randomUUID();
    await apply(event(newer, 'KATHU', '2026-02-02T00:00:00Z'));
    await apply(event(older, 'KATHU', '2026-02-01T00:00:00Z'));
    expect(await row(older)).toBeNull();
    expect((await row(newer))!.code).toBe('KATHU');
  });

  it('refuses unknown and inactive organizations as BAD_USER_INPUT', async () => {
    const inactive = randomUUID();
    await apply(event(inactive, 'GONE', '2026-03-01T00:00:00Z', false));
    await expect(requireActiveOrganization(db.dataSource.manager, randomUUID(), 'lead')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { lead: 'unknown organization' } },
    });
    await expect(requireActiveOrganization(db.dataSource.manager, inactive, 'lead')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { lead: 'inactive organization' } },
    });
  });
});
