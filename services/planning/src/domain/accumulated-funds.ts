import { fromSatang, toSatang } from './money';

/**
 * Spending accumulated funds (จ่ายขาดเงินสะสม) under the Ministry of Interior's regulation on local
 * finance (see the README, "Accumulated funds", for the source and what could not be verified). Pure:
 * the rules' figures come from configuration, with the regulation's values as defaults.
 */
export const ACCUMULATED_FUNDS_PURPOSES = [
  /** กิจการด้านการบริการชุมชนและสังคม */
  'COMMUNITY_AND_SOCIAL_SERVICES',
  /** กิจการที่เป็นการเพิ่มพูนรายได้ขององค์กรปกครองส่วนท้องถิ่น */
  'REVENUE_GENERATING',
  /** กิจการที่จัดทำเพื่อบำบัดความเดือดร้อนของประชาชน */
  'PUBLIC_HARDSHIP_RELIEF',
  /** Anything else: not a purpose the regulation allows (refused unless configured otherwise). */
  'OTHER',
] as const;
export type AccumulatedFundsPurpose = (typeof ACCUMULATED_FUNDS_PURPOSES)[number];

export interface AccumulatedFundsRules {
  /** Months of personnel costs that must stay in reserve (regulation: at least 3). */
  personnelReserveMonths: number;
  /** Percent of the year's annual budget kept for administration and disasters (regulation: 10). */
  annualBudgetReservePercent: number;
  /** Months after the council's approval within which the obligation (contract) must be made, or the approval lapses (regulation: one year). */
  commitmentMonths: number;
  /** Purposes the council may approve spending for. */
  allowedPurposes: readonly AccumulatedFundsPurpose[];
}

export const DEFAULT_ACCUMULATED_FUNDS_RULES: AccumulatedFundsRules = {
  personnelReserveMonths: 3,
  annualBudgetReservePercent: 10,
  commitmentMonths: 12,
  allowedPurposes: ['COMMUNITY_AND_SOCIAL_SERVICES', 'REVENUE_GENERATING', 'PUBLIC_HARDSHIP_RELIEF'],
};

/** The rule a refusal names, in `extensions.rule`. */
export type AccumulatedFundsRule =
  | 'ACCUMULATED_FUNDS_NOT_REPORTED'
  | 'ACCUMULATED_FUNDS_PURPOSE_REQUIRED'
  | 'ACCUMULATED_FUNDS_PURPOSE_NOT_ALLOWED'
  | 'ACCUMULATED_FUNDS_RESERVE';

export interface AccumulatedFundsReport {
  balance: string;
  monthlyPersonnelCost: string;
  annualBudget: string;
}

export interface Ledger {
  reportedBalance: string;
  personnelReserve: string;
  annualBudgetReserve: string;
  committed: string;
  disbursed: string;
  /** What the council may still approve: balance less both reserves and what is committed (may be negative). */
  available: string;
}

/** An amount that may be negative (what is available, once over-committed). */
const signedSatang = (amount: string): bigint =>
  amount.startsWith('-') ? -toSatang(amount.slice(1)) : toSatang(amount);

/** Percent of an amount in satang, rounded up: a reserve is never under what the rule asks. */
const percentUp = (satang: bigint, percent: number): bigint => {
  const hundredths = BigInt(Math.round(percent * 100));
  return (satang * hundredths + 9_999n) / 10_000n;
};

export function ledgerOf(
  report: AccumulatedFundsReport,
  spent: { committed: string; disbursed: string },
  rules: AccumulatedFundsRules,
): Ledger {
  const personnel = toSatang(report.monthlyPersonnelCost) * BigInt(rules.personnelReserveMonths);
  const annual = percentUp(toSatang(report.annualBudget), rules.annualBudgetReservePercent);
  const available = toSatang(report.balance) - personnel - annual - toSatang(spent.committed);
  return {
    reportedBalance: fromSatang(toSatang(report.balance)),
    personnelReserve: fromSatang(personnel),
    annualBudgetReserve: fromSatang(annual),
    committed: fromSatang(toSatang(spent.committed)),
    disbursed: fromSatang(toSatang(spent.disbursed)),
    available: fromSatang(available),
  };
}

export interface Refusal {
  rule: AccumulatedFundsRule;
  field: string;
  message: string;
}

/** Whether the council may approve `amount` of accumulated funds for `purpose`; the first rule broken. */
export function accumulatedFundsRefusal(
  amount: string,
  purpose: AccumulatedFundsPurpose | null,
  ledger: Ledger | null,
  rules: AccumulatedFundsRules,
): Refusal | null {
  if (!purpose)
    return {
      rule: 'ACCUMULATED_FUNDS_PURPOSE_REQUIRED',
      field: 'input.accumulatedFundsPurpose',
      message: 'spending accumulated funds needs its purpose',
    };
  if (!rules.allowedPurposes.includes(purpose))
    return {
      rule: 'ACCUMULATED_FUNDS_PURPOSE_NOT_ALLOWED',
      field: 'input.accumulatedFundsPurpose',
      message: `accumulated funds may be spent only on ${rules.allowedPurposes.join(', ')} (not ${purpose})`,
    };
  if (!ledger)
    return {
      rule: 'ACCUMULATED_FUNDS_NOT_REPORTED',
      field: 'input.approvedBudget',
      message: 'the organization has not reported its accumulated funds (reportAccumulatedFunds)',
    };
  if (toSatang(amount) > signedSatang(ledger.available))
    return {
      rule: 'ACCUMULATED_FUNDS_RESERVE',
      field: 'input.approvedBudget',
      message: `${amount} THB is more than the ${ledger.available} THB available after the reserves (${rules.personnelReserveMonths} months of personnel costs: ${ledger.personnelReserve}; ${rules.annualBudgetReservePercent} % of the annual budget: ${ledger.annualBudgetReserve}) and ${ledger.committed} THB already committed`,
    };
  return null;
}

/** The last day to sign the contract: `commitmentMonths` after the council's approval. */
export function commitmentDeadline(councilApprovedOn: string, rules: AccumulatedFundsRules): string {
  const [y, m, d] = councilApprovedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + rules.commitmentMonths, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
