import { In, type DataSource, type EntityManager } from 'typeorm';
import { groupedLoader, isUuid, keyedLoader, type OrganizationLookup } from '@pcc/subgraph-kit';
import { AgreementEntity, MeetingEntity, MemberEntity, OrganizationEntity, ResolutionEntity } from './entities';

/**
 * Per-request DataLoaders: N references (e.g. `_entities` for 19 organizations, or the signatories
 * of every agreement on a page) cost one query each. Ids that are not uuids resolve to nothing
 * without reaching PostgreSQL.
 */
export function createLoaders(dataSource: DataSource) {
  return {
    organizationById: keyedLoader<string, OrganizationEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length
          ? dataSource.getRepository(OrganizationEntity).findBy({ id: In(valid) })
          : Promise.resolve([]);
      },
      (o) => o.id,
    ),
    signatoriesByAgreement: groupedLoader<string, OrganizationEntity & { agreementId: string }>(
      async (agreementIds) => {
        const rows: Array<{ agreement_id: string; id: string }> = await dataSource.query(
          'SELECT s.agreement_id, o.id FROM agreement_signatory s JOIN organization o ON o.id = s.organization_id WHERE s.agreement_id = ANY($1::uuid[]) ORDER BY o.code',
          [agreementIds],
        );
        const organizations = await dataSource
          .getRepository(OrganizationEntity)
          .findBy({ id: In([...new Set(rows.map((r) => r.id))]) });
        const byId = new Map(organizations.map((o) => [o.id, o]));
        return rows.map((r) =>
          Object.assign(Object.create(OrganizationEntity.prototype) as OrganizationEntity, byId.get(r.id), {
            agreementId: r.agreement_id,
          }),
        );
      },
      (row) => row.agreementId,
    ),
    agreementsByOrganization: groupedLoader<string, AgreementEntity & { organizationId: string }>(
      async (organizationIds) => {
        const rows: Array<{ organization_id: string; agreement_id: string }> = await dataSource.query(
          'SELECT organization_id, agreement_id FROM agreement_signatory WHERE organization_id = ANY($1::uuid[])',
          [organizationIds],
        );
        const agreements = await dataSource
          .getRepository(AgreementEntity)
          .findBy({ id: In([...new Set(rows.map((r) => r.agreement_id))]) });
        const byId = new Map(agreements.map((a) => [a.id, a]));
        return rows
          .filter((r) => byId.has(r.agreement_id))
          .map((r) =>
            Object.assign(Object.create(AgreementEntity.prototype) as AgreementEntity, byId.get(r.agreement_id), {
              organizationId: r.organization_id,
            }),
          )
          .sort((a, b) => b.signedOn.localeCompare(a.signedOn));
      },
      (row) => row.organizationId,
    ),
    meetingById: keyedLoader<string, MeetingEntity>(
      (ids) => dataSource.getRepository(MeetingEntity).findBy({ id: In(ids.filter(isUuid)) }),
      (m) => m.id,
    ),
    resolutionById: keyedLoader<string, ResolutionEntity>(
      (ids) => dataSource.getRepository(ResolutionEntity).findBy({ id: In(ids.filter(isUuid)) }),
      (r) => r.id,
    ),
    resolutionsByMeeting: groupedLoader<string, ResolutionEntity>(
      (meetingIds) =>
        dataSource
          .getRepository(ResolutionEntity)
          .find({ where: { meetingId: In([...meetingIds]) }, order: { number: 'ASC' } }),
      (r) => r.meetingId,
    ),
    organizationsByMeeting: groupedLoader<string, OrganizationEntity & { meetingId: string }>(
      async (meetingIds) => {
        const rows: Array<{ meeting_id: string; organization_id: string }> = await dataSource.query(
          'SELECT m.meeting_id, m.organization_id FROM meeting_organization m JOIN organization o ON o.id = m.organization_id WHERE m.meeting_id = ANY($1::uuid[]) ORDER BY o.code',
          [meetingIds],
        );
        const organizations = await dataSource
          .getRepository(OrganizationEntity)
          .findBy({ id: In([...new Set(rows.map((r) => r.organization_id))]) });
        const byId = new Map(organizations.map((o) => [o.id, o]));
        return rows.map((r) =>
          Object.assign(
            Object.create(OrganizationEntity.prototype) as OrganizationEntity,
            byId.get(r.organization_id),
            {
              meetingId: r.meeting_id,
            },
          ),
        );
      },
      (row) => row.meetingId,
    ),
    membersByMeeting: groupedLoader<string, MemberEntity & { meetingId: string }>(
      async (meetingIds) => {
        const rows: Array<{ meeting_id: string; member_id: string }> = await dataSource.query(
          'SELECT meeting_id, member_id FROM meeting_member WHERE meeting_id = ANY($1::uuid[])',
          [meetingIds],
        );
        const members = await dataSource
          .getRepository(MemberEntity)
          .find({ where: { id: In([...new Set(rows.map((r) => r.member_id))]) }, order: { fullName: 'ASC' } });
        return rows
          .filter((r) => members.some((m) => m.id === r.member_id))
          .map((r) =>
            Object.assign(
              Object.create(MemberEntity.prototype) as MemberEntity,
              members.find((m) => m.id === r.member_id),
              { meetingId: r.meeting_id },
            ),
          )
          .sort((a, b) => a.fullName.localeCompare(b.fullName));
      },
      (row) => row.meetingId,
    ),
    agreementsByMeeting: groupedLoader<string, AgreementEntity & { meetingId: string }>(
      async (meetingIds) =>
        (await dataSource
          .getRepository(AgreementEntity)
          .find({ where: { meetingId: In([...meetingIds]) }, order: { signedOn: 'ASC' } })) as Array<
          AgreementEntity & { meetingId: string }
        >,
      (row) => row.meetingId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The Viewer's lookup of an officer's organization: the registry itself. */
export const registryLookup =
  (manager: EntityManager): OrganizationLookup =>
  (code) =>
    manager.getRepository(OrganizationEntity).findOne({ where: { code }, select: { id: true, active: true } });
