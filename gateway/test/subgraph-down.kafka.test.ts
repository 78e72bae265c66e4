import { createTestDatabase, freePort, kafkaBrokers, ServiceProcess, waitFor, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '@pcc/planning';
import { INTERNAL_SECRET, Platform, type GraphQLResult } from './platform';

/**
 * One subgraph's process dies (SIGKILL: no shutdown of its own) while the gateway serves: the gateway
 * answers the other subgraphs' fields with a typed error for the missing part, stays ready (its readiness
 * is its own), reports the subgraph down apart (`/health/subgraphs`, `pcc_gateway_subgraph_up`), and
 * serves the whole answer again once the process is back, without a restart of its own.
 */
describe('a subgraph killed and restarted behind the gateway (real processes, PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let planningDb: TestDatabase;
  let planning: ServiceProcess;

  const DASHBOARD = `query ProvinceDashboard($fiscalYear: Int!) {
    organizations(first: 19) { edges { node { code nameEn
      caseStats { open overdue }
      budgetSummary(fiscalYear: $fiscalYear) { approved delayedCount }
      wasteSummary(fiscalYear: $fiscalYear) { generatedTonnes onTrack } } } }
    fiscalYearSummary(fiscalYear: $fiscalYear) { total { approved } }
    provinceWasteSummary(fiscalYear: $fiscalYear) { generatedTonnes }
  }`;
  type Dashboard = {
    organizations: {
      edges: Array<{ node: { code: string; caseStats: unknown; budgetSummary: unknown; wasteSummary: unknown } }>;
    };
    fiscalYearSummary: unknown;
    provinceWasteSummary: unknown;
  };
  const dashboard = async () => {
    const result = await platform.graphql(DASHBOARD, { fiscalYear: 2562 }, await Platform.token('NETWORK_ADMIN'));
    return result as GraphQLResult & { body: { data?: Dashboard | null } };
  };
  const gateway = (path: string) => fetch(new URL(path, platform.gatewayUrl));

  beforeAll(async () => {
    planningDb = await createTestDatabase({ prefix: 'gateway_planning_process', migrations, entities });
    planning = new ServiceProcess('planning', 'services/planning/dist/index.js', await freePort(), {
      DATABASE_URL: planningDb.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_CONSUMER_GROUP: `gateway-planning-process-${planningDb.name}`,
      INTERNAL_JWT_SECRET: INTERNAL_SECRET,
      SCHEMA_PUBLISH: 'false',
    });
    await planning.start();
    platform = await Platform.start({ withCases: true, withWaste: true, planningUrl: `${planning.url}/graphql` });
  }, 180_000);

  afterAll(async () => {
    await planning?.kill('SIGTERM');
    await platform?.stop();
    await planningDb?.drop();
  });

  it('answers without planning, stays ready, and answers whole again once planning is back', async () => {
    const whole = (r: Awaited<ReturnType<typeof dashboard>>) =>
      r.body.errors === undefined &&
      r.body.data?.organizations.edges.length === 19 &&
      r.body.data.organizations.edges.every((e) => e.node.budgetSummary !== null) &&
      r.body.data.fiscalYearSummary !== null;
    const before = await waitFor(dashboard, whole, 60_000, 250);
    expect(before.body.errors).toBeUndefined();

    await planning.kill('SIGKILL');
    const down = await dashboard();
    expect(down.status).toBe(200);
    // Every organization with the figures of the subgraphs that answer; planning's parts null.
    const nodes = down.body.data!.organizations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(19);
    for (const node of nodes) {
      expect(node.caseStats).not.toBeNull();
      expect(node.wasteSummary).not.toBeNull();
      expect(node.budgetSummary).toBeNull();
    }
    expect(down.body.data!.provinceWasteSummary).not.toBeNull();
    expect(down.body.data!.fiscalYearSummary).toBeNull();
    // A typed error for the missing part, naming the service, never a stack trace.
    expect(down.body.errors!.length).toBeGreaterThan(0);
    for (const error of down.body.errors!) {
      expect(error.extensions?.code).toBe('INTERNAL');
      expect(error.message).toMatch(/planning service is unavailable/);
      expect(JSON.stringify(error)).not.toMatch(/stacktrace|ECONNREFUSED/i);
    }

    // The gateway's own readiness holds; the subgraph's state is reported apart.
    expect((await gateway('/readyz')).status).toBe(200);
    const health = (await (await gateway('/health/subgraphs')).json()) as {
      status: string;
      subgraphs: Array<{ name: string; up: boolean }>;
    };
    expect(health.status).toBe('degraded');
    // (This platform does not run the notifications subgraph: only the four it starts are judged.)
    expect(Object.fromEntries(health.subgraphs.map((s) => [s.name, s.up]))).toMatchObject({
      organizations: true,
      cases: true,
      planning: false,
      waste_metrics: true,
    });
    const metrics = await (await gateway('/metrics')).text();
    expect(metrics).toMatch(/pcc_gateway_subgraph_up\{subgraph="planning"[^}]*\} 0/);
    expect(metrics).toMatch(/pcc_gateway_subgraph_up\{subgraph="cases"[^}]*\} 1/);

    // Back on the same address: the same gateway answers whole again.
    await planning.start();
    const after = await waitFor(dashboard, whole, 30_000, 250);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data).toEqual(before.body.data);
    expect((await gateway('/readyz')).status).toBe(200);
    expect(await (await gateway('/metrics')).text()).toMatch(/pcc_gateway_subgraph_up\{subgraph="planning"[^}]*\} 1/);
  }, 120_000);
});
