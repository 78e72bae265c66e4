import type { CasePriority } from './vocabulary';

/** Hours to resolve a case by priority (configurable per deployment: SLA_HOURS_<PRIORITY>). */
export type SlaHours = Record<CasePriority, number>;
export const DEFAULT_SLA_HOURS: SlaHours = { URGENT: 24, HIGH: 72, NORMAL: 168, LOW: 336 };

export const dueAt = (openedAt: Date, priority: CasePriority, hours: SlaHours): Date =>
  new Date(openedAt.getTime() + hours[priority] * 3_600_000);
