import { AGREEMENT_SUBJECTS_V1, Outbox, platformCatalogue, sourceOf } from '@pcc/events';
import type {
  AgreementEntity,
  FollowUpActionEntity,
  MeetingEntity,
  MemberEntity,
  OrganizationEntity,
} from '../store/entities';
import { service } from '../service';

/** This service's outbox: every event it writes is validated against the platform catalogue. */
export const outbox = new Outbox(platformCatalogue, sourceOf(service.name));

/**
 * Event payloads. An organization event carries the whole public snapshot, so other services'
 * projections can upsert from any single event. Member events carry ids, never a person's name or
 * contact data: analysts read these topics, and the working group holds private citizens (PDPA).
 */
export const organizationSnapshot = (o: OrganizationEntity) => ({
  id: o.id,
  code: o.code,
  nameTh: o.nameTh,
  nameEn: o.nameEn,
  type: o.type,
  district: o.district,
  active: o.active,
  establishedOn: o.establishedOn,
});

export const memberSnapshot = (m: MemberEntity) => ({
  id: m.id,
  organizationId: m.organizationId,
  title: m.title,
  groupRole: m.groupRole,
  category: m.category,
  termStart: m.termStart,
  termEnd: m.termEnd,
});

export const agreementSnapshot = (a: AgreementEntity, signatoryIds: string[]) => ({
  id: a.id,
  title: a.title,
  subject: (AGREEMENT_SUBJECTS_V1 as readonly string[]).includes(a.subject) ? a.subject : 'OTHER',
  fullSubject: a.subject,
  signedOn: a.signedOn,
  signatoryOrganizationIds: signatoryIds,
  targets: a.targets,
  validFrom: a.validFrom,
  validUntil: a.validUntil,
  obligationCount: a.obligations.length,
  meetingId: a.meetingId,
});

/** Who attended a meeting and how many resolutions it has, by id and count: the text stays here. */
export interface MeetingAttendance {
  organizationIds: string[];
  memberIds: string[];
  resolutionCount: number;
}

/** A meeting for analysts: no title, place, agenda text or names (free text about people and places). */
export const meetingSnapshot = (m: MeetingEntity, attendance: MeetingAttendance) => ({
  id: m.id,
  kind: m.kind,
  heldOn: m.heldOn,
  organizationIds: attendance.organizationIds,
  memberIds: attendance.memberIds,
  agendaItemCount: m.agenda.length,
  materialCount: m.materials.length,
  resolutionCount: attendance.resolutionCount,
});

/** A follow-up action without its description. */
export const actionSnapshot = (a: FollowUpActionEntity) => ({
  id: a.id,
  meetingId: a.meetingId,
  resolutionId: a.resolutionId,
  organizationId: a.organizationId,
  dueOn: a.dueOn,
  status: a.status,
});
