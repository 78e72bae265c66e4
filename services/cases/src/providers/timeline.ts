import type { EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { SqlParameters } from '@pcc/db';
import type { CaseStatus } from '../domain/vocabulary';

type Who = Identity | 'REPORTER' | 'SYSTEM';
type Change = {
  from?: CaseStatus | null;
  to?: CaseStatus | null;
  note?: string | null;
  data?: Record<string, unknown>;
};

/** A timeline line before it is written: who, what, and the change. */
export type TimelineLine = { who: Who; action: string; change?: Change };

/** One line of a case's timeline: every change says who, when, from what to what. */
export function addTimeline(tx: EntityManager, caseId: string, who: Who, action: string, change: Change = {}) {
  return addTimelineLines(tx, caseId, [{ who, action, change }]);
}

/** Several lines of one case's timeline, in this order, in one statement. */
export async function addTimelineLines(
  tx: EntityManager,
  caseId: string,
  lines: ReadonlyArray<TimelineLine>,
): Promise<void> {
  if (lines.length === 0) return;
  const parameters = new SqlParameters();
  await tx.query(timelineInsertion(parameters, caseId, lines), parameters.values);
}

/**
 * The `INSERT` of several lines of one case's timeline, for a statement built of parts (intake's).
 * Its text is the same for any number of lines (they are one parameter), so it can be prepared once.
 */
export function timelineInsertion(
  parameters: SqlParameters,
  caseId: string,
  lines: ReadonlyArray<TimelineLine>,
): string {
  const rows = lines.map(({ who, action, change = {} }, n) => {
    const actor =
      who === 'REPORTER'
        ? { sub: 'reporter', role: 'REPORTER', org: null }
        : who === 'SYSTEM'
          ? { sub: 'system', role: 'SYSTEM', org: null }
          : who;
    return {
      n,
      actor_sub: actor.sub,
      actor_role: actor.role,
      actor_org: actor.org,
      action,
      from_status: change.from ?? null,
      to_status: change.to ?? null,
      note: change.note ?? null,
      data: change.data ?? {},
    };
  });
  // Inserted in the order given, so the serial ids keep the lines' order.
  return `INSERT INTO case_timeline (case_id, actor_sub, actor_role, actor_org, action, from_status, to_status, note, data)
    SELECT ${parameters.add(caseId)}::uuid, l.actor_sub, l.actor_role, l.actor_org, l.action, l.from_status, l.to_status, l.note, l.data
    FROM jsonb_to_recordset(${parameters.add(JSON.stringify(rows))}::jsonb) AS l(n int, actor_sub text, actor_role text,
      actor_org text, action text, from_status text, to_status text, note text, data jsonb)
    ORDER BY l.n`;
}
