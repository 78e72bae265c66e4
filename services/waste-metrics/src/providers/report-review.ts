import { invalidTransition, notFound, parseInput, type RequestScope } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { emitWasteEvent } from '../events/waste-events';
import { WasteReportEntity } from '../store/entities';

/**
 * The PAO's review of a report: a network admin verifies the latest revision of a month, or returns
 * it to its organization with a reason, which the organization answers with a correction (a new
 * revision, to be reviewed again). The reason is free text that may name a person: it stays here,
 * shown to staff only, and the event says only which revision was returned.
 * Talks to: this service's database (reports, outbox).
 */
export class ReportReview {
  constructor(private readonly scope: RequestScope) {}

  verify(rawId: unknown): Promise<WasteReportEntity> {
    return this.review(rawId, 'VERIFIED', null);
  }

  returnToOrganization(rawId: unknown, rawReason: unknown): Promise<WasteReportEntity> {
    return this.review(rawId, 'RETURNED', parseInput(rules.returnReason, rawReason, 'reason'));
  }

  private async review(rawId: unknown, to: 'VERIFIED' | 'RETURNED', reason: string | null) {
    await this.scope.viewer.assert('waste:review');
    const id = parseInput(rules.id, rawId, 'id');
    return this.scope.dataSource.transaction(async (tx) => {
      const reports = tx.getRepository(WasteReportEntity);
      const report = await reports.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw notFound('Waste report', id);
      if (!report.latest || report.reviewStatus !== 'SUBMITTED')
        throw invalidTransition(
          report.latest
            ? `This revision is already ${report.reviewStatus.toLowerCase()}`
            : `Revision ${report.revision} was replaced by a correction; review the latest`,
          { reviewStatus: report.reviewStatus, latest: report.latest },
        );
      Object.assign(report, {
        reviewStatus: to,
        reviewedAt: new Date(),
        reviewedBy: this.scope.identity.sub,
        returnReason: reason,
      });
      await reports.save(report);
      await emitWasteEvent(
        tx,
        to === 'VERIFIED' ? 'report-verified' : 'report-returned',
        report.organizationId,
        this.scope.identity,
        { report: { id: report.id, month: report.month, revision: report.revision } },
        this.scope.traceparent,
      );
      return reports.findOneByOrFail({ id });
    });
  }
}
