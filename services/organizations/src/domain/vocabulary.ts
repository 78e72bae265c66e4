/**
 * The registry's closed vocabularies. They are defined once, with the event schemas in
 * @pcc/events (other services read them from events), and re-exported here for this service.
 */
import {
  AGREEMENT_SUBJECTS,
  DISTRICTS,
  FOLLOW_UP_ACTION_STATUSES,
  MEETING_KINDS,
  MEMBER_CATEGORIES,
  ORGANIZATION_TYPES,
} from '@pcc/events';

export {
  AGREEMENT_SUBJECTS,
  DISTRICTS,
  FOLLOW_UP_ACTION_STATUSES,
  MEETING_KINDS,
  MEMBER_CATEGORIES,
  ORGANIZATION_TYPES,
};
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];
export type District = (typeof DISTRICTS)[number];
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export type AgreementSubject = (typeof AGREEMENT_SUBJECTS)[number];
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type FollowUpActionStatus = (typeof FOLLOW_UP_ACTION_STATUSES)[number];
