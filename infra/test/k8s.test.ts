import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { loadConfig, type Service } from '@pcc/config';
import { deadLetterTopic, MESSAGE_MAX_BYTES, TOPICS, topicConfig } from '@pcc/events';
import { SHUTDOWN_GRACE_MS } from '@pcc/http';
import { REGISTRY_TOPICS } from '@pcc/schema-registry';
import { appVariables } from './runtime-variables';

/**
 * infra/k8s cannot be applied here (no cluster), so this keeps it honest instead: the production overlay
 * renders (`kubectl kustomize`), every core object validates against the Kubernetes API's own schemas
 * (kubernetes-models), the operators' resources (Strimzi, CloudNativePG: no schema package for them) are
 * checked field by field, and every workload matches its service's declaration and config schema, as
 * infra/test/compose.test.ts does for docker-compose.yml.
 */
const root = join(__dirname, '..', '..');
const k8s = join(root, 'infra', 'k8s');

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: Array<{ name: string; containerPort: number }>;
  env?: Env[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
};
type PodSpec = {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  volumes?: Array<{ name: string; configMap?: { name: string } }>;
};
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

const SECRET_VALUE = 'an-operator-chosen-secret-of-forty-characters';

/** Renders the production overlay from a copy, with the secrets file an operator would write. */
function render(): K8sObject[] {
  const folder = mkdtempSync(join(tmpdir(), 'pcc-k8s-'));
  try {
    cpSync(k8s, folder, { recursive: true });
    const example = readFileSync(join(folder, 'overlays', 'production', 'secrets.env.example'), 'utf8');
    writeFileSync(join(folder, 'overlays', 'production', 'secrets.env'), example.replace(/=$/gm, `=${SECRET_VALUE}`));
    const yaml = execFileSync('kubectl', ['kustomize', join(folder, 'overlays', 'production')], { encoding: 'utf8' });
    return parseAllDocuments(yaml)
      .map((doc) => doc.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Validates objects against the Kubernetes schemas with Node itself (kubernetes-models is ES modules only). */
function validate(objects: unknown[]): Array<{ id: string; model: boolean; valid?: boolean; error?: string }> {
  const out = execFileSync(process.execPath, [join(__dirname, 'k8s-validate.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  return JSON.parse(out) as Array<{ id: string; model: boolean; valid?: boolean; error?: string }>;
}

const services = JSON.parse(
  execFileSync(process.execPath, [join(root, 'scripts', 'services.mjs'), 'json'], { encoding: 'utf8' }),
) as Service[];
const objects = render();
const of = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const podOf = (kind: 'Deployment' | 'Job', name: string) =>
  (of(kind, name)!.spec as { template: { spec: PodSpec; metadata: { labels: Record<string, string> } } }).template;

/** The container's environment as its process would read it: literal values, and the secrets' stand-ins. */
function environmentOf(container: Container): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((e) => {
      if (e.value !== undefined) return [e.name, e.value];
      const ref = e.valueFrom!.secretKeyRef!;
      // A CloudNativePG `<cluster>-app` Secret's `uri`: the owner's URL to the cluster's primary.
      if (ref.key === 'uri') return [e.name, databaseUriOf(ref.name)];
      return [e.name, SECRET_VALUE];
    }),
  );
}

/** The URL CloudNativePG puts in `<cluster>-app`'s `uri` for the cluster's bootstrap database. */
function databaseUriOf(secret: string): string {
  const cluster = of('Cluster', secret.replace(/-app$/, ''));
  expect(cluster).toBeDefined();
  const { database, owner } = (cluster!.spec as { bootstrap: { initdb: { database: string; owner: string } } })
    .bootstrap.initdb;
  return `postgresql://${owner}:generated@${cluster!.metadata.name}-rw.pcc:5432/${database}`;
}

function loadSchema(path: string, exportName = 'configSchema'): z.ZodObject | z.ZodPipe<z.ZodObject> {
  // The workspace is found at run time, so it is loaded with require (Jest runs tests as CommonJS).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path) as Record<string, z.ZodObject | z.ZodPipe<z.ZodObject>>)[exportName]!;
}

function expectAccepted(schema: z.ZodObject | z.ZodPipe<z.ZodObject>, environment: Record<string, string>): void {
  expect(() => loadConfig(schema, environment)).not.toThrow();
  const shape = 'shape' in schema ? schema.shape : schema.in.shape;
  for (const variable of appVariables(environment)) expect(Object.keys(shape)).toContain(variable);
  for (const value of Object.values(environment)) expect(value).not.toMatch(/127\.0\.0\.1|localhost/);
}

/** The port named `http` of a pod's first container. */
const httpPort = (pod: PodSpec) => pod.containers[0]!.ports!.find((p) => p.name === 'http')!.containerPort;

describe('infra/k8s, the production overlay', () => {
  it('validates every core object against the Kubernetes schemas, and knows each custom resource it ships', () => {
    const results = validate(objects);
    expect(results.filter((r) => r.model && !r.valid)).toEqual([]);
    const custom = results.filter((r) => !r.model).map((r) => r.id.split('/')[0]);
    expect([...new Set(custom)].sort()).toEqual(['Cluster', 'Kafka', 'KafkaNodePool', 'KafkaTopic']);
    expect(results.filter((r) => r.model).length).toBeGreaterThan(25);
  });

  it('has a validator that refuses a broken object', () => {
    const deployment = structuredClone(of('Deployment', 'gateway')!);
    (deployment.spec as { replicas: unknown }).replicas = 'two';
    const [result] = validate([deployment]);
    expect(result).toMatchObject({ model: true, valid: false });
  });

  it('puts everything in the pcc namespace', () => {
    for (const o of objects.filter((o) => o.kind !== 'Namespace'))
      expect(`${o.kind}/${o.metadata.namespace}`).toBe(`${o.kind}/pcc`);
  });

  const deployables = [...services.map((s) => ({ name: s.name, port: s.port })), { name: 'gateway', port: 4000 }];

  it.each(deployables)(
    'runs $name as a Deployment behind a Service, with a disruption budget and an autoscaler',
    ({ name, port }) => {
      const template = podOf('Deployment', name);
      const pod = template.spec;
      const container = pod.containers[0]!;
      expect(container.image).toBe(`registry.example.org/pcc/${name}:1.0.0`);
      expect(httpPort(pod)).toBe(port);
      expect(container.readinessProbe!.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.livenessProbe!.httpGet).toEqual({ path: '/healthz', port: 'http' });
      // Requests and a memory limit on every container, so the scheduler and the autoscaler have figures.
      expect(container.resources?.requests?.cpu).toBeDefined();
      expect(container.resources?.requests?.memory).toBeDefined();
      expect(container.resources?.limits?.memory).toBeDefined();
      // Endpoints drop the pod during preStop; then the process drains within its own grace.
      const preStop = Number(container.lifecycle!.preStop!.exec!.command[1]);
      expect(pod.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(preStop * 1000 + SHUTDOWN_GRACE_MS);

      const service = of('Service', name)!.spec as {
        selector: Record<string, string>;
        ports: Array<{ port: number; targetPort: string }>;
      };
      expect(service.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      for (const [key, value] of Object.entries(service.selector)) expect(template.metadata.labels[key]).toBe(value);

      const deployment = of('Deployment', name)!.spec as { replicas: number; selector: { matchLabels: object } };
      const pdb = of('PodDisruptionBudget', name)!.spec as { minAvailable: number; selector: { matchLabels: object } };
      expect(pdb.selector.matchLabels).toEqual(deployment.selector.matchLabels);
      const hpa = of('HorizontalPodAutoscaler', name)!.spec as {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
      expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name });
      // Two replicas at least, and a voluntary disruption always leaves one serving.
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(deployment.replicas).toBe(hpa.minReplicas);
      expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
    },
  );

  it.each(services)(
    'gives $name an environment its config schema accepts, its own database, and migrates it in a Job',
    (service) => {
      const dir = join(root, 'services', service.name, 'dist');
      const container = podOf('Deployment', service.name).spec.containers[0]!;
      const environment = environmentOf(container);
      expectAccepted(loadSchema(join(dir, 'config.js')), environment);
      expect(new URL(environment.DATABASE_URL!).pathname).toBe(`/${service.database}`);
      expect(environment.SUBGRAPH_URL).toBe(`http://${service.name}:${service.port}/graphql`);
      // The Job migrates before a rollout; pods never race each other to migrate.
      expect(environment.MIGRATE_ON_START).toBe('false');
      const job = podOf('Job', `${service.name}-migrate`).spec.containers[0]!;
      expect(job.image).toBe(container.image);
      expect(job.command).toEqual(['node', `services/${service.name}/dist/migrate.js`]);
      expect(existsSync(join(dir, 'migrate.js'))).toBe(true);
      const jobEnvironment = environmentOf(job);
      expectAccepted(loadSchema(join(dir, 'data-source.js'), 'databaseConfigSchema'), jobEnvironment);
      expect(jobEnvironment.DATABASE_URL).toBe(environment.DATABASE_URL);
    },
  );

  it('gives the gateway an environment its config schema accepts, every subgraph by its Service, and the supergraph', () => {
    const pod = podOf('Deployment', 'gateway').spec;
    const environment = environmentOf(pod.containers[0]!);
    expectAccepted(loadSchema(join(root, 'gateway', 'dist', 'config.js')), environment);
    for (const service of services)
      expect(environment[`${service.subgraph.toUpperCase()}_URL`]).toBe(
        `http://${service.name}:${service.port}/graphql`,
      );
    // Metrics and the subgraphs' health on their own port, which no Service exposes.
    expect(environment.METRICS_PORT).toBe('9464');
    // The ConfigMap holds the committed supergraph, mounted where SUPERGRAPH_PATH points.
    const volume = pod.volumes!.find((v) => v.configMap)!;
    const configMap = of('ConfigMap', volume.configMap!.name)!;
    const mount = pod.containers[0]!.volumeMounts!.find((m) => m.name === volume.name)!;
    const [file, sdl] = Object.entries(configMap.data!)[0]!;
    expect(environment.SUPERGRAPH_PATH).toBe(`${mount.mountPath}/${file}`);
    expect(sdl).toBe(readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8'));
  });

  it("ships no secret: the one Secret comes from the operator's secrets.env, which git ignores", () => {
    const secrets = objects.filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => Object.keys(s.data!).sort())).toEqual([['INTERNAL_JWT_SECRET', 'JWT_SECRET']]);
    expect(readFileSync(join(k8s, 'overlays', 'production', '.gitignore'), 'utf8')).toMatch(/^secrets\.env$/m);
    const tracked = execFileSync('git', ['ls-files', 'infra/k8s'], { cwd: root, encoding: 'utf8' });
    expect(tracked).not.toMatch(/secrets\.env$/m);
    // Every secret a container reads is that Secret's, or a database Secret CloudNativePG makes.
    const generated = secrets[0]!.metadata.name;
    const clusters = objects.filter((o) => o.kind === 'Cluster').map((o) => `${o.metadata.name}-app`);
    for (const o of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job'))
      for (const container of (o.spec as { template: { spec: PodSpec } }).template.spec.containers)
        for (const ref of (container.env ?? []).flatMap((e) =>
          e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [],
        ))
          expect([generated, ...clusters]).toContain(ref.name);
  });

  it("runs Kafka through Strimzi, at the tests' version and the platform's settings, where the services look for it", () => {
    const kafka = of('Kafka', 'pcc')!.spec as {
      kafka: {
        version: string;
        listeners: Array<{ name: string; port: number; tls: boolean }>;
        config: Record<string, unknown>;
      };
      entityOperator: { topicOperator: object };
    };
    const pom = readFileSync(join(root, 'infra', 'kafka', 'pom.xml'), 'utf8').match(
      /<kafka.version>(.+)<\/kafka.version>/,
    )![1];
    expect(kafka.kafka.version).toBe(pom);
    expect(kafka.kafka.config['message.max.bytes']).toBe(MESSAGE_MAX_BYTES);
    expect(kafka.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(kafka.entityOperator.topicOperator).toBeDefined();
    const pool = objects.find((o) => o.kind === 'KafkaNodePool')!;
    expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe('pcc');
    const replicas = (pool.spec as { replicas: number }).replicas;
    expect(replicas).toBeGreaterThanOrEqual(3);
    expect(kafka.kafka.config['min.insync.replicas']).toBeLessThan(replicas);
    // Strimzi's bootstrap Service is `<cluster>-kafka-bootstrap`, on the plain listener's port.
    const plain = kafka.kafka.listeners.find((l) => !l.tls)!;
    const bootstrap = `pcc-kafka-bootstrap:${plain.port}`;
    for (const o of objects.filter((o) => o.kind === 'Deployment'))
      for (const container of (o.spec as { template: { spec: PodSpec } }).template.spec.containers)
        expect(`${o.metadata.name}: ${environmentOf(container).KAFKA_BROKERS}`).toBe(
          `${o.metadata.name}: ${bootstrap}`,
        );
  });

  it("declares every topic with packages/events' retention policy, and the registry's compacted ones", () => {
    const topics = objects
      .filter((o) => o.kind === 'KafkaTopic')
      .map((o) => {
        expect(o.metadata.labels?.['strimzi.io/cluster']).toBe('pcc');
        const spec = o.spec as {
          topicName: string;
          partitions: number;
          replicas: number;
          config: Record<string, unknown>;
        };
        return [
          spec.topicName,
          { ...spec, config: Object.fromEntries(Object.entries(spec.config).map(([k, v]) => [k, String(v)])) },
        ] as const;
      });
    const byName = new Map(topics);
    const eventTopics = Object.values(TOPICS).filter((t) => t !== TOPICS.schemaDecision);
    const expected = [
      ...eventTopics.flatMap((t) => [t, deadLetterTopic(t)]),
      REGISTRY_TOPICS.decisions,
      deadLetterTopic(REGISTRY_TOPICS.decisions),
      REGISTRY_TOPICS.subgraphs,
      REGISTRY_TOPICS.supergraph,
    ];
    expect([...byName.keys()].sort()).toEqual(expected.sort());
    for (const topic of eventTopics.flatMap((t) => [t, deadLetterTopic(t)])) {
      expect(byName.get(topic)!.config).toEqual(topicConfig(topic));
      expect(byName.get(topic)!.partitions).toBe(6);
    }
    // The registry's: one partition each (one order of publications and decisions), its state compacted.
    for (const topic of [REGISTRY_TOPICS.subgraphs, REGISTRY_TOPICS.supergraph])
      expect(byName.get(topic)).toMatchObject({ partitions: 1, config: { 'cleanup.policy': 'compact' } });
    for (const topic of [REGISTRY_TOPICS.decisions, deadLetterTopic(REGISTRY_TOPICS.decisions)])
      expect(byName.get(topic)).toMatchObject({ partitions: 1, config: topicConfig(topic) });
    for (const [, spec] of topics) expect(spec.replicas).toBe(3);
  });

  it('gives every service database its own CloudNativePG Cluster, with replicas to fail over to', () => {
    const clusters = objects.filter((o) => o.kind === 'Cluster');
    expect(clusters.every((c) => c.apiVersion === 'postgresql.cnpg.io/v1')).toBe(true);
    const databases = clusters.map((c) => {
      const spec = c.spec as {
        instances: number;
        bootstrap: { initdb: { database: string } };
        storage: { size: string };
      };
      expect(spec.instances).toBeGreaterThanOrEqual(2);
      expect(spec.storage.size).toMatch(/^\d+Gi$/);
      return spec.bootstrap.initdb.database;
    });
    expect(databases.sort()).toEqual(services.map((s) => s.database).sort());
  });

  it('runs one schema registry (Recreate: never two composing at once) from the gateway image', () => {
    const registry = of('Deployment', 'registry')!.spec as { replicas: number; strategy: { type: string } };
    expect(registry).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    const container = podOf('Deployment', 'registry').spec.containers[0]!;
    expect(container.image).toBe(podOf('Deployment', 'gateway').spec.containers[0]!.image);
    expect(existsSync(join(root, container.command![1]!.replace('dist', 'src').replace(/\.js$/, '.ts')))).toBe(true);
    expect(of('HorizontalPodAutoscaler', 'registry')).toBeUndefined();
  });

  it('keeps the base folder listing every manifest it holds', () => {
    const kustomization = readFileSync(join(k8s, 'base', 'kustomization.yaml'), 'utf8');
    for (const file of readdirSync(join(k8s, 'base')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml'))
      expect(kustomization).toContain(`- ${file}`);
  });
});
