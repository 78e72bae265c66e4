import { spawn, spawnSync } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, kafkaBrokers, waitFor, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '../src/server';

const entry = join(__dirname, '..', 'dist', 'index.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The real process, as a deployment runs it: start-up checks and graceful shutdown. */
describe('the organizations process (real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'orgproc', migrations, entities });
  });
  afterAll(async () => db.drop());

  it('refuses to start with bad configuration, listing every problem', () => {
    const result = spawnSync(process.execPath, [entry], {
      env: { PATH: process.env.PATH, PORT: '99999', DATABASE_URL: 'mysql://nope', INTERNAL_JWT_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid configuration (3 problems)');
    expect(result.stderr).toMatch(/PORT: expected an integer from 1 to 65535/);
    expect(result.stderr).toMatch(/DATABASE_URL: expected a URL/);
    expect(result.stderr).toMatch(/INTERNAL_JWT_SECRET: must be at least 32 characters/);
  });

  it('serves, then on SIGTERM finishes and exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        INTERNAL_JWT_SECRET: 'process-test-internal-secret-0123456789abc',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const ready = await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status,
      (status) => status === 200,
      30_000,
      250,
    );
    expect(ready).toBe(200);
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.some((line) => line.msg === 'organizations subgraph listening' && line.service === 'organizations'),
    ).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"shutting down"');
    expect(output).toContain('"msg":"stopped"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
