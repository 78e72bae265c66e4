import { In, type DataSource } from 'typeorm';
import { groupedLoader, isUuid, keyedLoader, type AnswerValidity } from '@pcc/subgraph-kit';
import type { CaseStatsRow, OrganizationFigures } from './organization-figures';
import { CaseEntity, OrganizationProjection } from './entities';
import { referralsOfCases, type ExternalReferralRow } from './referrals';

/** Per-request DataLoaders: N cases or N organizations cost one query per kind of data. */
export function createLoaders(dataSource: DataSource, figures: OrganizationFigures, answer?: AnswerValidity) {
  return {
    caseById: keyedLoader<string, CaseEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length ? dataSource.getRepository(CaseEntity).findBy({ id: In(valid) }) : Promise.resolve([]);
      },
      (c) => c.id,
    ),
    supportingByCase: groupedLoader<string, { caseId: string; organizationId: string }>(
      async (ids) =>
        (
          await dataSource.query<Array<{ case_id: string; organization_id: string }>>(
            'SELECT case_id, organization_id FROM case_supporting_organization WHERE case_id = ANY($1::uuid[]) ORDER BY joined_at, organization_id',
            [ids],
          )
        ).map((r) => ({
          caseId: r.case_id,
          organizationId: r.organization_id,
        })),
      (r) => r.caseId,
    ),
    timelineByCase: groupedLoader<
      string,
      {
        caseId: string;
        at: Date;
        action: string;
        fromStatus: string | null;
        toStatus: string | null;
        actorRole: string;
        actorOrganization: string | null;
        note: string | null;
      }
    >(
      async (ids) =>
        (
          await dataSource.query<
            Array<{
              case_id: string;
              at: Date;
              action: string;
              from_status: string | null;
              to_status: string | null;
              actor_role: string;
              actor_org: string | null;
              note: string | null;
            }>
          >(
            'SELECT case_id, at, action, from_status, to_status, actor_role, actor_org, note FROM case_timeline WHERE case_id = ANY($1::uuid[]) ORDER BY id',
            [ids],
          )
        ).map((r) => ({
          caseId: r.case_id,
          at: r.at,
          action: r.action,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          actorRole: r.actor_role,
          actorOrganization: r.actor_org,
          note: r.note,
        })),
      (r) => r.caseId,
    ),
    partiesByCase: groupedLoader<
      string,
      { caseId: string; id: string; name: string; role: string; contact: string | null }
    >(
      async (ids) =>
        (
          await dataSource.query<
            Array<{ case_id: string; id: string; name: string; role: string; contact: string | null }>
          >(
            'SELECT case_id, id, name, role, contact FROM case_party WHERE case_id = ANY($1::uuid[]) ORDER BY name, id',
            [ids],
          )
        ).map((r) => ({
          caseId: r.case_id,
          id: r.id,
          name: r.name,
          role: r.role,
          contact: r.contact,
        })),
      (r) => r.caseId,
    ),
    sessionsByCase: groupedLoader<
      string,
      { caseId: string; id: string; heldAt: Date; mediator: string; attendees: string[]; notes: string | null }
    >(
      async (ids) =>
        (
          await dataSource.query<
            Array<{
              case_id: string;
              id: string;
              held_at: Date;
              mediator: string;
              attendees: string[];
              notes: string | null;
            }>
          >(
            'SELECT case_id, id, held_at, mediator, attendees, notes FROM mediation_session WHERE case_id = ANY($1::uuid[]) ORDER BY held_at, id',
            [ids],
          )
        ).map((r) => ({
          caseId: r.case_id,
          id: r.id,
          heldAt: r.held_at,
          mediator: r.mediator,
          attendees: r.attendees,
          notes: r.notes,
        })),
      (r) => r.caseId,
    ),
    referralsByCase: groupedLoader<string, ExternalReferralRow>(
      (ids) => referralsOfCases(dataSource, ids),
      (r) => r.caseId,
    ),
    organizationIdByCode: keyedLoader<string, { code: string; id: string }>(
      (codes) =>
        dataSource
          .getRepository(OrganizationProjection)
          .find({ where: { code: In(codes) }, select: { id: true, code: true } }),
      (o) => o.code,
    ),
    /**
     * The statistics of N organizations (as lead) at once: the counters the database keeps per
     * organization plus the two clock-dependent counts, kept between changes (OrganizationFigures).
     */
    statsByOrganization: keyedLoader<string, CaseStatsRow>(
      async (ids) => [...(await figures.stats(ids.filter(isUuid), answer)).values()],
      (r) => r.organizationId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
