import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { loadConfig, type Service } from '@pcc/config';
import { appVariables } from './runtime-variables';

/**
 * docker-compose.yml cannot be run here (no Docker engine), so this keeps it honest instead: the
 * infrastructure matches the services' declarations (`services/<name>/src/service.ts`), and every
 * service's environment satisfies that service's own config schema, with no variable it does not read.
 */
const root = join(__dirname, '..', '..');
type ComposeService = {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: unknown;
  ports?: string[];
};
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** The declarations as the scripts read them (the same CLI, so this tests it too), in start order. */
const services = JSON.parse(
  execFileSync(process.execPath, [join(root, 'scripts', 'services.mjs'), 'json'], { encoding: 'utf8' }),
) as Service[];

/** Workspaces that deploy as a container: services/* and the gateway, each exporting `./config`. */
function deployables(): Array<{ name: string; dir: string }> {
  const services = existsSync(join(root, 'services'))
    ? readdirSync(join(root, 'services')).map((name) => ({ name, dir: join(root, 'services', name) }))
    : [];
  const gateway = existsSync(join(root, 'gateway', 'package.json'))
    ? [{ name: 'gateway', dir: join(root, 'gateway') }]
    : [];
  return [...services, ...gateway].filter((d) => existsSync(join(d.dir, 'package.json')));
}

describe('the service declarations', () => {
  it('cover every service folder, each under its own name, database and port', () => {
    const folders = deployables()
      .map((d) => d.name)
      .filter((name) => name !== 'gateway');
    expect(services.map((s) => s.name).sort()).toEqual(folders.sort());
    for (const key of ['name', 'database', 'port'] as const)
      expect(new Set(services.map((s) => s[key])).size).toBe(services.length);
  });

  it('start a service after the services whose topics it consumes', () => {
    services.forEach((service, position) => {
      const publishers = services.filter((other) => other.publishes.some((t) => service.consumes.includes(t)));
      for (const publisher of publishers) expect(services.indexOf(publisher)).toBeLessThan(position);
    });
    expect(services[0]!.name).toBe('organizations');
  });
});

describe('docker-compose.yml', () => {
  it('runs PostgreSQL with the databases the services declare', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.volumes).toContain('./infra/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro');
    const initSql = readFileSync(join(root, 'infra', 'postgres', 'init.sql'), 'utf8');
    const fromInit = [...initSql.matchAll(/CREATE DATABASE (\w+)/g)].map((m) => m[1]);
    expect(fromInit.sort()).toEqual(services.map((s) => s.database).sort());
  });

  it('runs each service on its declared port, with its declared database', () => {
    for (const service of services) {
      const container = compose.services[service.name]!;
      expect(container.build).toMatchObject({ args: { PORT: String(service.port) } });
      expect(container.environment?.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/${service.database}$`));
      expect(container.depends_on).toMatchObject({ postgres: {}, kafka: {} });
    }
  });

  it('points the gateway at every service by its container name and declared port', () => {
    const gateway = compose.services.gateway!;
    for (const service of services)
      expect(gateway.environment?.[`${service.subgraph.toUpperCase()}_URL`]).toBe(
        `http://${service.name}:${service.port}/graphql`,
      );
    expect(Object.keys(gateway.depends_on as object).sort()).toEqual(services.map((s) => s.name).sort());
  });

  it('publishes only the gateway and the console on the host: PostgreSQL, Kafka and the subgraphs stay on the internal network', () => {
    // A subgraph trusts the gateway's internal token and has no cost estimate of its own at the edge;
    // PostgreSQL and Kafka have the development passwords or none. Only the gateway faces clients.
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published.sort()).toEqual(['console', 'gateway']);
    expect(compose.services.gateway!.ports).toEqual(['4000:4000']);
    // The console is static files and a pass-through to the gateway's /graphql and /changes.
    expect(compose.services.console!.ports).toEqual(['3000:3000']);
    expect(compose.services.console!.environment?.PCC_GATEWAY_URL).toBe('http://gateway:4000');
  });

  it('runs the same Kafka version as infra/kafka, in KRaft mode with one listener for containers', () => {
    const kafka = compose.services.kafka!;
    const pomVersion = readFileSync(join(root, 'infra', 'kafka', 'pom.xml'), 'utf8').match(
      /<kafka.version>(.+)<\/kafka.version>/,
    )![1];
    expect(kafka.image).toBe(`apache/kafka:${pomVersion}`);
    const env = kafka.environment!;
    expect(env.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    // No listener for the host: nothing outside the compose network reaches the broker.
    expect(env.KAFKA_ADVERTISED_LISTENERS).toBe('INTERNAL://kafka:29092');
    expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).toBe('0');
  });

  it('ships no secret: every secret must be given by the operator', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET/.test(variable)) expect(`${name}.${variable}=${value}`).toMatch(/\$\{\w+:\?/);
      }
    }
  });

  it('has a container for every service and the gateway, each built from the one image recipe for its workspace', () => {
    const expected = deployables().map((d) => d.name);
    expect(expected).toEqual(expect.arrayContaining(['gateway', 'organizations', 'cases', 'waste-metrics']));
    expect(existsSync(join(root, 'infra', 'docker', 'Dockerfile'))).toBe(true);
    for (const { name, dir } of deployables()) {
      const build = compose.services[name]?.build as
        { context: string; dockerfile: string; args: Record<string, string> } | undefined;
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
      const folder = dir.slice(root.length + 1);
      // Jest types its asymmetric matchers as `any`; held as `unknown` so nothing else is checked against it.
      const aPort: unknown = expect.stringMatching(/^\d+$/);
      expect(build).toEqual({
        context: '.',
        dockerfile: 'infra/docker/Dockerfile',
        args: { WORKSPACE: pkg.name, ENTRY: `${folder}/dist/index.js`, PORT: aPort },
      });
      expect(existsSync(join(dir, 'src', 'index.ts'))).toBe(true);
      expect(compose.services[name]?.ports ?? []).toEqual(
        name === 'gateway' ? [`${build!.args.PORT}:${build!.args.PORT}`] : [],
      );
    }
  });

  // One case per deployable workspace (none before the first service exists).
  const cases = deployables().map((d) => [d.name, d.dir] as const);
  if (cases.length > 0)
    it.each(cases)('gives %s an environment its config schema accepts, and nothing it does not read', (name, dir) => {
      const service = compose.services[name]!;
      // The workspace is found at run time, so it is loaded with require (Jest runs tests as CommonJS).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { configSchema } = require(join(dir, 'dist', 'config.js')) as {
        configSchema: z.ZodObject | z.ZodPipe<z.ZodObject>;
      };
      // Compose substitutes `${VAR:-default}` from the shell (nothing set: the default) and refuses to
      // start without `${VAR:?message}` (secrets): an operator's value stands in for those here.
      const environment = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [
          k,
          String(v)
            .replace(/\$\{\w+:-([^}]*)\}/g, '$1')
            .replace(/\$\{\w+:\?[^}]*\}/g, 'an-operator-chosen-secret-of-forty-characters'),
        ]),
      );
      expect(() => loadConfig(configSchema, environment)).not.toThrow();
      const shape = 'shape' in configSchema ? configSchema.shape : configSchema.in.shape;
      for (const variable of appVariables(environment)) expect(Object.keys(shape)).toContain(variable);
      // Containers reach each other by service name, never through the host's loopback.
      for (const value of Object.values(environment)) expect(value).not.toMatch(/127\.0\.0\.1|localhost/);
    });
});
