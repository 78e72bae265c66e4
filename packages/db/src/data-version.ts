import type { DataSource, QueryRunner } from 'typeorm';

/**
 * One version of all of a service's data: a number that every committed change to the database's
 * tables makes larger, in the change's own transaction — so two reads of the same number saw the
 * same committed data, and a caller whose write has committed reads a number at least as large as
 * that write made it. Whole answers kept by a subgraph (its response cache) are keyed by it.
 *
 * Unlike the server's snapshot (`pg_current_snapshot()`, whose transaction ids every database of a
 * PostgreSQL server shares), it moves only with this database's own changes, and not with the
 * bookkeeping below that changes no answer: the relay deleting what Kafka acknowledged, parked
 * rows, a consumer's inbox (its projection's change moves it), TypeORM's list of migrations.
 *
 * How it moves: every table has a deferred constraint trigger, so the bump runs at commit, once per
 * transaction (a transaction-local setting marks it done), adding 1 to one of `SLOTS` rows chosen by
 * the backend: commits of different connections rarely wait for one another, and the lock is held
 * only while the transaction commits — never between two of its statements, where it could deadlock
 * with another's row locks. The version is the sum of the slots. TRUNCATE (a projection emptied for a
 * replay) has a statement trigger of its own: constraint triggers cannot fire on it.
 */
export const UNVERSIONED_TABLES: readonly string[] = ['outbox', 'outbox_parked', 'inbox', 'migrations', 'data_version'];
const SLOTS = 16;

/** Creates the version, its trigger functions, and attaches them to every table there is now. */
export async function createDataVersion(q: QueryRunner): Promise<void> {
  await q.query(`CREATE TABLE data_version (slot smallint PRIMARY KEY, version bigint NOT NULL DEFAULT 0)`);
  await q.query(`INSERT INTO data_version (slot) SELECT generate_series(0, ${SLOTS - 1})`);
  await q.query(`
    CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('pcc.data_version_bumped', true) = 'on' THEN RETURN NULL; END IF;
      PERFORM set_config('pcc.data_version_bumped', 'on', true);
      UPDATE data_version SET version = version + 1 WHERE slot = pg_backend_pid() % ${SLOTS};
      RETURN NULL;
    END $$`);
  for (const table of await unversionedTables(q)) await attachDataVersion(q, table);
}

export async function dropDataVersion(q: QueryRunner): Promise<void> {
  await q.query('DROP FUNCTION data_version_bump() CASCADE');
  await q.query('DROP TABLE data_version');
}

/** A table created after `createDataVersion` attaches it in its own migration (a test checks every table). */
export async function attachDataVersion(q: QueryRunner | DataSource, table: string): Promise<void> {
  await q.query(`
    CREATE CONSTRAINT TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE ON "${table}"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump()`);
  await q.query(`
    CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON "${table}"
    FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()`);
}

/** Tables of the current schema whose changes do not move the version (none, once all is migrated). */
export async function unversionedTables(q: QueryRunner | DataSource): Promise<string[]> {
  const rows = (await q.query(
    `SELECT c.relname AS table FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
       AND c.relname <> ALL($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'data_version')
     ORDER BY c.relname`,
    [UNVERSIONED_TABLES],
  )) as Array<{ table: string }>;
  return rows.map((row) => row.table);
}

/** The version now: one statement (its snapshot is the one the argument above needs). */
export async function readDataVersion(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<Array<{ version: string }>>(
    'SELECT sum(version)::text AS version FROM data_version',
  );
  return row!.version;
}

/** The migration every service lists last (a table added later attaches itself: see attachDataVersion). */
export class DataVersion1767000000000 {
  name = 'DataVersion1767000000000';
  async up(q: QueryRunner): Promise<void> {
    await createDataVersion(q);
  }
  async down(q: QueryRunner): Promise<void> {
    await dropDataVersion(q);
  }
}
