import { ConsumerRunner, createKafka, platformCatalogue, TOPICS } from '@pcc/events';
import * as cases from '@pcc/cases';
import * as planning from '@pcc/planning';
import {
  createTestDatabase,
  EventTap,
  freePort,
  kafkaBrokers,
  ServiceProcess,
  waitFor,
  type TestDatabase,
} from '@pcc/testing';

const INTERNAL_SECRET = 'faults-internal-secret-0123456789abcdef01';
const NOWHERE = 'http://127.0.0.1:9/graphql';

/**
 * The part of the platform a fault scenario on case intake needs, as real processes: the cases subgraph
 * (its relay and consumer inside) and the gateway in front, each `node <workspace>/dist/index.js`; and
 * downstream, planning's case projection (a consumer group on its own database), whose effects the audit
 * counts. Writes are public intake (`openCase`) through the gateway.
 */
export class CasesPlatform {
  casesDb!: TestDatabase;
  projectionDb!: TestDatabase;
  cases!: ServiceProcess;
  gateway!: ServiceProcess;
  /** Planning's case projection in this process (the default), or… */
  projection?: ConsumerRunner;
  /** …planning itself as a process, for scenarios that kill the consumer. */
  planning?: ServiceProcess;
  tap!: EventTap;
  private group = '';
  /** Duplicates the projection had absorbed before the scenario (earlier scenarios' events on the topic). */
  private duplicatesBefore = 0;

  static async start(
    options: {
      planningProcess?: boolean;
      /** The PostgreSQL server of the cases database (a test's private one); the machine's by default. */
      casesServerUrl?: string;
    } = {},
  ): Promise<CasesPlatform> {
    const platform = new CasesPlatform();
    platform.casesDb = await createTestDatabase({
      prefix: 'faults_cases',
      ...(options.casesServerUrl ? { serverUrl: options.casesServerUrl } : {}),
      migrations: cases.migrations,
      entities: cases.entities,
    });
    platform.projectionDb = await createTestDatabase({
      prefix: 'faults_planning',
      migrations: planning.migrations,
      entities: planning.entities,
    });
    platform.cases = new ServiceProcess('cases', 'services/cases/dist/index.js', await freePort(), {
      DATABASE_URL: platform.casesDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_CONSUMER_GROUP: `faults-cases-${platform.casesDb.name}`,
      INTERNAL_JWT_SECRET: INTERNAL_SECRET,
      SCHEMA_PUBLISH: 'false',
    });
    await platform.cases.start();
    // After the subgraph's start-up, which creates its topics (a fresh broker has none).
    platform.tap = await EventTap.open([TOPICS.case]);
    platform.gateway = new ServiceProcess('gateway', 'gateway/dist/index.js', await freePort(), {
      CASES_URL: `${platform.cases.url}/graphql`,
      ORGANIZATIONS_URL: NOWHERE,
      PLANNING_URL: NOWHERE,
      WASTE_METRICS_URL: NOWHERE,
      INTERNAL_JWT_SECRET: INTERNAL_SECRET,
      SUPERGRAPH_SOURCE: 'file',
      CHANGES_STREAM: 'false',
      SUBGRAPH_TIMEOUT_MS: '3000',
      RATE_LIMIT_INTAKE: '1000000',
      KAFKA_BROKERS: kafkaBrokers().join(','),
    });
    await platform.gateway.start();
    const group = `faults-planning-${platform.projectionDb.name}`;
    platform.group = group;
    if (options.planningProcess) {
      platform.planning = new ServiceProcess('planning', 'services/planning/dist/index.js', await freePort(), {
        DATABASE_URL: platform.projectionDb.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP: group,
        INTERNAL_JWT_SECRET: INTERNAL_SECRET,
        SCHEMA_PUBLISH: 'false',
      });
      await platform.planning.start();
      return platform;
    }
    platform.projection = new ConsumerRunner({
      kafka: createKafka({ brokers: kafkaBrokers(), clientId: 'faults-planning' }, () => undefined),
      dataSource: platform.projectionDb.dataSource,
      catalogue: platformCatalogue,
      group,
      subscriptions: [planning.caseProjection],
    });
    await platform.projection.start();
    return platform;
  }

