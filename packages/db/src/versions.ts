import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions of a service's data per key (an organization, usually), for values a process keeps between
 * changes (VersionedCache in @pcc/subgraph-kit): a table `<name>` of (key, version) and a function
 * `<name>_bump(uuid[])` that the service's triggers call in the transaction of every change. A key
 * without a row is at version 0. Rows are bumped in key order, so two transactions bumping the same
 * keys cannot deadlock on them.
 */
export async function createVersionTable(q: QueryRunner, name: string): Promise<void> {
  await q.query(`CREATE TABLE ${name} (key uuid PRIMARY KEY, version bigint NOT NULL DEFAULT 0)`);
  await q.query(`CREATE FUNCTION ${bumpFunction(name, 'sql')}`);
}

/**
 * `<name>_bump` as first written (`sql`), and as `VersionBumpInPlpgsql` rewrites it: PostgreSQL plans
 * the statement of a SQL function that cannot be inlined on every call, 0.2–0.3 ms of each intake's
 * case trigger, where PL/pgSQL keeps its plan for the session.
 */
function bumpFunction(name: string, language: 'sql' | 'plpgsql'): string {
  const upsert = `INSERT INTO ${name} AS v (key, version)
      SELECT DISTINCT k, 1 FROM unnest(keys) AS k WHERE k IS NOT NULL ORDER BY k
      ON CONFLICT (key) DO UPDATE SET version = v.version + 1`;
  const body = language === 'sql' ? upsert : `BEGIN ${upsert}; END`;
  return `${name}_bump(keys uuid[]) RETURNS void LANGUAGE ${language} AS $$
      ${body}
    $$`;
}

/** A migration that rewrites the bump function of the version table `name` in PL/pgSQL (see bumpFunction). */
export function versionBumpInPlpgsql(name: string): new () => MigrationInterface {
  return class VersionBumpInPlpgsql1767200000000 implements MigrationInterface {
    name = 'VersionBumpInPlpgsql1767200000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE OR REPLACE FUNCTION ${bumpFunction(name, 'plpgsql')}`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`CREATE OR REPLACE FUNCTION ${bumpFunction(name, 'sql')}`);
    }
  };
}

export async function dropVersionTable(q: QueryRunner, name: string): Promise<void> {
  await q.query(`DROP FUNCTION ${name}_bump(uuid[])`);
  await q.query(`DROP TABLE ${name}`);
}

/** Versions and the database's clock, read in one statement. */
export interface VersionsRead {
  /** The database's `now`, epoch milliseconds: what clock-dependent kept values are checked against. */
  now: number;
  /** Per key asked (0 before its first change), as text: PostgreSQL's bigint. */
  versions: Map<string, string>;
  /** The sum of every key's version in the table: it grows with any change to any key. */
  total: string;
}

/** Reads the versions of `keys` (and the table's total) from a table made by createVersionTable. */
export async function readVersions(
  dataSource: DataSource,
  name: string,
  keys: readonly string[],
): Promise<VersionsRead> {
  const rows = await dataSource.query<Array<{ key: string | null; version: string; total: string; now: number }>>(
    `SELECT k.key, coalesce(v.version, 0)::text AS version, t.total, t.now
     FROM (SELECT coalesce(sum(version), 0)::text AS total, (extract(epoch FROM now()) * 1000)::float8 AS now FROM ${name}) AS t
     LEFT JOIN unnest($1::uuid[]) AS k(key) ON true
     LEFT JOIN ${name} v ON v.key = k.key`,
    [[...new Set(keys)]],
  );
  const first = rows[0]!;
  return {
    now: first.now,
    total: first.total,
    versions: new Map(rows.filter((r) => r.key !== null).map((r) => [r.key!, r.version])),
  };
}
