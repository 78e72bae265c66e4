import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

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
