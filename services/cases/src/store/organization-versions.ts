import type { DataSource } from 'typeorm';

/** The organizations' case versions (migration CaseListVersions) and the database's clock, read together. */
export interface VersionsRead {
  /** The database's `now`, epoch milliseconds: what clock-dependent cached values are checked against. */
  now: number;
  versions: Map<string, string>;
}

/** One statement: each organization's version (0 before its first change) and `now`. */
export async function readVersions(dataSource: DataSource, organizationIds: readonly string[]): Promise<VersionsRead> {
  const rows = await dataSource.query<Array<{ id: string; version: string; now: number }>>(
    `SELECT o.id, coalesce(v.version, 0)::text AS version, (extract(epoch FROM now()) * 1000)::float8 AS now
     FROM unnest($1::uuid[]) AS o(id) LEFT JOIN case_list_version v ON v.organization_id = o.id`,
    [[...new Set(organizationIds)]],
  );
  const now = rows[0]?.now ?? Date.now();
  return { now, versions: new Map(rows.map((r) => [r.id, r.version])) };
}
