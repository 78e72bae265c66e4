import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('a process started with bad configuration', () => {
  it('refuses to start and lists every problem at once', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'tail.js')], {
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: 'not-a-broker',
        KAFKA_TOPIC_PARTITIONS: '0',
        EVENT_TAIL_FROM_BEGINNING: 'perhaps',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid configuration (3 problems)');
    expect(result.stderr).toContain('KAFKA_BROKERS.0: expected host:port');
    expect(result.stderr).toContain('KAFKA_TOPIC_PARTITIONS: expected an integer from 1 to 1000');
    expect(result.stderr).toContain('EVENT_TAIL_FROM_BEGINNING: expected true or false');
  });
});
