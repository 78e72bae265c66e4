import type { EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import type { CaseStatus } from '../domain/vocabulary';

/** One line of a case's timeline: every change says who, when, from what to what. */
export async function addTimeline(
  tx: EntityManager,
  caseId: string,
  who: Identity | 'REPORTER' | 'SYSTEM',
  action: string,
  change: {
    from?: CaseStatus | null;
    to?: CaseStatus | null;
    note?: string | null;
    data?: Record<string, unknown>;
  } = {},
): Promise<void> {
  const actor =
    who === 'REPORTER'
      ? { sub: 'reporter', role: 'REPORTER', org: null }
      : who === 'SYSTEM'
        ? { sub: 'system', role: 'SYSTEM', org: null }
        : who;
  await tx.query(
    `INSERT INTO case_timeline (case_id, actor_sub, actor_role, actor_org, action, from_status, to_status, note, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      caseId,
      actor.sub,
      actor.role,
      actor.org,
      action,
      change.from ?? null,
      change.to ?? null,
      change.note ?? null,
      JSON.stringify(change.data ?? {}),
    ],
  );
}
