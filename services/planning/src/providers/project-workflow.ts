import type { EntityManager } from 'typeorm';
import { AppError, badInput, conflict, forbidden, invalidTransition, notFound, parseInput } from '@pcc/subgraph-kit';
import { commitmentDeadline } from '../domain/accumulated-funds';
import { approvalProblems, completionProblems, progressProblems, type Problems } from '../domain/budget-rules';
import * as rules from '../domain/inputs';
import { fromSatang, toSatang } from '../domain/money';
import { checkAction, type Action } from '../domain/state-machine';
import { emitProjectEvents, type ProjectEvent } from '../events/project-events';
import { CaseProjection, ProgressReportEntity, ProjectEntity } from '../store/entities';
import { assertAccumulatedFundsAllowed } from './accumulated-funds';
import { reassessDelay } from './delays';
import { projectActor } from './project-access';
import { accumulatedFundsRulesOf, todayOf, type RequestScope } from './scope';

/** One BAD_USER_INPUT naming every problem, with fields under `prefix`. */
export function rejectProblems(problems: Problems, what: string, prefix = 'input'): void {
  const entries = Object.entries(problems);
  if (entries.length)
    throw badInput(
      `${what}: ${entries.map(([f, m]) => `${f} ${m}`).join('; ')}`,
      Object.fromEntries(entries.map(([f, m]) => [`${prefix}.${f}`, m])),
    );
}

/**
 * Everything that happens to a project after its proposal: the status machine, progress reports,
 * coordination with the PAO and links to cases. Each change is one transaction: the project row
 * locked, the caller and the move checked against the table, the change, the delay re-judged, the
 * events appended to the outbox.
 * Talks to: this service's database (projects, progress, case projection, outbox).
 */
export class ProjectWorkflow {
  constructor(private readonly scope: RequestScope) {}

