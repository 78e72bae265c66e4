import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import type { Identity } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { createTestDatabase, EventTap, IdentityFactory, testKafka, type TestDatabase } from '@pcc/testing';
import { ensureTopics, OutboxRelay, TOPICS, type DomainEvent } from '@pcc/events';
import { entities, migrations, ReportManager } from '../src/server';

export const ADMIN: Identity = IdentityFactory.admin();

/** A month's figures: `t` tonnes of general waste, all incinerated. */
export const figures = (t: string) => ({
  byStream: { general: t, organic: '0', recyclable: '0', hazardous: '0' },
  byDestination: { incinerated: t, landfilled: '0', recycled: '0', composted: '0' },
});

/** A waste MOU's `pcc.agreement.signed`, as the consumer receives it from Kafka. */
export function mouSigned(options: {
  signatories: string[];
  value: string;
  baselineFiscalYear?: number | null;
  agreementId?: string;
  version?: number;
  time?: string;
}): DomainEvent {
  const agreementId = options.agreementId ?? randomUUID();
  return {
    id: randomUUID(),
    type: 'pcc.agreement.signed',
    source: '/services/organizations',
    subject: agreementId,
    time: options.time ?? new Date().toISOString(),
    data: {
      agreement: {
        id: agreementId,
        title: 'MOU',
        subject: 'WASTE_MANAGEMENT',
        signedOn: '2018-03-15',
        signatoryOrganizationIds: options.signatories,
        targets: [
          {
            metric: 'WASTE_REDUCTION',
            value: options.value,
            unit: 'PERCENT',
            baselineFiscalYear: options.baselineFiscalYear ?? null,
          },
        ],
      },
      actor: ADMIN,
      ...(options.version === undefined ? {} : { version: options.version }),
    },
  };
}

/**
 * A waste database whose outbox a relay publishes to the real broker, and a tap on the waste topic:
 * for tests that follow a write all the way to Kafka.
 */
export async function wastePipeline(prefix: string) {
  const db: TestDatabase = await createTestDatabase({ prefix, migrations, entities });
  const admin: Admin = testKafka(`${prefix}-admin`).admin();
  await admin.connect();
  await ensureTopics(admin, [TOPICS.wasteReport], { partitions: 6, replicationFactor: 1 });
  const tap = await EventTap.open([TOPICS.wasteReport]);
  const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka(`${prefix}-relay`), pollIntervalMs: 100 });
  relay.start();
  return {
    db,
    tap,
    manager: () => new ReportManager(projectionScope(db.dataSource, ADMIN)),
    organization: async () => {
      const id = randomUUID();
      await OrganizationFactory.insert(db.dataSource, { id });
      return id;
    },
    async close() {
      await relay.stop();
      await tap.close();
      await admin.disconnect();
      await db.drop();
    },
  };
}
