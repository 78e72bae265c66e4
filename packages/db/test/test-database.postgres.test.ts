import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, migrate, QueryCounter, createDataSource } from '../src';

class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE thing (id serial PRIMARY KEY, name text NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE thing');
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase (real PostgreSQL)', () => {
  it('creates a fresh migrated database and drops it', async () => {
    const db = await createTestDatabase({ prefix: 'db', migrations: [CreateThings1700000000000] });
    try {
      expect(await databaseExists(db.name)).toBe(true);
      await db.dataSource.query(`INSERT INTO thing (name) VALUES ('a')`);
      expect(await db.dataSource.query('SELECT name FROM thing')).toEqual([{ name: 'a' }]);
      const settings = await db.dataSource.query<Array<{ timeout: string; app: string }>>(
        `SELECT current_setting('statement_timeout') AS timeout, current_setting('application_name') AS app`,
      );
      expect(settings).toEqual([{ timeout: '15s', app: 'test-db' }]);
    } finally {
      await db.drop();
    }
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('gives two callers two different databases', async () => {
    const [a, b] = await Promise.all([createTestDatabase({ prefix: 'db' }), createTestDatabase({ prefix: 'db' })]);
    expect(a.name).not.toBe(b.name);
    await Promise.all([a.drop(), b.drop()]);
  });
});

describe('migrate (real PostgreSQL)', () => {
  it('applies pending migrations once and reports them', async () => {
    const empty = await createTestDatabase({ prefix: 'migrate' });
    try {
      const dataSource = createDataSource({
        url: empty.url,
        applicationName: 'migrate-test',
        migrations: [CreateThings1700000000000],
      });
      expect(await migrate(dataSource)).toEqual(['CreateThings1700000000000']);
      expect(await migrate(dataSource)).toEqual([]);
      expect(dataSource.isInitialized).toBe(false);
    } finally {
      await empty.drop();
    }
  });

  it('counts the statements a piece of code runs', async () => {
    const counter = new QueryCounter();
    const db = await createTestDatabase({ prefix: 'count', migrations: [CreateThings1700000000000], logger: counter });
    try {
      counter.reset();
      await db.dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO thing (name) VALUES ('a'), ('b')`);
        await tx.query('SELECT * FROM thing');
      });
      expect(counter.statements).toHaveLength(2);
      expect(counter.queries.length).toBeGreaterThan(2);
    } finally {
      await db.drop();
    }
  });
});
