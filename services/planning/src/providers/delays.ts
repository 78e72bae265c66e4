import type { DataSource, EntityManager } from 'typeorm';
import { bangkokDate } from '@pcc/fiscal-year';
import { assessDelay } from '../domain/delay';
import { ACTIVE_STATUSES } from '../domain/vocabulary';
import { emitProjectEvents, type ProjectEvent } from '../events/project-events';
import { ProjectEntity } from '../store/entities';

/**
 * Re-judges one (locked) project on `today` and stores the verdict on it. Returns the
 * `project.delayed` event to emit when the project is found delayed in a status it was not yet
 * reported delayed in — once per project and status, however often it is judged — else null. Call
 * inside the transaction that changed the project, before its events are written (they carry the flag).
 */
export async function reassessDelay(
  tx: EntityManager,
  project: ProjectEntity,
  today: string,
): Promise<ProjectEvent | null> {
  const verdict = assessDelay(project, today);
  project.delayed = verdict.delayed;
  project.delayReason = verdict.delayed ? verdict.reason : null;
  const report = verdict.delayed && project.delayReportedStatus !== project.status;
  if (report) project.delayReportedStatus = project.status;
  await tx
    .getRepository(ProjectEntity)
    .update(
      { id: project.id },
      { delayed: project.delayed, delayReason: project.delayReason, delayReportedStatus: project.delayReportedStatus },
    );
  return report && verdict.delayed
    ? {
        type: 'delayed',
        extra: {
          reason: verdict.reason,
          elapsedPercent: verdict.elapsedPercent,
          pointsBehind: verdict.pointsBehind,
          asOf: today,
        },
      }
    : null;
}

/**
 * The delay watch: time alone makes projects fall behind, so it judges every project under way that
 * is not yet flagged (and those flagged behind schedule that have since passed their planned end, so
 * the reason stays true), a batch per transaction (rows locked, SKIP LOCKED: several instances may
 * run). Returns how many it flagged or re-flagged.
 */
export async function reportDelays(dataSource: DataSource, today = bangkokDate(), batch = 500): Promise<number> {
  let flagged = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { done, count, last } = await dataSource.transaction(async (tx) => {
      const rows = await tx
        .getRepository(ProjectEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(
          "p.status IN (:...active) AND (NOT p.delayed OR (p.delay_reason = 'BEHIND_SCHEDULE' AND p.planned_end < :today)) AND p.id > :after",
          { active: ACTIVE_STATUSES, today, after },
        )
        .orderBy('p.id')
        .limit(batch)
        .getMany();
      let count = 0;
      for (const project of rows) {
        if (!assessDelay(project, today).delayed) continue;
        const event = await reassessDelay(tx, project, today);
        if (event) await emitProjectEvents(tx, project, 'SYSTEM', undefined, [event]);
        count += 1;
      }
      return { done: rows.length < batch, count, last: rows.at(-1)?.id };
    });
    flagged += count;
    if (done || !last) return flagged;
    after = last;
  }
}
