import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Partitioners } from 'kafkajs';
import { Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import {
  caseEvents,
  ensureTopics,
  EventCatalogue,
  eventsMigrations,
  organizationEvents,
  Outbox,
  OutboxRelay,
  planningEvents,
  TOPICS,
  toKafkaMessage,
  wasteEvents,
  type DomainEvent,
} from '../src';
import { ANALYST_QUERIES, analystQuery, ParquetSink, runDuckDbQuery } from '../src/sink';
import { testKafka, uniqueTopic, waitFor } from './fixtures';

/** What the producing services keep, reduced to the facts the analysts' questions need. */
class CreateSource1700000000002 implements MigrationInterface {
  name = 'CreateSource1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE source_case (id uuid PRIMARY KEY, organization_code text NOT NULL,
      opened_at timestamptz NOT NULL, resolved_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE source_project (id uuid PRIMARY KEY, fiscal_year int NOT NULL, funding text NOT NULL,
      approved numeric(14,2), disbursed numeric(14,2) NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE source_case, source_project');
  }
}

/**
 * Real events through Kafka into the Parquet sink, then the README's analyst queries, whose answers
 * must equal what PostgreSQL computes from the producers' own rows; each event id once, also after a
 * restart that receives everything again.
 */
describe('the Parquet sink (real Kafka, PostgreSQL and DuckDB)', () => {
  const kafka = testKafka('sink-test');
  const topics = {
    organizations: uniqueTopic('sink-org'),
    cases: uniqueTopic('sink-case'),
    projects: uniqueTopic('sink-project'),
    waste: uniqueTopic('sink-waste'),
  };
  const rename: Record<string, string> = {
    [TOPICS.organization]: topics.organizations,
    [TOPICS.case]: topics.cases,
    [TOPICS.project]: topics.projects,
    [TOPICS.wasteReport]: topics.waste,
  };
  // The platform's own event types and schemas, on this test's topics.
  const catalogue = new EventCatalogue(
    [...organizationEvents, ...caseEvents, ...planningEvents, ...wasteEvents]
      .filter((d) => rename[d.topic])
      .map((d) => ({ ...d, topic: rename[d.topic]! })),
  );
  const actor = { sub: 'test', role: 'NETWORK_ADMIN' as const, org: null };
  let db: TestDatabase;
  let folder: string;
  let relay: OutboxRelay;
  const group = `sink-${randomUUID()}`;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, Object.values(topics), { partitions: 3, replicationFactor: 1 });
    await admin.disconnect();
    db = await createTestDatabase({ prefix: 'sink', migrations: [...eventsMigrations, CreateSource1700000000002] });
    folder = mkdtempSync(join(tmpdir(), 'pcc-sink-'));
    relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('sink-relay'), pollIntervalMs: 200 });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function produce(): Promise<number> {
    const outbox = new Outbox(catalogue, '/services/test');
    const orgs = ['KATHU', 'PATONG'].map((code) => ({ id: randomUUID(), code }));
    let events = 0;
    await db.dataSource.transaction(async (tx) => {
      for (const { id, code } of orgs) {
        await outbox.append(tx, {
          type: 'pcc.organization.registered',
          subject: id,
          data: {
            organization: {
              id,
              code,
              nameTh: code,
              nameEn: code,
              type: 'TOWN_MUNICIPALITY',
              district: 'KATHU',
              active: true,
              establishedOn: null,
            },
            actor,
          },
        });
        events += 1;
      }
    });
    // Twelve land disputes over FY2561 (opened on the 15th of Oct 2017 … Sep 2018), alternating organizations.
    for (let i = 0; i < 12; i += 1) {
      const org = orgs[i % 2]!;
      const id = randomUUID();
      const openedAt = new Date(Date.UTC(2017, 9 + i, 15, 3, 0, 0)).toISOString();
      const snapshot = (status: string) => ({
        id,
        trackingCode: `PCC-2561-${String(i + 1).padStart(6, '0')}`,
        kind: 'CONFLICT',
        category: 'LAND_DISPUTE',
        channel: 'WALK_IN',
        status,
        priority: 'NORMAL',
        district: 'KATHU',
        leadOrganizationId: org.id,
        supportingOrganizationIds: [],
        openedAt,
        dueAt: null,
      });
      await db.dataSource.transaction(async (tx) => {
        const [, resolved] = await outbox.append(
          tx,
          { type: 'pcc.case.opened', subject: id, data: { case: snapshot('RECEIVED'), actor } },
          { type: 'pcc.case.resolved', subject: id, data: { case: snapshot('RESOLVED'), actor, outcome: 'AGREEMENT' } },
        );
        await tx.query('INSERT INTO source_case VALUES ($1, $2, $3, $4)', [id, org.code, openedAt, resolved!.time]);
      });
      events += 2;
    }
    // Projects of FY2561 and FY2562, some from accumulated funds, one of them proposed only.
    const plan = { planId: randomUUID(), strategyId: randomUUID() };
    for (let i = 0; i < 6; i += 1) {
      const id = randomUUID();
      const funding = i % 3 === 2 ? 'ANNUAL_BUDGET' : 'ACCUMULATED_FUNDS';
      const approved = i === 0 ? null : `${(i + 1) * 100000}.00`;
      const disbursed = approved ? `${(i + 1) * 25000}.50` : '0.00';
      const project = (status: string, approvedBudget: string | null, paid: string) => ({
        id,
        code: `KATHU-2561-${i}`,
        title: `Project ${i}`,
        ownerOrganizationId: orgs[0]!.id,
        partnerOrganizationIds: [],
        fiscalYear: 2561 + (i % 2),
        ...plan,
        fundingSource: funding,
        status,
        budget: `${(i + 1) * 100000}.00`,
        approvedBudget,
        disbursed: paid,
        progressPercent: 0,
        plannedStart: '2018-01-01',
        plannedEnd: '2018-09-30',
        coordinationStatus: 'NOT_SUBMITTED',
        delayed: false,
      });
      await db.dataSource.transaction(async (tx) => {
        await outbox.append(tx, {
          type: 'pcc.project.proposed',
          subject: id,
          data: { project: project('PROPOSED', null, '0.00'), actor },
        });
        events += 1;
        if (approved) {
          await outbox.append(
            tx,
            {
              type: 'pcc.project.approved',
              subject: id,
              data: { project: project('APPROVED', approved, '0.00'), actor, councilResolution: null },
            },
            {
              type: 'pcc.project.progress-reported',
              subject: id,
              data: {
                project: project('IN_PROGRESS', approved, disbursed),
                actor,
                report: { id: randomUUID(), reportedOn: '2018-03-01', percent: 30, amountDisbursed: disbursed },
              },
            },
          );
          events += 2;
        }
        await tx.query('INSERT INTO source_project VALUES ($1, $2, $3, $4, $5)', [
          id,
          2561 + (i % 2),
          funding,
          approved,
          disbursed,
        ]);
      });
    }
    return events;
  }

  const query = (sql: string) => runDuckDbQuery(analystQuery(sql, folder, topics));

  const registry = new Registry();
  const startSink = async () => {
    registry.clear();
    const sink = new ParquetSink({
      registry,
      kafka: testKafka('sink'),
      folder,
      topics: Object.values(topics),
      group,
      lagIntervalMs: 200,
    });
    await sink.start();
    return sink;
  };
  /** Caught up: nothing left to read, so every event read is in DuckDB and its Parquet file (offsets commit after). */
  const caughtUp = (sink: ParquetSink) =>
    waitFor(
      async () => [...(await sink.measureLag()).values()].reduce((a, b) => a + b, 0),
      (lag) => lag === 0,
      60_000,
      250,
    );
  const countFiles = () =>
    query(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT ce_id)::INTEGER AS ids FROM read_parquet('${folder}/parquet/*/*/*.parquet')`,
    );

  it('answers the analysts’ questions as the source databases do, each event once across restarts', async () => {
    let expectedEvents = await produce();
    // The relay has published everything once the outbox is empty.
    await waitFor(
      () => db.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox'),
      (r) => r[0]!.n === 0,
    );
    let sink = await startSink();
    expect(await caughtUp(sink)).toBe(0);
    expect(await countFiles()).toEqual([{ n: expectedEvents, ids: expectedEvents }]);
    // The lag as a metric, per topic, and what was written.
    const metrics = await registry.metrics();
    expect(metrics).toContain(`pcc_sink_lag_events{topic="${topics.cases}"} 0`);
    expect(metrics).toContain(`pcc_sink_events_total{topic="${topics.cases}"} 24`);

    // A restart that receives everything again (offsets rewound), and a message sent twice: no event twice.
    await sink.stop();
    const admin = kafka.admin();
    await admin.connect();
    for (const topic of Object.values(topics)) await admin.resetOffsets({ groupId: group, topic, earliest: true });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const [again] = await db.dataSource.query<Array<{ id: string }>>('SELECT id FROM source_case LIMIT 1');
    const duplicate: DomainEvent = {
      id: randomUUID(),
      type: 'pcc.case.closed',
      source: '/services/test',
      subject: again!.id,
      time: new Date().toISOString(),
      data: {},
    };
    await producer.send({ topic: topics.cases, messages: [toKafkaMessage(duplicate), toKafkaMessage(duplicate)] });
    await producer.disconnect();
    expectedEvents += 1;
    sink = await startSink();
    expect(await caughtUp(sink)).toBe(0);
    await sink.stop();
    expect(await countFiles()).toEqual([{ n: expectedEvents, ids: expectedEvents }]);

    // Case resolution times by organization and fiscal quarter, as PostgreSQL computes them from the source rows.
    const [pg] = await Promise.all([
      db.dataSource.query<Array<Record<string, unknown>>>(`
        SELECT organization_code AS organization,
               extract(year FROM (opened_at AT TIME ZONE 'Asia/Bangkok') + interval '3 months')::int + 543 AS fiscal_year,
               extract(quarter FROM (opened_at AT TIME ZONE 'Asia/Bangkok') + interval '3 months')::int AS fiscal_quarter,
               count(*)::int AS resolved,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 86400))::numeric, 2)::float AS median_days
        FROM source_case GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    ]);
    const duck = await query(ANALYST_QUERIES.caseResolutionByOrganizationAndQuarter);
    expect(duck).toEqual(pg);
    expect(pg).toHaveLength(8);

    // Accumulated-funds projects approved and disbursed per fiscal year.
    const projects = await db.dataSource.query<Array<Record<string, unknown>>>(`
      SELECT fiscal_year, count(*)::int AS projects, sum(approved)::text AS approved_thb, sum(disbursed)::text AS disbursed_thb
      FROM source_project WHERE funding = 'ACCUMULATED_FUNDS' AND approved IS NOT NULL GROUP BY 1 ORDER BY 1`);
    const duckProjects = await query(ANALYST_QUERIES.accumulatedFundsPerFiscalYear);
    expect(
      duckProjects.map((r) => ({ ...r, approved_thb: String(r.approved_thb), disbursed_thb: String(r.disbursed_thb) })),
    ).toEqual(projects);

    // The waste query runs on the same files (no waste events here: an empty answer, not an error).
    expect(
      await query(
        ANALYST_QUERIES.monthlyWasteAgainstTarget.replace("read_parquet('{waste}')", `read_parquet('{cases}')`),
      ),
    ).toEqual([]);
  }, 180_000);
});
