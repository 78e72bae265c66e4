import type { DataSource, EntityManager } from 'typeorm';
import { bangkokDate } from '@pcc/fiscal-year';
import { AppError, badInput, eventActor, isUuid, keyedLoader, parseInput } from '@pcc/subgraph-kit';
import {
  accumulatedFundsRefusal,
  ledgerOf,
  type AccumulatedFundsPurpose,
  type AccumulatedFundsRules,
  type Ledger,
} from '../domain/accumulated-funds';
import * as rules from '../domain/inputs';
import { fromSatang, toSatang } from '../domain/money';
import { emitProjectEvents, outbox } from '../events/project-events';
import { AccumulatedFundsReportEntity, ProjectEntity } from '../store/entities';
import { accumulatedFundsRulesOf, todayOf, type RequestScope } from './scope';

export type AccumulatedFundsLedgerView = Ledger & { organizationId: string; reportedOn: string };

/**
 * The ledgers of some organizations, in one statement: each one's latest report, what its
 * accumulated-funds projects still commit against that balance, and what they disbursed in all. Money
 * disbursed by the report's date (progress reports dated on or before it) is already out of the
 * reported balance. A cancelled project commits what it had disbursed; a lapsed approval is cancelled,
 * so it commits nothing more. `lock`: the report rows are locked until the transaction ends, so two
 * approvals of one organization are judged one after the other — locked by a statement of their own
 * first: a statement that waited for a row lock sees that row anew but the rest (what the other
 * approval committed) as it was when it began, so the sums must be read by a statement begun after.
 */
