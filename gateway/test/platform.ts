import { SignJWT } from 'jose';
import { loadConfig } from '@pcc/config';
import { ConsumerRunner, createKafka, ensureTopics, OutboxRelay, platformCatalogue } from '@pcc/events';
import * as cases from '@pcc/cases';
import * as waste from '@pcc/waste-metrics';
import * as planning from '@pcc/planning';
import { createDataSource, QueryCounter } from '@pcc/db';
import type { Subscription } from '@pcc/events';
import { InternalTokens } from '@pcc/http';
import { DEFAULT_RESPONSE_CACHE } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  graphqlClient,
  kafkaBrokers,
  waitFor,
  type GraphQLResponse,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations, seed } from '@pcc/organizations';
import { configSchema, DEV_JWT_SECRET, type Config } from '../src/config';
import { createGatewayServer } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import type { RegistryTopics } from '@pcc/schema-registry';

export const INTERNAL_SECRET = 'gateway-test-internal-secret-0123456789abcdef';

export type GraphQLResult = GraphQLResponse<Record<string, unknown>>;

/**
 * The subgraphs' whole-answer cache (subgraph-kit's response-cache.ts), on in every process the
 * runner starts: here only with SUBGRAPH_RESPONSE_CACHE=on, so a run can show that the platform's
 * tests hold with it (statement counts of some tests assume every read reaches the database).
 */
const responseCache = process.env.SUBGRAPH_RESPONSE_CACHE === 'on' ? { responseCache: DEFAULT_RESPONSE_CACHE } : {};

/**
 * The platform as a client sees it, on real parts: the organizations subgraph on a fresh
 * database with the demo registry, its relay publishing to the real Kafka, and the gateway in
 * front, both listening on free ports.
 */
export class Platform {
  db!: TestDatabase;
  gatewayUrl!: string;
  organizationsUrl!: string;
  private organizations!: Awaited<ReturnType<typeof createServer>>;
  private gateway!: Awaited<ReturnType<typeof createGatewayServer>>;
  private gatewayConfig!: Config;
  private relay!: OutboxRelay;
  private organizationsPort = 0;
  casesDb?: TestDatabase;
  casesUrl?: string;
  wasteDb?: TestDatabase;
  wasteUrl?: string;
  planningDb?: TestDatabase;
  planningUrl?: string;
  /** Counts the SQL statements of the waste-metrics database (for N+1 checks). */
  readonly wasteQueries = new QueryCounter();
  private readonly stoppers: Array<() => Promise<void>> = [];
  /** The schema registry the gateway follows, when the test gives one. */
  private registryTopics: RegistryTopics | undefined;
  /** The Kafka client of the platform's relays and consumers. */
  kafka!: ReturnType<typeof createKafka>;
  /** The subgraph servers started with projections, by test-database prefix (`gateway_cases`, …). */
  readonly servers = new Map<string, { app: { close: () => Promise<unknown> } }>();

  /**
   * `withCases` / `withWaste` / `withPlanning`: also those subgraphs, each with its own database, relay and
   * projections. `planningUrl`: a planning subgraph the test runs itself (a process it kills and restarts).
   */
  static async start(
    options: {
      withCases?: boolean;
      withWaste?: boolean;
      withPlanning?: boolean;
      planningUrl?: string;
      registry?: RegistryTopics;
    } = {},
  ): Promise<Platform> {
    const platform = new Platform();
    platform.registryTopics = options.registry;
    platform.planningUrl = options.planningUrl;
    await platform.boot(options.withCases ?? false, options.withWaste ?? false, options.withPlanning ?? false);
    return platform;
  }

