import { CANCELLATION_REASONS, COORDINATION_STATUSES, FUNDING_SOURCES, PROJECT_STATUSES } from '@pcc/events';

/** The planning vocabulary: the event catalogue's lists are the one source, GraphQL enums mirror them. */
export { CANCELLATION_REASONS, COORDINATION_STATUSES, FUNDING_SOURCES, PROJECT_STATUSES };
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type CoordinationStatus = (typeof COORDINATION_STATUSES)[number];
export type DelayReason = 'BEHIND_SCHEDULE' | 'PAST_PLANNED_END';

/** Statuses in which a project is under way and can fall behind its schedule. */
export const ACTIVE_STATUSES: readonly ProjectStatus[] = ['APPROVED', 'PROCURING', 'IN_PROGRESS'];
/** Statuses that count in budget figures: approved and later, not cancelled. */
export const BUDGETED_STATUSES: readonly ProjectStatus[] = ['APPROVED', 'PROCURING', 'IN_PROGRESS', 'COMPLETED'];
