import type { EntityManager } from 'typeorm';
import { badInput, conflict, invalidTransition, notFound, parseInput, eventActor } from '@pcc/subgraph-kit';
import { requireActiveOrganization } from '@pcc/organization-projection';
import * as rules from '../domain/inputs';
import { outbox } from '../events/project-events';
import { ApproachEntity, PlanEntity, StrategyEntity } from '../store/entities';
import type { RequestScope } from './scope';

/**
 * Development plans: an organization drafts its plan for 1–5 fiscal years (strategies and the
 * development approaches under them) and publishes it; projects are proposed under a published
 * plan's strategies. Plans of one organization never overlap.
 * Talks to: this service's database (plans, projection, outbox).
 */
export class PlanManager {
  constructor(private readonly scope: RequestScope) {}

  create(raw: unknown): Promise<PlanEntity> {
    const input = parseInput(rules.planInput, raw);
    return this.scope.dataSource.transaction(async (tx) => {
      await requireActiveOrganization(tx, input.organizationId, 'input.organizationId');
      await this.scope.viewer.assert('plan:write', input.organizationId);
      // Serialise plan writers of one organization: the overlap check depends on it.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan|${input.organizationId}`]);
      const [overlap] = await tx.query<Array<{ first_fiscal_year: number; last_fiscal_year: number }>>(
        'SELECT first_fiscal_year, last_fiscal_year FROM development_plan WHERE organization_id = $1 AND first_fiscal_year <= $3 AND last_fiscal_year >= $2 LIMIT 1',
        [input.organizationId, input.firstFiscalYear, input.lastFiscalYear],
      );
      if (overlap)
        throw conflict(
          `The organization already has a plan for ${overlap.first_fiscal_year}–${overlap.last_fiscal_year}`,
        );
      const plan = await tx.getRepository(PlanEntity).save(
        tx.getRepository(PlanEntity).create({
          organizationId: input.organizationId,
          title: input.title,
          firstFiscalYear: input.firstFiscalYear,
          lastFiscalYear: input.lastFiscalYear,
          status: 'DRAFT',
          publishedAt: null,
          createdAt: new Date(),
        }),
      );
      for (const [i, s] of input.strategies.entries()) {
        const strategy = await tx
          .getRepository(StrategyEntity)
          .save(
            tx.getRepository(StrategyEntity).create({ planId: plan.id, code: s.code, title: s.title, position: i }),
          );
        for (const [j, a] of (s.approaches ?? []).entries()) {
          await tx
            .getRepository(ApproachEntity)
            .save(
              tx
                .getRepository(ApproachEntity)
                .create({ strategyId: strategy.id, code: a.code, title: a.title, position: j }),
            );
        }
      }
      return plan;
    });
  }

  publish(rawId: unknown): Promise<PlanEntity> {
    const id = parseInput(rules.id, rawId, 'id');
    return this.scope.dataSource.transaction(async (tx) => {
      const plan = await tx.getRepository(PlanEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw notFound('Development plan', id);
      await this.scope.viewer.assert('plan:publish', plan.organizationId);
      if (plan.status !== 'DRAFT') throw invalidTransition(`The plan is already ${plan.status}`);
      plan.status = 'PUBLISHED';
      plan.publishedAt = new Date();
      await tx.getRepository(PlanEntity).save(plan);
      await outbox.append(tx, {
        type: 'pcc.plan.published',
        subject: plan.id,
        data: { plan: await planSnapshot(tx, plan), actor: eventActor(this.scope.identity) },
        traceparent: this.scope.traceparent,
      });
      return plan;
    });
  }
}

async function planSnapshot(tx: EntityManager, plan: PlanEntity) {
  const strategies = await tx
    .getRepository(StrategyEntity)
    .find({ where: { planId: plan.id }, order: { position: 'ASC' } });
  const approaches = strategies.length
    ? await tx
        .getRepository(ApproachEntity)
        .find({ where: strategies.map((s) => ({ strategyId: s.id })), order: { position: 'ASC' } })
    : [];
  return {
    id: plan.id,
    organizationId: plan.organizationId,
    title: plan.title,
    firstFiscalYear: plan.firstFiscalYear,
    lastFiscalYear: plan.lastFiscalYear,
    strategies: strategies.map((s) => ({
      id: s.id,
      code: s.code,
      title: s.title,
      approaches: approaches
        .filter((a) => a.strategyId === s.id)
        .map((a) => ({ id: a.id, code: a.code, title: a.title })),
    })),
  };
}

/**
 * The strategy (and approach) a project may sit under: a strategy of the owner's published plan that
 * covers the fiscal year, and an approach of that strategy. Anything else is BAD_USER_INPUT.
 */
export async function requirePlannedStrategy(
  tx: EntityManager,
  ownerOrganizationId: string,
  fiscalYear: number,
  strategyId: string,
  approachId: string | null,
): Promise<{ planId: string }> {
  const [row] = await tx.query<Array<{ plan_id: string }>>(
    `SELECT p.id AS plan_id FROM strategy s JOIN development_plan p ON p.id = s.plan_id
     WHERE s.id = $1 AND p.organization_id = $2 AND p.status = 'PUBLISHED' AND $3 BETWEEN p.first_fiscal_year AND p.last_fiscal_year`,
    [strategyId, ownerOrganizationId, fiscalYear],
  );
  if (!row)
    throw badInput(`Strategy ${strategyId} is not in the owner's published development plan for FY${fiscalYear}`, {
      'input.strategyId': 'unknown strategy',
    });
  if (approachId !== null) {
    const [approach] = await tx.query<unknown[]>(
      'SELECT 1 FROM development_approach WHERE id = $1 AND strategy_id = $2',
      [approachId, strategyId],
    );
    if (!approach)
      throw badInput(`Approach ${approachId} is not under strategy ${strategyId}`, {
        'input.approachId': 'unknown approach',
      });
  }
  return { planId: row.plan_id };
}
