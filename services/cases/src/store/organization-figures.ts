import type { DataSource } from 'typeorm';
import { readVersions } from '@pcc/db';
import { VersionedCache, type AnswerValidity, type Computed } from '@pcc/subgraph-kit';
import { OPEN_STATUSES } from '../domain/vocabulary';
import type { CaseFilter } from '../domain/case-filter';

/** What `caseStats` answers for one organization. */
export interface CaseStatsRow {
  organizationId: string;
  open: number;
  overdue: number;
  resolvedLast30Days: number;
  medianResolutionHours: number | null;
  averageRating: number | null;
}

/**
 * The figures of each organization that cost a scan to compute — the totals of its case lists and
 * its statistics — kept per process between changes, keyed by the organization's case version
 * (bumped in every change's own transaction; see VersionedCache for why no caller can be served
 * anything older than its own write). The clock-dependent ones (overdue, resolved in the last 30
 * days) are kept only until the next moment a case of the organization crosses its due time or
 * leaves the 30-day window. One instance per process, shared by all requests.
 */
export class OrganizationFigures {
  private readonly totals = new VersionedCache<number>();
  private readonly statistics = new VersionedCache<CaseStatsRow>(1_000);

  constructor(private readonly dataSource: DataSource) {}

  /** The total of each organization's list under `filter`; `count` counts those not kept. */
  async listTotals(
    organizationIds: string[],
    filter: CaseFilter | null | undefined,
    count: (organizationIds: string[]) => Promise<Map<string, number>>,
  ): Promise<Map<string, number>> {
    // A text search is answered per caller (who may see which titles): counted every time.
    if (filter?.text?.trim()) return count(organizationIds);
    const filterKey = keyOf(filter);
    const { now, versions } = await readVersions(this.dataSource, 'case_list_version', organizationIds);
    const keys = organizationIds.map((id) => ({ key: `${id}|${filterKey}`, version: versions.get(id) ?? '0' }));
    const organizationOf = (key: string) => key.slice(0, key.indexOf('|'));
    const totals = await this.totals.getMany(keys, now, async (missing) => {
      const ids = missing.map(organizationOf);
      // Read before counting: a due time crossed in between makes the entry expire at once, never late.
      const until = filter?.overdue === true || filter?.overdue === false ? await this.nextDue(ids) : null;
      const counted = await count(ids);
      return new Map(
        ids.map((id): [string, Computed<number>] => [
          `${id}|${filterKey}`,
          { value: counted.get(id) ?? 0, validUntil: until?.get(id) ?? undefined },
        ]),
      );
    });
    return new Map([...totals].map(([key, total]) => [organizationOf(key), total]));
  }