  /** One public intake through the gateway: the case's id when it committed, else the error's code. */
  async openCase(n: number): Promise<{ id: string } | { code: string; message?: string | undefined }> {
    const response = await fetch(`${this.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }',
        variables: {
          input: {
            kind: 'GRIEVANCE',
            category: 'WASTE',
            channel: 'WEB',
            title: `Fault suite intake ${n}`,
            description: 'Rubbish not collected (written by the fault suite).',
            location: { lat: 7.8961, lng: 98.2969, district: 'KATHU' },
            reporter: { name: 'Fault Suite', email: 'faults@example.org' },
          },
        },
      }),
      // The gateway's subgraph timeout is 3 s: no request may hang much past it.
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as {
      data?: { openCase: { case: { id: string } } } | null;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.data?.openCase) return { id: body.data.openCase.case.id };
    return {
      code: body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`,
      message: body.errors?.[0]?.message,
    };
  }

  /**
   * Counts, for every case that committed (acknowledged or not), its `case.opened` on Kafka and its row
   * in planning's projection, once both have caught up. Prints the figures.
   */
  async audit(scenario: string, acknowledged: Set<string>) {
    const committed = new Set(
      (await this.casesDb.dataSource.query<Array<{ id: string }>>('SELECT id FROM "case"')).map((r) => r.id),
    );
    const published = () => {
      const counts = new Map<string, number>();
      for (const m of this.tap.messages)
        if (m.headers.ce_type === 'pcc.case.opened' && m.key && committed.has(m.key))
          counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
      return counts;
    };
    await waitFor(published, (c) => c.size >= committed.size, 60_000, 250);
    const projected = () => this.projectedOf([...committed]);
    await waitFor(projected, (n) => n >= committed.size, 60_000, 250);
    const events = published();
    const figures = {
      writes: acknowledged.size,
      committed: committed.size,
      acknowledgedMissing: [...acknowledged].filter((id) => !committed.has(id)).length,
      events: [...events.values()].reduce((a, b) => a + b, 0),
      republished: [...events.values()].reduce((a, b) => a + b - 1, 0),
      projected: await projected(),
      duplicatesAbsorbed: (await this.duplicatesAbsorbed()) - this.duplicatesBefore,
      lost: [...committed].filter((id) => !events.has(id)).length,
    };
    console.log(
      `${scenario}: writes ${figures.writes} (committed ${figures.committed}), events ${figures.events}, ` +
        `republished ${figures.republished}, duplicates absorbed ${figures.duplicatesAbsorbed}, ` +
        `projected ${figures.projected}, lost ${figures.lost}`,
    );
    return figures;
  }

  /**
   * Waits until the projection's group has consumed the case topic to its end: a new group reads the
   * topic from its beginning, earlier scenarios' events (and their duplicates) included. From then on
   * the audit counts only the duplicates this scenario causes.
   */
  async projectionCaughtUp(): Promise<void> {
    const admin = createKafka({ brokers: kafkaBrokers(), clientId: 'faults-audit' }, () => undefined).admin();
    await admin.connect();
    try {
      const partitionsBehind = async () => {
        const ends = await admin.fetchTopicOffsets(TOPICS.case);
        const [committed] = await admin.fetchOffsets({ groupId: this.group, topics: [TOPICS.case] });
        const at = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        return ends.filter((end) => Number(end.high) > 0 && (at.get(end.partition) ?? -1) < Number(end.high)).length;
      };
      await waitFor(partitionsBehind, (n) => n === 0, 60_000, 250);
    } finally {
      await admin.disconnect();
    }
    this.duplicatesBefore = await this.duplicatesAbsorbed();
  }

  /** Redelivered events the projection's inbox absorbed (since the planning process last started). */
  private async duplicatesAbsorbed(): Promise<number> {
    if (this.projection) return this.projection.stats().duplicates;
    const metrics = await (await fetch(`${this.planning!.url}/metrics`)).text();
    return [...metrics.matchAll(/^pcc_consumer_duplicate_events_total\{[^}]*\} (\d+)/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  }

  /** Other sessions on planning's database waiting for a lock (a consumer's chunk held by a test). */
  async backendsWaitingOnLocks(): Promise<number> {
    const [row] = await this.projectionDb.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return row.n;
  }

  /** Rows of planning's case projection for these cases. */
  async projectedOf(ids: string[]): Promise<number> {
    const [row] = await this.projectionDb.dataSource.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM case_projection WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return row.n;
  }

  async stop(): Promise<void> {
    await this.planning?.kill('SIGTERM');
    await this.gateway?.kill('SIGTERM');
    await this.cases?.kill('SIGTERM');
    await this.projection?.stop();
    await this.tap?.close();
    await this.casesDb?.drop();
    await this.projectionDb?.drop();
  }
}
