import { toSatang } from './money';
import type { FundingSource } from './vocabulary';

/**
 * The budget rules, pure: each returns the problems it finds (field → message), none when the
 * change is allowed. The providers turn problems into one BAD_USER_INPUT naming every field.
 */
export type Problems = Record<string, string>;

export interface ProjectPlan {
  fundingSource: FundingSource;
  partnerCount: number;
  budget: string;
  plannedStart: string;
  plannedEnd: string;
  fiscalYear: number;
}

/** A proposal (or its edit): dates in order, a joint project has partners. */
export function proposalProblems(p: ProjectPlan, fiscalYearRange: { start: string; end: string }): Problems {
  const problems: Problems = {};
  if (p.plannedEnd < p.plannedStart) problems.plannedEnd = 'must not be before plannedStart';
  if (p.plannedStart < fiscalYearRange.start || p.plannedStart > fiscalYearRange.end) {
    problems.plannedStart = `must fall in FY${p.fiscalYear} (${fiscalYearRange.start} – ${fiscalYearRange.end})`;
  }
  if (p.fundingSource === 'JOINT' && p.partnerCount === 0)
    problems.partnerOrganizationIds = 'a JOINT project needs at least one partner organization';
  return problems;
}

/**
 * Approval: spending accumulated reserve funds (จ่ายขาดเงินสะสม) needs the council's resolution,
 * with its reference and date, before the project is approved; the resolution cannot postdate today.
 */
export function approvalProblems(
  fundingSource: FundingSource,
  approvedBudget: string,
  resolution: { reference: string; date: string } | null,
  today: string,
): Problems {
  const problems: Problems = {};
  if (toSatang(approvedBudget) === 0n) problems.approvedBudget = 'must be more than zero';
  if (fundingSource === 'ACCUMULATED_FUNDS' && !resolution)
    problems.councilResolution = 'accumulated funds need the council resolution (reference and date) before approval';
  if (resolution && resolution.date > today) problems['councilResolution.date'] = 'must not be in the future';
  return problems;
}

/**
 * A progress report: percent within 0–100; the total disbursed never exceeds the approved budget;
 * dated no later than today and no earlier than the latest report (so "the latest" is well defined).
 */
export function progressProblems(
  report: { percent: number; amountDisbursed: string; reportedOn: string },
  project: { approvedBudget: string; disbursed: string; lastReportedOn?: string | null },
  today: string,
): Problems {
  const problems: Problems = {};
  if (!Number.isInteger(report.percent) || report.percent < 0 || report.percent > 100)
    problems.percent = 'must be a whole percent from 0 to 100';
  if (report.reportedOn > today) problems.reportedOn = 'must not be in the future';
  if (project.lastReportedOn && report.reportedOn < project.lastReportedOn)
    problems.reportedOn = `must not be before the latest report (${project.lastReportedOn})`;
  const total = toSatang(project.disbursed) + toSatang(report.amountDisbursed);
  if (total > toSatang(project.approvedBudget)) {
    problems.amountDisbursed = `would bring the total disbursed above the approved budget of ${project.approvedBudget} THB`;
  }
  return problems;
}

/** Completion: a completed project is at 100 %. */
export function completionProblems(progressPercent: number): Problems {
  return progressPercent === 100
    ? {}
    : { progressPercent: `is ${progressPercent} %; report 100 % before completing the project` };
}

/**
 * Partners' cost shares of a joint project, in basis points by organization: each one a partner, named
 * once, more than zero, together at most 100 % (the owner carries the rest). Returns the shares or the
 * problems.
 */
export function costSharesOf(
  shares: ReadonlyArray<{ organizationId: string; percent: string }>,
  partnerIds: readonly string[],
): { shares: Record<string, number>; problems: Problems } {
  const problems: Problems = {};
  const points: Record<string, number> = {};
  for (const [i, share] of shares.entries()) {
    const value = Number(toSatang(share.percent)); // hundredths of a percent: basis points
    if (!partnerIds.includes(share.organizationId))
      problems[`costShares.${i}.organizationId`] = 'must be a partner of the project';
    else if (share.organizationId in points) problems[`costShares.${i}.organizationId`] = 'has a share already';
    if (value === 0) problems[`costShares.${i}.percent`] = 'must be more than zero';
    points[share.organizationId] = value;
  }
  if (Object.values(points).reduce((a, b) => a + b, 0) > 10_000)
    problems.costShares = "partners' shares must add up to at most 100 % (the owner carries the rest)";
  return { shares: points, problems };
}
