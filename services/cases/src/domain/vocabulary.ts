/** The case vocabularies, defined once with the event schemas in @pcc/events. */
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  DISTRICTS,
  MEDIATION_OUTCOMES,
} from '@pcc/events';

export { CASE_CATEGORIES, CASE_CHANNELS, CASE_KINDS, CASE_PRIORITIES, CASE_STATUSES, DISTRICTS, MEDIATION_OUTCOMES };
export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];
export type District = (typeof DISTRICTS)[number];

/** A case still being worked: counts as open, can breach its SLA, can be a duplicate's original. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'RECEIVED',
  'TRIAGED',
  'ASSIGNED',
  'IN_PROGRESS',
  'IN_MEDIATION',
  'REOPENED',
];
export const isOpen = (status: CaseStatus): boolean => OPEN_STATUSES.includes(status);
