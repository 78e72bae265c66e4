import type { EntityManager } from 'typeorm';
import { fiscalYearRange } from '@pcc/fiscal-year';
import { requireActiveOrganization } from '@pcc/organization-projection';
import { badInput, parseInput } from '@pcc/subgraph-kit';
import { costSharesOf, proposalProblems } from '../domain/budget-rules';
import * as rules from '../domain/inputs';
import { fromSatang, toSatang } from '../domain/money';
import { emitProjectEvents } from '../events/project-events';
import { ProjectEntity } from '../store/entities';
import { requirePlannedStrategy } from './plans';
import { ProjectWorkflow, rejectProblems } from './project-workflow';
import type { RequestScope } from './scope';

/**
 * Proposals: an organization's officer (or a network admin) proposes a project under a strategy of
 * the organization's published plan, and may edit it until it is approved.
 * Talks to: this service's database (projects, partners, plans, projection, outbox).
 */
export class ProjectProposals {
  constructor(private readonly scope: RequestScope) {}

  propose(raw: unknown): Promise<ProjectEntity> {
    const input = parseInput(rules.proposal, raw);
    const partners = [...new Set(input.partnerOrganizationIds ?? [])];
    return this.scope.dataSource.transaction(async (tx) => {
      const owner = await requireActiveOrganization(tx, input.ownerOrganizationId, 'input.ownerOrganizationId');
      await this.scope.viewer.assert('project:propose', owner.id);
      await requirePartners(tx, owner.id, partners);
      const { planId } = await requirePlannedStrategy(
        tx,
        owner.id,
        input.fiscalYear,
        input.strategyId,
        input.approachId ?? null,
      );
      const costShares = costSharesOf(input.costShares ?? [], partners);
      rejectProblems(
        {
          ...proposalProblems({ ...input, partnerCount: partners.length }, fiscalYearRange(input.fiscalYear)),
          ...costShares.problems,
        },
        'Invalid project',
      );
      const [{ last }] = await tx.query<[{ last: number }]>(
        `INSERT INTO project_counter (organization_id, fiscal_year, last) VALUES ($1, $2, 1)
         ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET last = project_counter.last + 1 RETURNING last`,
        [owner.id, input.fiscalYear],
      );
      const now = new Date();
      const project = await tx.getRepository(ProjectEntity).save(
        tx.getRepository(ProjectEntity).create({
          code: `${owner.code}-${input.fiscalYear}-${String(last).padStart(3, '0')}`,
          title: input.title,
          objective: input.objective,
          target: input.target,
          kpi: input.kpi,
          expectedResult: input.expectedResult,
          ownerOrganizationId: owner.id,
          fiscalYear: input.fiscalYear,
          planId,
          strategyId: input.strategyId,
          approachId: input.approachId ?? null,
          costShares: costShares.shares,
          fundingSource: input.fundingSource,
          budget: fromSatang(toSatang(input.budget)),
          approvedBudget: null,
          disbursed: '0.00',
          councilResolutionRef: null,
          councilResolutionDate: null,
          plannedStart: input.plannedStart,
          plannedEnd: input.plannedEnd,
          status: 'PROPOSED',
          cancellationReason: null,
          cancellationReasonCode: null,
          progressPercent: 0,
          delayed: false,
          delayReason: null,
          delayReportedStatus: null,
          coordinationStatus: 'NOT_SUBMITTED',
          coordinationNote: null,
          coordinationSubmittedAt: null,
          coordinationDecidedAt: null,
          approvedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await setPartners(tx, project.id, partners);
      const saved = await tx.getRepository(ProjectEntity).findOneByOrFail({ id: project.id });
      await emitProjectEvents(tx, saved, this.scope.identity, this.scope.traceparent, [{ type: 'proposed' }]);
      return saved;
    });
  }

  /** Edits a proposal: only the fields given change; every rule is checked on the result. */
  update(id: unknown, raw: unknown): Promise<ProjectEntity> {
    const input = parseInput(rules.edit, raw);
    return new ProjectWorkflow(this.scope).act(id, 'edit', async (tx, project) => {
      const current: Array<{ organization_id: string }> = await tx.query(
        'SELECT organization_id FROM project_partner WHERE project_id = $1',
        [project.id],
      );
      const partners = input.partnerOrganizationIds
        ? [...new Set(input.partnerOrganizationIds)]
        : current.map((p) => p.organization_id);
      if (input.partnerOrganizationIds) await requirePartners(tx, project.ownerOrganizationId, partners);
      const strategyId = input.strategyId ?? project.strategyId;
      const approachId =
        input.approachId !== undefined
          ? input.approachId
          : strategyId !== project.strategyId
            ? null
            : project.approachId;
      const { planId } = await requirePlannedStrategy(
        tx,
        project.ownerOrganizationId,
        project.fiscalYear,
        strategyId,
        approachId,
      );
      const { costShares: requestedShares, ...changes } = input;
      // Shares stay as they were unless given; a partner removed takes its share with it.
      const costShares = costSharesOf(
        requestedShares ??
          Object.entries(project.costShares)
            .filter(([organizationId]) => partners.includes(organizationId))
            .map(([organizationId, points]) => ({ organizationId, percent: fromSatang(BigInt(points)) })),
        partners,
      );
      const next = {
        ...project,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        strategyId,
        approachId,
        planId,
        costShares: costShares.shares,
      };
      rejectProblems(
        {
          ...proposalProblems({ ...next, partnerCount: partners.length }, fiscalYearRange(project.fiscalYear)),
          ...costShares.problems,
        },
        'Invalid project',
      );
      Object.assign(project, { ...next, budget: fromSatang(toSatang(next.budget)) });
      await setPartners(tx, project.id, partners);
      // What the PAO saw is no longer what is proposed: coordination starts over.
      if (project.coordinationStatus !== 'NOT_SUBMITTED')
        Object.assign(project, {
          coordinationStatus: 'NOT_SUBMITTED',
          coordinationNote: null,
          coordinationSubmittedAt: null,
          coordinationDecidedAt: null,
        });
      return [{ type: 'updated' }];
    });
  }
}

/** Partners: active members of the network, other than the owner. */
async function requirePartners(tx: EntityManager, ownerId: string, partners: string[]): Promise<void> {
  if (partners.includes(ownerId))
    throw badInput('The owner cannot also be a partner', { 'input.partnerOrganizationIds': 'contains the owner' });
  for (const id of partners) await requireActiveOrganization(tx, id, 'input.partnerOrganizationIds');
}

async function setPartners(tx: EntityManager, projectId: string, partners: string[]): Promise<void> {
  await tx.query('DELETE FROM project_partner WHERE project_id = $1', [projectId]);
  if (partners.length)
    await tx.query('INSERT INTO project_partner (project_id, organization_id) SELECT $1, unnest($2::uuid[])', [
      projectId,
      partners,
    ]);
}
