import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import type { Identity } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { createTestDatabase, EventTap, IdentityFactory, testKafka, waitFor, type TestDatabase } from '@pcc/testing';
import { ensureTopics, OutboxRelay, TOPICS, type DomainEvent } from '@pcc/events';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { agreementTargets, entities, migrations, ReportManager } from '../src/server';

const ADMIN: Identity = IdentityFactory.admin();

/**
 * Waste events are keyed by organization: writers of one organization serialise on it, and every
 * event carries the organization's version, so Kafka holds them in commit order, 1, 2, 3, …
 */
describe('waste event order (real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let admin: Admin;
  let relay: OutboxRelay;
  let tap: EventTap;
  const manager = () => new ReportManager(projectionScope(db.dataSource, ADMIN));
  const figures = (t: string) => ({
    byStream: { general: t, organic: '0', recyclable: '0', hazardous: '0' },
    byDestination: { incinerated: t, landfilled: '0', recycled: '0', composted: '0' },
  });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'wasteorder', migrations, entities });
    admin = testKafka('waste-order-admin').admin();
    await admin.connect();
    await ensureTopics(admin, [TOPICS.wasteReport], { partitions: 6, replicationFactor: 1 });
    tap = await EventTap.open([TOPICS.wasteReport]);
    relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('waste-order-relay'), pollIntervalMs: 100 });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await tap.close();
    await admin.disconnect();
    await db.drop();
  });

  it('publishes concurrent writes of one organization in commit order, versions 1…n', async () => {
    const org = randomUUID();
    await OrganizationFactory.insert(db.dataSource, { id: org });
    const months = monthsOfFiscalYear(2561);
    // Twelve months at once, then a correction of each at once: 24 writers of one organization.
    await Promise.all(months.map((month) => manager().submit({ organizationId: org, month, ...figures('10') })));
    await Promise.all(months.map((month) => manager().correct({ organizationId: org, month, ...figures('9') })));
    const { n } = (
      await db.dataSource.query<[{ n: number }]>(
        `SELECT (SELECT count(*)::int FROM waste_report WHERE organization_id = $1) AS n`,
        [org],
      )
    )[0];
    expect(n).toBe(24);
    const ours = await waitFor(
      () => tap.messages.filter((m) => m.key === org),
      (messages) => messages.length >= 24,
      20_000,
    );
    const versions = ours.map((m) => (m.value as { version: number }).version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
  });

  it('ignores an MOU event older than the version its target came from', async () => {
    const org = randomUUID();
    await OrganizationFactory.insert(db.dataSource, { id: org });
    const agreementId = randomUUID();
    const signed = (value: string, version: number, time: string): DomainEvent => ({
      id: randomUUID(),
      type: 'pcc.agreement.signed',
      source: '/services/organizations',
      subject: agreementId,
      time,
      data: {
        agreement: {
          id: agreementId,
          title: 'MOU',
          subject: 'WASTE_MANAGEMENT',
          signedOn: '2018-03-15',
          signatoryOrganizationIds: [org],
          targets: [{ metric: 'WASTE_REDUCTION', value, unit: 'PERCENT', baselineFiscalYear: null }],
        },
        actor: ADMIN,
        version,
      },
    });
    const apply = (e: DomainEvent) =>
      db.dataSource.transaction((tx) => agreementTargets.handlers['pcc.agreement.signed']!(e, tx));
    const target = async () =>
      (
        await db.dataSource.query<[{ reduction_percent: string }]>(
          'SELECT reduction_percent FROM waste_target WHERE organization_id = $1',
          [org],
        )
      )[0].reduction_percent;
    await apply(signed('10', 2, '2026-05-01T09:00:00Z'));
    await apply(signed('5', 1, '2026-05-01T10:00:00Z'));
    expect(await target()).toBe('10.00');
    await apply(signed('7', 3, '2026-05-01T08:00:00Z'));
    expect(await target()).toBe('7.00');
  });
});
