import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import type { Identity } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { createTestDatabase, EventTap, IdentityFactory, testKafka, type TestDatabase } from '@pcc/testing';
import { ensureTopics, OutboxRelay, TOPICS, type DomainEvent } from '@pcc/events';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { agreementTargets, entities, migrations, ReportManager } from '../src/server';

const ADMIN: Identity = IdentityFactory.admin();

/**
 * The widest values the waste inputs accept, each through the whole path: the write commits (its
 * events pass the catalogue) and the relay publishes them on Kafka. One test per field family.
 */
describe('waste events at the edges of the domain (real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let admin: Admin;
  let relay: OutboxRelay;
  let tap: EventTap;
  const manager = () => new ReportManager(projectionScope(db.dataSource, ADMIN));
  const figures = (t: string) => ({
    byStream: { general: t, organic: '0', recyclable: '0', hazardous: '0' },
    byDestination: { incinerated: t, landfilled: '0', recycled: '0', composted: '0' },
  });
  const organization = async () => {
    const id = randomUUID();
    await OrganizationFactory.insert(db.dataSource, { id });
    return id;
  };
  const signMou = (organizationId: string, value: string) => {
    const signed: DomainEvent = {
      id: randomUUID(),
      type: 'pcc.agreement.signed',
      source: '/services/organizations',
      subject: randomUUID(),
      time: new Date().toISOString(),
      data: {
        agreement: {
          id: randomUUID(),
          title: 'MOU',
          subject: 'WASTE_MANAGEMENT',
          signedOn: '2018-03-15',
          signatoryOrganizationIds: [organizationId],
          targets: [{ metric: 'WASTE_REDUCTION', value, unit: 'PERCENT', baselineFiscalYear: null }],
        },
        actor: ADMIN,
      },
    };
    return db.dataSource.transaction((tx) => agreementTargets.handlers['pcc.agreement.signed']!(signed, tx));
  };
  const published = (type: string, organizationId: string) =>
    tap.waitFor((m) => m.key === organizationId && m.headers.ce_type === type);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'wasteranges', migrations, entities });
    admin = testKafka('waste-ranges-admin').admin();
    await admin.connect();
    await ensureTopics(admin, [TOPICS.wasteReport], { partitions: 6, replicationFactor: 1 });
    tap = await EventTap.open([TOPICS.wasteReport]);
    relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('waste-ranges-relay'), pollIntervalMs: 100 });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await tap.close();
    await admin.disconnect();
    await db.drop();
  });

  it('a projected reduction of −19,900 % (6 t baseline, 100 t a month) is judged and published', async () => {
    const org = await organization();
    await signMou(org, '5');
    await manager().setBaseline(org, null, '6');
    for (const month of monthsOfFiscalYear(2561).slice(0, 3))
      await manager().submit({ organizationId: org, month, ...figures('100') });
    const atRisk = await published('pcc.waste.target-at-risk', org);
    expect(atRisk.value).toMatchObject({ projectedReductionPercent: '-19900.00', targetPercent: '5.00' });
  });

  it('the most negative projection the figures allow (0.001 t baseline, the largest months) is published', async () => {
    const org = await organization();
    await signMou(org, '100');
    await manager().setBaseline(org, null, '0.001');
    for (const month of monthsOfFiscalYear(2561).slice(0, 3))
      await manager().submit({ organizationId: org, month, ...figures('999999999.999') });
    const atRisk = await published('pcc.waste.target-at-risk', org);
    const { projectedReductionPercent } = atRisk.value as { projectedReductionPercent: string };
    expect(Number(projectedReductionPercent)).toBeLessThan(-1.19e15);
    expect(await published('pcc.waste.target-set', org)).toMatchObject({ value: { targetPercent: '100.00' } });
  });

  it('the largest monthly figures are published in the report event', async () => {
    const org = await organization();
    await manager().submit({ organizationId: org, month: '2018-01', ...figures('999999999.999') });
    const submitted = await published('pcc.waste.report-submitted', org);
    expect(submitted.value).toMatchObject({ report: { totalTonnes: '999999999.999' } });
  });

  it('an 11-digit baseline in tonnes commits and is published', async () => {
    const org = await organization();
    await manager().setBaseline(org, null, '99999999999.999');
    const set = await published('pcc.waste.baseline-set', org);
    expect(set.value).toMatchObject({ baselineTonnes: '99999999999.999' });
  });
});