  /** Locks the project, checks `action` for the caller, runs `change`, re-judges the delay, emits. */
  async act(
    rawId: unknown,
    action: Action,
    change: (tx: EntityManager, project: ProjectEntity) => Promise<ProjectEvent[]>,
  ): Promise<ProjectEntity> {
    const id = parseInput(rules.id, rawId, 'id');
    return this.scope.dataSource.transaction(async (tx) => {
      const project = await tx
        .getRepository(ProjectEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw notFound('Project', id);
      const actor = await projectActor(this.scope.viewer, project.ownerOrganizationId);
      const check = checkAction(action, project.status, project.coordinationStatus, actor);
      if (!check.ok)
        throw check.reason === 'FORBIDDEN'
          ? forbidden(check.message)
          : invalidTransition(check.message, { status: project.status, coordination: project.coordinationStatus });
      const from = project.status;
      const events = await change(tx, project);
      if (check.to) project.status = check.to;
      if (check.coordinationTo) project.coordinationStatus = check.coordinationTo;
      project.updatedAt = new Date();
      await tx.getRepository(ProjectEntity).save(project);
      // Numeric columns come back with PostgreSQL's scale: re-read before the snapshot.
      const saved = await tx.getRepository(ProjectEntity).findOneByOrFail({ id });
      if (check.to && check.to !== from) events.push({ type: 'status-changed', extra: { from, to: check.to } });
      // Judge the delay first: every event then carries the project as it now is, `delayed` last.
      const delayed = await reassessDelay(tx, saved, todayOf(this.scope));
      await emitProjectEvents(
        tx,
        saved,
        this.scope.identity,
        this.scope.traceparent,
        delayed ? [...events, delayed] : events,
      );
      return saved;
    });
  }

  approve(id: unknown, raw: unknown): Promise<ProjectEntity> {
    const input = parseInput(rules.approval, raw);
    return this.act(id, 'approve', async (tx, project) => {
      const resolution = input.councilResolution ?? null;
      rejectProblems(
        approvalProblems(project.fundingSource, input.approvedBudget, resolution, todayOf(this.scope)),
        'Cannot approve the project',
      );
      if (project.fundingSource === 'ACCUMULATED_FUNDS') {
        const purpose = input.accumulatedFundsPurpose ?? null;
        await assertAccumulatedFundsAllowed(tx, this.scope, project.ownerOrganizationId, input.approvedBudget, purpose);
        project.accumulatedFundsPurpose = purpose;
        project.contractDeadline = commitmentDeadline(resolution!.date, accumulatedFundsRulesOf(this.scope));
      }
      project.approvedBudget = fromSatang(toSatang(input.approvedBudget));
      project.councilResolutionRef = resolution?.reference ?? null;
      project.councilResolutionDate = resolution?.date ?? null;
      project.approvedAt = new Date();
      return [{ type: 'approved', extra: { councilResolution: resolution } }];
    });
  }

  /** The contract is signed: an accumulated-funds approval no longer lapses (it must come by its deadline). */
  recordContract(id: unknown, raw: unknown): Promise<ProjectEntity> {
    const input = parseInput(rules.contract, raw);
    return this.act(id, 'recordContract', async (_tx, project) => {
      if (project.contractSignedOn) throw conflict(`The contract was already recorded (${project.contractSignedOn})`);
      const problems: Record<string, string> = {};
      if (input.signedOn > todayOf(this.scope)) problems.signedOn = 'must not be in the future';
      const approvedOn = project.councilResolutionDate;
      if (approvedOn && input.signedOn < approvedOn)
        problems.signedOn = `must not be before the council's approval (${approvedOn})`;
      rejectProblems(problems, 'Cannot record the contract');
      if (project.contractDeadline && input.signedOn > project.contractDeadline)
        throw new AppError(
          'BAD_USER_INPUT',
          `Cannot record the contract: the approval to spend accumulated funds lapsed after ${project.contractDeadline}`,
          { rule: 'ACCUMULATED_FUNDS_LAPSED', fields: { 'input.signedOn': `must be by ${project.contractDeadline}` } },
        );
      project.contractSignedOn = input.signedOn;
      return [{ type: 'contract-signed', extra: { contractSignedOn: input.signedOn } }];
    });
  }

  startProcurement(id: unknown): Promise<ProjectEntity> {
    return this.act(id, 'startProcurement', async () => []);
  }

  startImplementation(id: unknown): Promise<ProjectEntity> {
    return this.act(id, 'startImplementation', async () => []);
  }

  complete(id: unknown): Promise<ProjectEntity> {
    return this.act(id, 'complete', async (_tx, project) => {
      const problem = completionProblems(project.progressPercent).progressPercent;
      if (problem)
        throw invalidTransition(`Cannot complete the project: progress ${problem}`, {
          progressPercent: project.progressPercent,
        });
      return [{ type: 'completed' }];
    });
  }

  /** The stated reason stays here; the event carries only its code (PDPA: officials' words may name a person). */
  cancel(id: unknown, rawReason: unknown, rawReasonCode: unknown): Promise<ProjectEntity> {
    const reason = parseInput(rules.note, rawReason, 'reason');
    const reasonCode = parseInput(rules.cancellationReason, rawReasonCode ?? 'OTHER', 'reasonCode');
    return this.act(id, 'cancel', async (_tx, project) => {
      project.cancellationReason = reason;
      project.cancellationReasonCode = reasonCode;
      const events: ProjectEvent[] = [{ type: 'cancelled.v2', extra: { reasonCode } }];
      // A submitted coordination would otherwise wait forever for a decision on a project that is gone.
      if (project.coordinationStatus === 'SUBMITTED') {
        project.coordinationStatus = 'WITHDRAWN';
        project.coordinationDecidedAt = new Date();
        events.push({ type: 'coordination-withdrawn' });
      }
      return events;
    });
  }

  reportProgress(id: unknown, raw: unknown): Promise<ProjectEntity> {
    const input = parseInput(rules.progress, raw);
    return this.act(id, 'reportProgress', async (tx, project) => {
      const [latest] = await tx.query<Array<{ on: string | null }>>(
        'SELECT max(reported_on)::text AS on FROM progress_report WHERE project_id = $1',
        [project.id],
      );
      rejectProblems(
        progressProblems(
          input,
          { approvedBudget: project.approvedBudget!, disbursed: project.disbursed, lastReportedOn: latest?.on ?? null },
          todayOf(this.scope),
        ),
        'Invalid progress report',
      );
      const report = await tx.getRepository(ProgressReportEntity).save(
        tx.getRepository(ProgressReportEntity).create({
          projectId: project.id,
          reportedOn: input.reportedOn,
          percent: input.percent,
          amountDisbursed: fromSatang(toSatang(input.amountDisbursed)),
          note: input.note ?? null,
          reportedBy: this.scope.identity.sub,
          reportedAt: new Date(),
        }),
      );
      project.progressPercent = input.percent;
      project.disbursed = fromSatang(toSatang(project.disbursed) + toSatang(input.amountDisbursed));
      return [
        {
          type: 'progress-reported',
          extra: {
            report: {
              id: report.id,
              reportedOn: input.reportedOn,
              percent: input.percent,
              amountDisbursed: report.amountDisbursed,
            },
          },
        },
      ];
    });
  }

  coordinate(
    id: unknown,
    action: 'submitForCoordination' | 'acceptCoordination' | 'declineCoordination',
    rawNote: unknown,
  ): Promise<ProjectEntity> {
    const note =
      action === 'declineCoordination'
        ? parseInput(rules.note, rawNote, 'note')
        : (parseInput(rules.optionalNote, rawNote, 'note') ?? null);
    const type = {
      submitForCoordination: 'coordination-submitted.v2',
      acceptCoordination: 'coordination-accepted.v2',
      declineCoordination: 'coordination-declined.v2',
    }[action];
    return this.act(id, action, async (_tx, project) => {
      const now = new Date();
      project.coordinationNote = note;
      if (action === 'submitForCoordination')
        [project.coordinationSubmittedAt, project.coordinationDecidedAt] = [now, null];
      else project.coordinationDecidedAt = now;
      // The note stays in this service's database: only whether there is one travels (PDPA).
      return [{ type, extra: { hasNote: note !== null } }];
    });
  }

  /**
   * Links a case this service learnt from the cases' events, handled by the project's owner or one of
   * its partners. Linking twice is a no-op (no second event).
   */
  linkCase(id: unknown, rawCaseId: unknown): Promise<ProjectEntity> {
    const caseId = parseInput(rules.id, rawCaseId, 'caseId');
    return this.act(id, 'linkCase', async (tx, project) => {
      const known = await tx.getRepository(CaseProjection).findOneBy({ id: caseId });
      if (!known) throw badInput(`Case ${caseId} is not known to planning`, { caseId: 'unknown case' });
      const partners: Array<{ organization_id: string }> = await tx.query(
        'SELECT organization_id FROM project_partner WHERE project_id = $1',
        [project.id],
      );
      const organizations = [project.ownerOrganizationId, ...partners.map((p) => p.organization_id)];
      if (!known.organizationIds.some((o) => organizations.includes(o))) {
        throw badInput(`Case ${known.trackingCode} is not handled by the project's organizations`, {
          caseId: 'case of another organization',
        });
      }
      const inserted: unknown[] = await tx.query(
        'INSERT INTO project_case (project_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING case_id',
        [project.id, caseId],
      );
      return inserted.length ? [{ type: 'case-linked', extra: { caseId } }] : [];
    });
  }
}
