import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPrivateBroker, waitFor, type PrivateBroker } from '@pcc/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SERVICES = ['organizations', 'cases', 'planning', 'waste-metrics', 'notifications'] as const;
/** Services with no demo data to seed: planning's (332 projects) takes minutes and no test reads it. */
const UNSEEDED: readonly string[] = ['planning', 'notifications'];
const INTERNAL_SECRET = 'console-e2e-internal-secret-0123456789abcdef';
const server = process.env.PCC_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Polls a URL until it answers 2xx (a process starting); fails with the process's output. */
async function answers(url: string, process: ChildProcess, output: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exitCode !== null)
      throw new Error(`${url}: the process exited (${process.exitCode}):\n${output.join('')}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms:\n${output.join('')}`);
}

function databaseUrl(name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The whole platform as `npm start` runs it — the five subgraphs (migrated and seeded with the demo
 * data), the gateway and the console's server — as real processes on free ports, each subgraph on a
 * database of its own, on a broker of its own. `stop()` ends exactly the processes it started.
 *
 * The broker is its own because the platform is a whole province: its pages list what its services'
 * projections hold (the coordinator's missing waste reports of every organization bound by a target,
 * say), and on the shared test broker those projections would also learn the organization registries
 * every earlier test left in the compacted topics — organizations this platform's organizations
 * service cannot resolve.
 */
export class E2EPlatform {
  readonly processes: ChildProcess[] = [];
  readonly databases: string[] = [];
  gatewayUrl = '';
  consoleUrl = '';
  private readonly output: string[] = [];
  private broker: PrivateBroker | null = null;
  /** How long each part took to start (printed by the test, to keep the start-up bounded). */
  readonly timings: string[] = [];

  static async start(): Promise<E2EPlatform> {
    const platform = new E2EPlatform();
    // Should Jest end the run before stop() (a timed-out hook), the platform must not outlive it.
    process.once('exit', () => {
      platform.processes.forEach((child) => child.kill('SIGTERM'));
      platform.broker?.stop();
    });
    try {
      await platform.boot();
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  private spawn(name: string, args: string[], env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output.push(`[${name}] ${chunk.toString()}`);
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.processes.push(child);
    return child;
  }

  private async run(name: string, args: string[], env: Record<string, string>): Promise<void> {
    const child = this.spawn(name, args, env);
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`${name} failed (${code}):\n${this.output.join('')}`);
  }

  private async boot(): Promise<void> {
    const suffix = `${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    const brokerStarted = Date.now();
    this.broker = await startPrivateBroker();
    this.timings.push(`kafka: up in ${Date.now() - brokerStarted} ms`);
    const kafka = this.broker.brokers;
    const urls: Record<string, string> = {};
    let registry: string[] = [];
    try {
      for (const service of SERVICES) {
        const database = `pcc_e2e_${service.replace('-', '_')}_${suffix}`;
        await admin.query(`CREATE DATABASE ${database}`);
        this.databases.push(database);
        const port = await freePort();
        const env = {
          DATABASE_URL: databaseUrl(database),
          PORT: String(port),
          HOST: '127.0.0.1',
          KAFKA_BROKERS: kafka,
          INTERNAL_JWT_SECRET: INTERNAL_SECRET,
          KAFKA_CONSUMER_GROUP: `pcc-${service}-e2e-${suffix}`,
          // Notifications checks a reporter's tracking code and secret with the cases subgraph.
          // One attempt: a failing webhook becomes a dead-letter record at once, for the console to show.
          // Its webhook receiver listens on 127.0.0.1, a private address only this setting lets webhooks reach.
          ...(service === 'notifications'
            ? { CASES_SUBGRAPH_URL: urls.cases!, NOTIFY_MAX_ATTEMPTS: '1', NOTIFY_WEBHOOK_ALLOW_PRIVATE: 'true' }
            : {}),
        };
        const started = Date.now();
        const child = this.spawn(service, [`services/${service}/dist/index.js`], env);
        await answers(`http://127.0.0.1:${port}/healthz`, child, this.output, 240_000);
        // Seed only once this service's projection holds the platform's registry (from Kafka).
        if (service !== 'organizations') await this.knowsOrganizations(env.DATABASE_URL, registry);
        const healthy = Date.now();
        if (!UNSEEDED.includes(service))
          await this.run(`${service}-seed`, [`services/${service}/dist/seed/cli.js`], env);
        this.timings.push(`${service}: up in ${healthy - started} ms, ready in ${Date.now() - healthy} ms`);
        urls[service] = `http://127.0.0.1:${port}/graphql`;
        if (service === 'organizations') registry = await this.organizationIds(env.DATABASE_URL);
      }
    } finally {
      await admin.end();
    }
    const gatewayPort = await freePort();
    const gateway = this.spawn('gateway', ['gateway/dist/index.js'], {
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: kafka,
      INTERNAL_JWT_SECRET: INTERNAL_SECRET,
      ORGANIZATIONS_URL: urls.organizations!,
      CASES_URL: urls.cases!,
      PLANNING_URL: urls.planning!,
      WASTE_METRICS_URL: urls['waste-metrics']!,
      NOTIFICATIONS_URL: urls.notifications!,
      // Every browser here calls from one address, far more often than a citizen would.
      RATE_LIMIT_INTAKE: '100000',
      RATE_LIMIT_REPORTER: '100000',
      RATE_LIMIT_TRACKING_CODE: '100000',
    });
    this.gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await answers(`${this.gatewayUrl}/readyz`, gateway, this.output);
    const consolePort = await freePort();
    const console = this.spawn('console', ['apps/console/server/serve.mjs'], {
      PORT: String(consolePort),
      HOST: '127.0.0.1',
      PCC_GATEWAY_URL: this.gatewayUrl,
    });
    this.consoleUrl = `http://127.0.0.1:${consolePort}`;
    await answers(`${this.consoleUrl}/healthz`, console, this.output);
  }

  private async organizationIds(url: string): Promise<string[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ id: string }>('SELECT id FROM organization')).rows.map((row) => row.id);
    } finally {
      await client.end();
    }
  }

  /** Waits until a service's organization projection (fed by Kafka) knows every given organization. */
  private async knowsOrganizations(url: string, ids: string[], timeoutMs = 180_000): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const known = await waitFor(
        async () =>
          (
            await client.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM organization_projection WHERE id = ANY($1::uuid[])',
              [ids],
            )
          ).rows[0]!.n,
        (n) => n >= ids.length,
        timeoutMs,
        250,
      );
      if (known < ids.length) throw new Error(`${url}: knows ${known} of ${ids.length} organizations`);
    } finally {
      await client.end();
    }
  }

  /** A development token, as the console's sign-in gets it. */
  async token(role: 'NETWORK_ADMIN' | 'LGO_OFFICER' | 'ANALYST', org?: string): Promise<string> {
    const response = await fetch(`${this.gatewayUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, org }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  /** Another client of the platform: a GraphQL request straight to the gateway. */
  async graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const response = await fetch(`${this.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`${query}: ${JSON.stringify(body)}`);
    return body.data;
  }

  async stop(): Promise<void> {
    for (const child of this.processes.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    const admin = new Client({ connectionString: server });
    await admin.connect();
    for (const database of this.databases) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    this.broker?.stop();
  }
}