  /**
   * Each organization's statistics (as lead): the counters the database keeps plus the clock-dependent
   * counts. One statement whatever is kept: it reads every organization's version and recomputes only
   * the organizations whose kept figures are older than that version or past their validity.
   */
  async stats(organizationIds: string[], answer?: AnswerValidity): Promise<Map<string, CaseStatsRow>> {
    const ids = [...new Set(organizationIds)];
    const held = this.statistics.held(ids);
    const rows = await this.dataSource.query<
      Array<{
        org: string;
        version: string;
        computed: boolean | null;
        open: number | null;
        overdue: number;
        resolved30: number;
        median_hours: number | null;
        avg_rating: number | null;
        next_due: number | null;
        next_expiry: number | null;
      }>
    >(
      `SELECT o.id AS org, coalesce(v.version, 0)::text AS version, f.*
       FROM unnest($1::uuid[], $2::bigint[], $3::float8[]) AS o(id, kept_version, kept_until)
       LEFT JOIN case_list_version v ON v.key = o.id
       LEFT JOIN LATERAL (
         SELECT true AS computed, s.open,
                (SELECT count(*) FROM "case" c WHERE c.lead_org_id = o.id AND c.status = ANY($4) AND c.due_at < now())::int AS overdue,
                (SELECT count(*) FROM "case" c WHERE c.lead_org_id = o.id AND c.resolved_at > now() - interval '30 days')::int AS resolved30,
                s.median_hours::float8 AS median_hours,
                CASE WHEN s.rating_count > 0 THEN s.rating_sum::float8 / s.rating_count END AS avg_rating,
                (extract(epoch FROM (SELECT min(c.due_at) FROM "case" c WHERE c.lead_org_id = o.id AND c.status = ANY($4) AND c.due_at >= now())) * 1000)::float8 AS next_due,
                (extract(epoch FROM (SELECT min(c.resolved_at) FROM "case" c WHERE c.lead_org_id = o.id AND c.resolved_at > now() - interval '30 days') + interval '30 days') * 1000)::float8 AS next_expiry
         FROM (SELECT 1) AS one LEFT JOIN case_org_stats s ON s.organization_id = o.id
         -- Only what is not kept, kept for an older version, or past the moment the clock changes it.
         WHERE o.kept_version IS NULL OR coalesce(v.version, 0) > o.kept_version OR extract(epoch FROM now()) * 1000 >= o.kept_until
       ) AS f ON true`,
      [
        ids,
        ids.map((id) => held.get(id)?.version ?? null),
        // Infinity (kept until the version moves) goes as PostgreSQL's 'Infinity'.
        ids.map((id) => held.get(id)?.validUntil ?? null),
        OPEN_STATUSES,
      ],
    );
    const result = new Map<string, CaseStatsRow>();
    for (const r of rows) {
      const kept = held.get(r.org);
      if (!r.computed && kept) {
        this.statistics.served();
        answer?.validUntil(kept.validUntil);
        result.set(r.org, kept.value);
        continue;
      }
      const value: CaseStatsRow = {
        organizationId: r.org,
        open: r.open ?? 0,
        overdue: r.overdue,
        resolvedLast30Days: r.resolved30,
        medianResolutionHours: r.median_hours === null ? null : Number(Number(r.median_hours).toFixed(1)),
        averageRating: r.avg_rating === null ? null : Number(Number(r.avg_rating).toFixed(2)),
      };
      const validUntil = Math.min(r.next_due ?? Infinity, r.next_expiry ?? Infinity);
      this.statistics.keep(r.org, r.version, { value, validUntil });
      answer?.validUntil(validUntil);
      result.set(r.org, value);
    }
    return result;
  }

  /** For each organization, the next moment one of its open cases (led or supported) becomes overdue. */
  async nextDue(organizationIds: string[]): Promise<Map<string, number | null>> {
    const rows = await this.dataSource.query<Array<{ id: string; next: number | null }>>(
      `SELECT o.id, (extract(epoch FROM LEAST(
          (SELECT min(c.due_at) FROM "case" c WHERE c.lead_org_id = o.id AND c.status = ANY($2) AND c.due_at >= now()),
          (SELECT min(c.due_at) FROM case_supporting_organization s JOIN "case" c ON c.id = s.case_id
           WHERE s.organization_id = o.id AND c.status = ANY($2) AND c.due_at >= now()))) * 1000)::float8 AS next
       FROM unnest($1::uuid[]) AS o(id)`,
      [organizationIds, OPEN_STATUSES],
    );
    return new Map(rows.map((r) => [r.id, r.next]));
  }
}

/** The filter without the organization, in one canonical form. */
function keyOf(filter: CaseFilter | null | undefined): string {
  const at = (value: Date | string | null | undefined) => {
    const time = value ? new Date(value) : null;
    return time && !Number.isNaN(time.getTime()) ? time.toISOString() : (value ?? null);
  };
  return JSON.stringify([
    [...(filter?.status ?? [])].sort(),
    filter?.kind ?? null,
    filter?.category ?? null,
    filter?.district ?? null,
    filter?.overdue ?? null,
    at(filter?.openedBetween?.from),
    at(filter?.openedBetween?.to),
  ]);
}
