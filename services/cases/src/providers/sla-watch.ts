import type { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '../domain/vocabulary';
import { emitCaseEvents, SYSTEM } from '../events/case-events';
import { CaseEntity } from '../store/entities';
import { addTimeline } from './timeline';

/**
 * Finds open cases past their due time that have not been reported for that due time, marks
 * them and emits `case.sla-breached` — once per case and due time, however often it runs and however
 * many instances run it (the row update is the claim). Returns how many it reported.
 */
export async function reportSlaBreaches(dataSource: DataSource, now = new Date(), batch = 500): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const ids: Array<{ id: string }> = await tx
      .query(
        `UPDATE "case" SET sla_breached_for = due_at
       WHERE id IN (
         SELECT id FROM "case"
         WHERE status = ANY($1) AND due_at < $2 AND sla_breached_for IS DISTINCT FROM due_at
         ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
        [OPEN_STATUSES, now, batch],
      )
      .then((result: [Array<{ id: string }>, number] | Array<{ id: string }>) =>
        Array.isArray(result[0]) ? (result[0] as Array<{ id: string }>) : (result as Array<{ id: string }>),
      );
    for (const { id } of ids) {
      const c = await tx.getRepository(CaseEntity).findOneByOrFail({ id });
      await addTimeline(tx, id, 'SYSTEM', 'sla-breached', { data: { dueAt: c.dueAt!.toISOString() } });
      await emitCaseEvents(
        tx,
        c,
        SYSTEM,
        undefined,
        [{ type: 'sla-breached', extra: { dueAt: c.dueAt!.toISOString() } }],
        true,
      );
    }
    return ids.length;
  });
}