  private async boot(withCases: boolean, withWaste: boolean, withPlanning: boolean): Promise<void> {
    this.db = await createTestDatabase({ prefix: 'gateway', migrations, entities });
    await seed(this.db.dataSource);
    const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'gateway-test' }, () => undefined);
    this.kafka = kafka;
    const admin = kafka.admin();
    await admin.connect();
    // Every topic of the platform, as its services create theirs at start. A list of only some left the
    // seed's meeting events without a topic on a new broker, and the relay, which keeps order, stuck
    // behind them: the organizations never reached planning's projection unless an earlier test had
    // created that topic.
    await ensureTopics(admin, platformCatalogue.topics(), { partitions: 6, replicationFactor: 1 });
    await admin.disconnect();
    this.relay = new OutboxRelay({ databaseUrl: this.db.url, kafka, pollIntervalMs: 200 });
    this.relay.start();
    await this.startOrganizations();
    if (withCases) {
      const started = await this.startSubgraph(kafka, 'gateway_cases', cases, [cases.organizationProjection]);
      [this.casesDb, this.casesUrl] = [started.db, started.url];
    }
    if (withWaste) {
      const started = await this.startSubgraph(
        kafka,
        'gateway_waste',
        waste,
        [waste.organizationProjection, waste.agreementTargets],
        this.wasteQueries,
      );
      [this.wasteDb, this.wasteUrl] = [started.db, started.url];
    }
    if (withPlanning) {
      const started = await this.startSubgraph(kafka, 'gateway_planning', planning, [
        planning.organizationProjection,
        planning.caseProjection,
      ]);
      [this.planningDb, this.planningUrl] = [started.db, started.url];
    }
    const config = loadConfig(configSchema, {
      ORGANIZATIONS_URL: this.organizationsUrl,
      CASES_URL: this.casesUrl ?? 'http://127.0.0.1:9/graphql',
      WASTE_METRICS_URL: this.wasteUrl ?? 'http://127.0.0.1:9/graphql',
      PLANNING_URL: this.planningUrl ?? 'http://127.0.0.1:9/graphql',
      INTERNAL_JWT_SECRET: INTERNAL_SECRET,
      LOG_LEVEL: 'silent',
      SUBGRAPH_TIMEOUT_MS: '3000',
      // Every test here calls from one address, far more often than a citizen would; the limits
      // themselves are tested in rate-limits.test.ts.
      RATE_LIMIT_INTAKE: '100000',
      RATE_LIMIT_REPORTER: '100000',
      RATE_LIMIT_TRACKING_CODE: '100000',
    });
    this.gatewayConfig = config;
    this.gateway = await createGatewayServer({
      config,
      supergraphSdl: readSupergraph(),
      ...(this.registryTopics ? { registry: { kafka, topics: this.registryTopics }, registryWaitMs: 500 } : {}),
    });
    this.gatewayUrl = `${await this.gateway.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  }

  /** (Re)starts the subgraph; on a restart it takes the same port, as a redeployed service would. */
  async startOrganizations(): Promise<void> {
    this.organizations = await createServer({
      dataSource: this.db.dataSource,
      internalTokens: new InternalTokens(INTERNAL_SECRET),
      relay: this.relay,
      logLevel: 'silent',
      ...responseCache,
    });
    const address = await this.organizations.app.listen({ host: '127.0.0.1', port: this.organizationsPort });
    this.organizationsPort = Number(new URL(address).port);
    this.organizationsUrl = `${address}/graphql`;
  }

  /** A subgraph with projections: its own test database, relay, consumer and server on a free port. */
  private async startSubgraph(
    kafka: ReturnType<typeof createKafka>,
    prefix: string,
    service: typeof cases | typeof waste | typeof planning,
    subscriptions: Subscription[],
    logger?: QueryCounter,
  ): Promise<{ db: TestDatabase; url: string }> {
    const db = await createTestDatabase({
      prefix,
      migrations: service.migrations,
      entities: service.entities,
      ...(logger ? { logger } : {}),
    });
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka, pollIntervalMs: 200 });
    relay.start();
    // A counted subgraph's consumer writes through a pool of its own: the broker is shared with the other
    // test files, whose organizations it projects at any moment, and those statements are not the request's.
    const consumerDataSource = logger
      ? await createDataSource({
          url: db.url,
          applicationName: `test-${prefix}-consumer`,
          entities: service.entities,
        }).initialize()
      : db.dataSource;
    const consumer = new ConsumerRunner({
      kafka,
      dataSource: consumerDataSource,
      catalogue: platformCatalogue,
      group: `${prefix}-test-${db.name}`,
      subscriptions,
    });
    await consumer.start();
    const server = await service.createServer({
      dataSource: db.dataSource,
      internalTokens: new InternalTokens(INTERNAL_SECRET),
      relay,
      consumer,
      logLevel: 'silent',
      ...responseCache,
    });
    const url = `${await server.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    this.servers.set(prefix, server);
    this.stoppers.push(async () => {
      await server.app.close();
      await consumer.stop();
      await relay.stop();
      if (consumerDataSource !== db.dataSource) await consumerDataSource.destroy();
      await db.drop();
    });
    return { db, url };
  }

  /**
   * Waits until a service's projection knows every organization of this platform's registry (fed by
   * Kafka alone; the broker may also carry other tests' organizations). Returns how many it knows.
   */
  async knowsOrganizations(db: TestDatabase, _count: number, timeoutMs = 60_000): Promise<number> {
    const ids = (await this.db.dataSource.query<Array<{ id: string }>>('SELECT id FROM organization WHERE active')).map(
      (r) => r.id,
    );
    return waitFor(
      async () =>
        (
          await db.dataSource.query<[{ n: number }]>(
            'SELECT count(*)::int AS n FROM organization_projection WHERE active AND id = ANY($1::uuid[])',
            [ids],
          )
        )[0].n,
      (n) => n >= ids.length,
      timeoutMs,
      200,
    );
  }

  casesKnowOrganizations(count: number): Promise<number> {
    return this.knowsOrganizations(this.casesDb!, count);
  }

  /** Another gateway on the same subgraphs, as a second replica runs: its own caches and in-flight sharing. */
  async startAnotherGateway(): Promise<string> {
    const gateway = await createGatewayServer({ config: this.gatewayConfig, supergraphSdl: readSupergraph() });
    this.stoppers.unshift(async () => {
      await gateway.app.close();
    });
    return `${await gateway.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  }

  async stopOrganizations(): Promise<void> {
    await this.organizations.app.close();
  }

  async stop(): Promise<void> {
    await this.gateway.app.close();
    await this.organizations.app.close();
    await this.relay.stop();
    await this.db.drop();
    for (const stop of this.stoppers) await stop();
  }

  /** A caller's token, signed like `npm run token` does. */
  static token(role: 'NETWORK_ADMIN' | 'LGO_OFFICER' | 'ANALYST', org?: string, expiresIn = '10m'): Promise<string> {
    return new SignJWT({ role, ...(org ? { org } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`test-${role.toLowerCase()}`)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
  }

  /** POSTs a GraphQL request to a URL (the gateway by default) the way a dashboard would. */
  async graphql(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    url = this.gatewayUrl,
  ): Promise<GraphQLResult> {
    return graphqlClient(url, { sign: (caller: string) => caller }).execute({ document: query, variables, as: token });
  }

  async organizationId(code: string): Promise<string> {
    const [row] = await this.db.dataSource.query<[{ id: string }]>('SELECT id FROM organization WHERE code = $1', [
      code,
    ]);
    return row.id;
  }

  /** A fingerprint of the registry, to prove a refused request changed nothing. */
  async registrySnapshot(): Promise<string> {
    const rows = await this.db.dataSource.query<unknown[]>(
      `SELECT (SELECT json_agg(o ORDER BY code) FROM organization o) AS o, (SELECT json_agg(m ORDER BY id) FROM member m) AS m, (SELECT json_agg(a ORDER BY id) FROM agreement a) AS a, (SELECT count(*) FROM agreement_signatory) AS s`,
    );
    return JSON.stringify(rows);
  }
}
