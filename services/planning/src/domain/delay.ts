import { ACTIVE_STATUSES, type DelayReason, type ProjectStatus } from './vocabulary';

/** More points behind the elapsed share of the planned duration than this: delayed. */
export const DELAY_THRESHOLD_POINTS = 15;

export type DelayAssessment =
  | { delayed: false; elapsedPercent: number; pointsBehind: number }
  | { delayed: true; reason: DelayReason; elapsedPercent: number; pointsBehind: number };

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Whether a project is delayed on `today` (a calendar date in Bangkok): its reported progress is
 * more than 15 points behind the elapsed share of its planned duration, or it has passed its planned
 * end unfinished. Only projects under way (approved, procuring, in progress) can be delayed; before
 * work starts their progress is 0 %, so a procurement that drags on falls behind too. The comparison
 * is exact (whole days times percent), never on a rounded share.
 */
export function assessDelay(
  project: { status: ProjectStatus; plannedStart: string; plannedEnd: string; progressPercent: number },
  today: string,
): DelayAssessment {
  const duration = Math.max(1, days(project.plannedStart, project.plannedEnd));
  const elapsed = Math.min(Math.max(days(project.plannedStart, today), 0), duration);
  const elapsedPercent = Math.floor((elapsed * 100) / duration);
  const pointsBehind = Math.floor((elapsed * 100 - project.progressPercent * duration) / duration);
  const behind = elapsed * 100 - project.progressPercent * duration > DELAY_THRESHOLD_POINTS * duration;
  if (!ACTIVE_STATUSES.includes(project.status)) return { delayed: false, elapsedPercent, pointsBehind };
  if (today > project.plannedEnd)
    return {
      delayed: true,
      reason: 'PAST_PLANNED_END',
      elapsedPercent: 100,
      pointsBehind: 100 - project.progressPercent,
    };
  if (behind) return { delayed: true, reason: 'BEHIND_SCHEDULE', elapsedPercent, pointsBehind };
  return { delayed: false, elapsedPercent, pointsBehind };
}
