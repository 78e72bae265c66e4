import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { deadlineOf, monthsDue, type ReportingSettings } from '../domain/deadlines';
import { emitWasteEvent } from '../events/waste-events';

export interface MissingReport {
  organizationId: string;
  month: string;
  deadline: Date;
  /** When the deadline watch flagged it (and emitted `waste.report-missing`); null until then. */
  flaggedAt: Date | null;
}

/** Who the deadline watch's events name as their actor (role SYSTEM). */
const DEADLINE_WATCH: Identity = { sub: 'waste-metrics', role: 'NETWORK_ADMIN', org: null };

/**
 * Held by the one deadline watch at work; another instance that cannot take it skips the round
 * (the first does the work; the table's key keeps each flag single even so).
 */
const WATCH_LOCK = 'waste-metrics|deadline-watch';

/**
 * Reports that are due and not in: every active organization bound by a waste target (a signatory of
 * a waste MOU), each month of the look-back window whose deadline passed, without any revision.
 */
async function findMissing(
  db: DataSource | EntityManager,
  settings: ReportingSettings,
  now: Date,
  organizationId: string | null,
): Promise<MissingReport[]> {
  const months = monthsDue(now, settings);
  const rows = await db.query<Array<{ organization_id: string; month: string; flagged_at: Date | null }>>(
    `SELECT o.id AS organization_id, m.month, f.flagged_at
     FROM organization_projection o
     JOIN waste_target t ON t.organization_id = o.id
     CROSS JOIN unnest($1::text[]) AS m(month)
     LEFT JOIN waste_missing_report f ON f.organization_id = o.id AND f.month = m.month
     WHERE o.active AND ($2::uuid IS NULL OR o.id = $2)
       AND NOT EXISTS (SELECT 1 FROM waste_report r WHERE r.organization_id = o.id AND r.month = m.month)
     ORDER BY m.month DESC, o.id`,
    [months, organizationId],
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    month: r.month,
    deadline: deadlineOf(r.month, settings),
    flaggedAt: r.flagged_at,
  }));
}

/** The reports due and not in, latest month first; one organization's when given. */
export function missingReports(
  dataSource: DataSource,
  settings: ReportingSettings,
  now: Date,
  organizationId: string | null = null,
): Promise<MissingReport[]> {
  return findMissing(dataSource, settings, now, organizationId);
}

/**
 * The deadline watch: flags every report missing at `now` that is not flagged yet and emits
 * `waste.report-missing` for it, in one transaction. Run by every instance on a timer; a transaction
 * advisory lock lets one of them work at a time (the others return 0 at once), and the flag's key
 * makes a month's event single even across rounds. Returns how many it flagged.
 */
export async function flagMissingReports(dataSource: DataSource, settings: ReportingSettings, now = new Date()) {
  return dataSource.transaction(async (tx) => {
    const [{ locked }] = await tx.query<[{ locked: boolean }]>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [WATCH_LOCK],
    );
    if (!locked) return 0;
    let flagged = 0;
    for (const missing of await findMissing(tx, settings, now, null)) {
      if (missing.flaggedAt) continue;
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO waste_missing_report (organization_id, month, deadline) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING month`,
        [missing.organizationId, missing.month, missing.deadline],
      );
      if (inserted.length === 0) continue;
      await emitWasteEvent(
        tx,
        'report-missing',
        missing.organizationId,
        DEADLINE_WATCH,
        { month: missing.month, deadline: missing.deadline.toISOString() },
        undefined,
        true,
      );
      flagged += 1;
    }
    return flagged;
  });
}
