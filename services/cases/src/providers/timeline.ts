import type { EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import type { CaseStatus } from '../domain/vocabulary';

type Who = Identity | 'REPORTER' | 'SYSTEM';
type Change = {
  from?: CaseStatus | null;
  to?: CaseStatus | null;
  note?: string | null;
  data?: Record<string, unknown>;
};

/** One line of a case's timeline: every change says who, when, from what to what. */
export function addTimeline(tx: EntityManager, caseId: string, who: Who, action: string, change: Change = {}) {
  return addTimelineLines(tx, caseId, [{ who, action, change }]);
}

/** Several lines of one case's timeline, in this order, in one statement (intake writes two). */
export async function addTimelineLines(
  tx: EntityManager,
  caseId: string,
  lines: ReadonlyArray<{ who: Who; action: string; change?: Change }>,
): Promise<void> {
  if (lines.length === 0) return;
  const values: unknown[] = [];
  const rows = lines.map(({ who, action, change = {} }) => {
    const actor =
      who === 'REPORTER'
        ? { sub: 'reporter', role: 'REPORTER', org: null }
        : who === 'SYSTEM'
          ? { sub: 'system', role: 'SYSTEM', org: null }
          : who;
    const n = values.length;
    values.push(
      caseId,
      actor.sub,
      actor.role,
      actor.org,
      action,
      change.from ?? null,
      change.to ?? null,
      change.note ?? null,
      JSON.stringify(change.data ?? {}),
    );
    return `(${Array.from({ length: 9 }, (_, i) => `$${n + i + 1}`).join(', ')})`;
  });
  // A multi-row VALUES list assigns the serial ids in list order, so the lines keep their order.
  await tx.query(
    `INSERT INTO case_timeline (case_id, actor_sub, actor_role, actor_org, action, from_status, to_status, note, data) VALUES ${rows.join(', ')}`,
    values,
  );
}