export async function ledgersFor(
  manager: EntityManager,
  organizationIds: readonly string[],
  rules: AccumulatedFundsRules,
  lock = false,
): Promise<Map<string, AccumulatedFundsLedgerView>> {
  const ids = organizationIds.filter(isUuid);
  if (lock)
    await manager.query('SELECT 1 FROM accumulated_funds_report WHERE organization_id = ANY($1::uuid[]) FOR UPDATE', [
      ids,
    ]);
  const rows = await manager.query<
    Array<{
      organization_id: string;
      reported_on: string;
      balance: string;
      monthly_personnel_cost: string;
      annual_budget: string;
      committed: string;
      disbursed: string;
    }>
  >(
    `SELECT r.organization_id, r.reported_on::text, r.balance::text, r.monthly_personnel_cost::text,
            r.annual_budget::text, round(coalesce(s.committed, 0), 2)::text AS committed,
            round(coalesce(s.disbursed, 0), 2)::text AS disbursed
     FROM accumulated_funds_report r
     LEFT JOIN LATERAL (
       SELECT sum(CASE WHEN p.status = 'CANCELLED' THEN p.disbursed ELSE p.approved_budget END
                  - coalesce((SELECT sum(g.amount_disbursed) FROM progress_report g
                              WHERE g.project_id = p.id AND g.reported_on <= r.reported_on), 0)) AS committed,
              sum(p.disbursed) AS disbursed
       FROM project p
       WHERE p.owner_organization_id = r.organization_id AND p.funding_source = 'ACCUMULATED_FUNDS'
         AND p.approved_at IS NOT NULL) s ON true
     WHERE r.organization_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.organization_id,
      {
        organizationId: r.organization_id,
        reportedOn: r.reported_on,
        ...ledgerOf(
          { balance: r.balance, monthlyPersonnelCost: r.monthly_personnel_cost, annualBudget: r.annual_budget },
          { committed: r.committed, disbursed: r.disbursed },
          rules,
        ),
      },
    ]),
  );
}

const ledgerFor = async (
  manager: EntityManager,
  organizationId: string,
  rules: AccumulatedFundsRules,
  lock = false,
): Promise<AccumulatedFundsLedgerView | null> =>
  (await ledgersFor(manager, [organizationId], rules, lock)).get(organizationId) ?? null;

/** Refuses (BAD_USER_INPUT naming the rule in `extensions.rule`) accumulated-funds spending the rules forbid. */
export async function assertAccumulatedFundsAllowed(
  tx: EntityManager,
  scope: RequestScope,
  organizationId: string,
  amount: string,
  purpose: AccumulatedFundsPurpose | null,
): Promise<void> {
  const rules = accumulatedFundsRulesOf(scope);
  const ledger = await ledgerFor(tx, organizationId, rules, true);
  const refusal = accumulatedFundsRefusal(amount, purpose, ledger, rules);
  if (refusal)
    throw new AppError('BAD_USER_INPUT', `Cannot approve the project: ${refusal.message}`, {
      rule: refusal.rule,
      fields: { [refusal.field]: refusal.message },
    });
}

/**
 * Accumulated funds per organization: officers report their own organization's balance and the
 * figures of its reserves (network admins any); every role reads the ledger (public finance).
 * Talks to: this service's database (accumulated_funds_report, project, outbox).
 */
export class AccumulatedFundsLedger {
  /** Batched: the ledgers of every organization in one answer in one statement. */
  private readonly byOrganization = keyedLoader<string, AccumulatedFundsLedgerView>(
    async (ids) => [
      ...(await ledgersFor(this.scope.dataSource.manager, ids, accumulatedFundsRulesOf(this.scope))).values(),
    ],
    (ledger) => ledger.organizationId,
  );

  constructor(private readonly scope: RequestScope) {}

  of(organizationId: string): Promise<AccumulatedFundsLedgerView | null> {
    return this.byOrganization.load(organizationId);
  }

  async report(raw: unknown): Promise<AccumulatedFundsLedgerView> {
    const input = parseInput(rules.accumulatedFundsReport, raw);
    await this.scope.viewer.assert('accumulatedFunds:report', input.organizationId);
    if (input.reportedOn > todayOf(this.scope))
      throw badInput('A report cannot be dated in the future', { 'input.reportedOn': 'must not be in the future' });
    return this.scope.dataSource.transaction(async (tx) => {
      const amounts = {
        balance: fromSatang(toSatang(input.balance)),
        monthlyPersonnelCost: fromSatang(toSatang(input.monthlyPersonnelCost)),
        annualBudget: fromSatang(toSatang(input.annualBudget)),
      };
      await tx.getRepository(AccumulatedFundsReportEntity).save({
        organizationId: input.organizationId,
        reportedOn: input.reportedOn,
        ...amounts,
        reportedBy: this.scope.identity.sub,
        updatedAt: new Date(),
      });
      await outbox.append(tx, {
        type: 'pcc.accumulated-funds.reported',
        subject: input.organizationId,
        data: {
          organizationId: input.organizationId,
          reportedOn: input.reportedOn,
          ...amounts,
          actor: eventActor(this.scope.identity),
        },
        traceparent: this.scope.traceparent,
      });
      return (await ledgerFor(tx, input.organizationId, accumulatedFundsRulesOf(this.scope)))!;
    });
  }
}

/**
 * The lapse watch: an accumulated-funds approval whose contract was not signed by its deadline lapses
 * (the regulation's rule). The project is cancelled — a new council approval would be a new proposal
 * — with `accumulated-funds-lapsed`, its status change, and a submitted coordination withdrawn. Rows
 * are claimed with SKIP LOCKED, so several instances may run it; each project lapses once. Returns
 * how many lapsed.
 */
export async function reportLapses(dataSource: DataSource, today = bangkokDate(), batch = 200): Promise<number> {
  let lapsed = 0;
  for (;;) {
    const count = await dataSource.transaction(async (tx) => {
      const rows = await tx
        .getRepository(ProjectEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(
          `p.funding_source = 'ACCUMULATED_FUNDS' AND p.status IN ('APPROVED', 'PROCURING') AND p.contract_signed_on IS NULL
           AND p.funds_lapsed_on IS NULL AND p.contract_deadline < :today`,
          { today },
        )
        .orderBy('p.id')
        .limit(batch)
        .getMany();
      for (const project of rows) {
        const from = project.status;
        const withdrawn = project.coordinationStatus === 'SUBMITTED';
        project.status = 'CANCELLED';
        project.fundsLapsedOn = today;
        project.cancellationReason = `The council approval to spend accumulated funds lapsed: no contract by ${project.contractDeadline}`;
        project.cancellationReasonCode = 'APPROVAL_LAPSED';
        if (withdrawn) {
          project.coordinationStatus = 'WITHDRAWN';
          project.coordinationDecidedAt = new Date();
        }
        project.updatedAt = new Date();
        await tx.getRepository(ProjectEntity).save(project);
        const saved = await tx.getRepository(ProjectEntity).findOneByOrFail({ id: project.id });
        await emitProjectEvents(tx, saved, 'SYSTEM', undefined, [
          { type: 'accumulated-funds-lapsed', extra: { contractDeadline: project.contractDeadline, asOf: today } },
          ...(withdrawn ? [{ type: 'coordination-withdrawn' }] : []),
          { type: 'status-changed', extra: { from, to: 'CANCELLED' } },
        ]);
      }
      return rows.length;
    });
    lapsed += count;
    if (count < batch) return lapsed;
  }
}
