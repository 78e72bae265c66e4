import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, lintMigrations, unversionedTables } from '@pcc/db';
import { migrations as cases } from '@pcc/cases';
import { migrations as notifications } from '@pcc/notifications';
import { migrations as organizations } from '@pcc/organizations';
import { migrations as planning } from '@pcc/planning';
import { migrations as waste } from '@pcc/waste-metrics';

const root = join(__dirname, '..', '..');
const lint = (migrations: Array<new () => MigrationInterface>) =>
  lintMigrations(migrations, {
    squawk: join(root, 'node_modules', '.bin', 'squawk'),
    config: join(root, '.squawk.toml'),
  });

/** A migration of the SQL given, as a service would write it. */
const migration = (name: string, ...statements: string[]) => {
  const named = {
    [name]: class implements MigrationInterface {
      async up(q: QueryRunner): Promise<void> {
        for (const sql of statements) await q.query(sql);
      }
      async down(): Promise<void> {}
    },
  };
  return named[name]!;
};

describe('migrations a rolling deploy survives (Squawk, .squawk.toml)', () => {
  it('every service migration passes, exceptions marked in the migration itself', async () => {
    expect(await lint([...organizations, ...cases, ...planning, ...waste])).toEqual([]);
  }, 60_000);

  it('refuses what breaks the build still running: a dropped or renamed column, a NOT NULL column without default, a blocking index', async () => {
    const violations = await lint([
      migration('DropTitle1', 'ALTER TABLE "case" DROP COLUMN title'),
      migration('RenameTitle2', 'ALTER TABLE "case" RENAME COLUMN title TO heading'),
      migration('RequiredColumn3', 'ALTER TABLE "case" ADD COLUMN channel_detail text NOT NULL'),
      migration('BlockingIndex4', 'CREATE INDEX case_by_title ON "case" (title)'),
      migration('Retype5', 'ALTER TABLE "case" ALTER COLUMN title TYPE varchar(100)'),
    ]);
    const rules = (name: string) => violations.filter((v) => v.migration === name).map((v) => v.rule);
    expect(rules('DropTitle1')).toContain('ban-drop-column');
    expect(rules('RenameTitle2')).toContain('renaming-column');
    expect(rules('RequiredColumn3')).toContain('adding-required-field');
    expect(rules('BlockingIndex4')).toContain('require-concurrent-index-creation');
    expect(rules('Retype5')).toContain('changing-column-type');
  }, 60_000);

  it('accepts the expand step, and an exception marked with squawk-ignore', async () => {
    expect(
      await lint([
        migration('Expand1', 'ALTER TABLE "case" ADD COLUMN channel_detail text'),
        // In a TypeORM migration of its own with `transaction = false`: CONCURRENTLY cannot run in a transaction.
        migration('Concurrent2', 'CREATE INDEX CONCURRENTLY case_by_detail ON "case" (channel_detail)'),
        migration('Marked3', '-- squawk-ignore ban-drop-column\nALTER TABLE "case" DROP COLUMN legacy_code'),
      ]),
    ).toEqual([]);
  }, 60_000);
});

describe('the data version every subgraph keys its kept answers by (@pcc/db data-version.ts)', () => {
  // A table no trigger watches would change answers without moving the version: kept answers stale.
  it.each([
    ['organizations', organizations],
    ['cases', cases],
    ['planning', planning],
    ['waste-metrics', waste],
    ['notifications', notifications],
  ])(
    'moves with every table of %s, once migrated',
    async (_name, migrations) => {
      const db = await createTestDatabase({ prefix: 'infra_data_version', migrations });
      try {
        expect(await unversionedTables(db.dataSource)).toEqual([]);
      } finally {
        await db.drop();
      }
    },
    60_000,
  );
});
