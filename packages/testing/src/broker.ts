import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Stops and starts the project's own broker (infra/kafka), for tests of what happens while Kafka
 * is away. Only possible when the broker is ours; against an external KAFKA_BROKERS it is not.
 */
const scripts = resolve(__dirname, '..', '..', '..', 'infra', 'kafka');
export const brokerIsOurs = process.env.PCC_KAFKA_MANAGED === '1' || !process.env.KAFKA_BROKERS;

const run = (script: string): void => {
  execFileSync('bash', [resolve(scripts, script)], {
    stdio: 'inherit',
    env: { ...process.env, PCC_KAFKA_MANAGED: '1' },
    timeout: 120_000,
  });
};
export const stopBroker = (): void => run('stop.sh');
export const startBroker = (): void => run('start.sh');

/** A broker of a test's own: its address, and how to stop it (and remove its storage). */
export interface PrivateBroker {
  brokers: string;
  stop(): void;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/**
 * Starts a broker only this test uses (infra/kafka, on a free port and its controller port next to
 * it, storage in a temporary folder): for a platform that must be a province of its own, whose
 * projections learn only its own organization registry — not the registries every earlier test left
 * in the shared broker's compacted topics.
 */
export async function startPrivateBroker(): Promise<PrivateBroker> {
  let port = 0;
  for (let candidate = 20_000 + (process.pid % 20_000); ; candidate += 2) {
    if ((await portIsFree(candidate)) && (await portIsFree(candidate + 1))) {
      port = candidate;
      break;
    }
  }
  const data = mkdtempSync(join(tmpdir(), 'pcc-kafka-'));
  const env = { ...process.env, PCC_KAFKA_MANAGED: '1', PCC_KAFKA_PORT: String(port), PCC_KAFKA_DATA: data };
  const script = (name: string) =>
    execFileSync('bash', [resolve(scripts, name)], { stdio: 'inherit', env, timeout: 120_000 });
  script('start.sh');
  return {
    brokers: `127.0.0.1:${port}`,
    stop: () => {
      script('stop.sh');
      rmSync(data, { recursive: true, force: true });
    },
  };
}
