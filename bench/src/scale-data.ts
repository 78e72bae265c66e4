import { bangkokDate, fiscalYearOfInstant, fiscalYearRange, monthsOfFiscalYear } from '@pcc/fiscal-year';
import { CASE_CATEGORIES } from '@pcc/events';

/**
 * Generators of province-scale data as COPY text rows (tab-separated, `\N` for null). Skewed like
 * the real network: Patong and Phuket City have most cases and projects, the small SAOs few.
 */
export interface Organization {
  id: string;
  code: string;
  name_th: string;
  name_en: string;
  type: string;
  district: string;
  established_on: string | null;
  created_at: Date;
}

const WEIGHT: Record<string, number> = {
  PATONG: 22,
  'PKT-CITY': 20,
  KATHU: 8,
  CHALONG: 7,
  RAWAI: 6,
  KARON: 6,
  WICHIT: 5,
  RATSADA: 5,
  'PKT-PAO': 2,
};
const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS'] as const;
const SLA_HOURS = { URGENT: 24, HIGH: 72, NORMAL: 168, LOW: 336 } as const;
const TITLES = [
  'ขยะตกค้างหน้าซอย',
  'น้ำท่วมขังถนน',
  'ไฟฟ้าส่องสว่างดับ',
  'ถนนชำรุดเป็นหลุม',
  'เสียงดังรบกวนยามวิกาล',
  'น้ำประปาไม่ไหล',
  'ท่อระบายน้ำอุดตัน',
  'ข้อพิพาทแนวเขตที่ดิน',
];
const HOUR = 3_600_000;

const cell = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '\\N' : String(value);
const line = (values: Array<string | number | boolean | null | undefined>): string => values.map(cell).join('\t');

/** Deterministic, unique ids: the table's number, then the row's (v4-shaped, unlike crypto.randomUUID not random). */
const uuid = (table: number, row: number): string =>
  `${table.toString(16).padStart(8, '0')}-0000-4000-8000-${row.toString(16).padStart(12, '0')}`;

/** Picks an organization by weight (unlisted ones weigh 1). */
function weightedPicker(orgs: Organization[], random: () => number): () => Organization {
  const weights = orgs.map((o) => WEIGHT[o.code] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = random() * total;
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return orgs[i]!;
    return orgs.at(-1)!;
  };
}

/** `count` cases over the last 8 years, oldest first (tracking numbers run per fiscal year). */
export function caseRows(orgs: Organization[], count: number, random: () => number) {
  const columns = [
    'id',
    'tracking_code',
    'fiscal_year',
    'kind',
    'category',
    'channel',
    'title',
    'description',
    'lat',
    'lng',
    'address',
    'district',
    'reporter_name',
    'reporter_secret_hash',
    'priority',
    'status',
    'lead_org_id',
    'due_at',
    'resolved_at',
    'closed_at',
    'rating',
    'opened_at',
    'created_at',
    'updated_at',
  ];
  const pick = weightedPicker(orgs, random);
  const now = Date.now();
  const start = now - 8 * 365 * 24 * HOUR;
  const sequence = new Map<number, number>();
  function* rows() {
    for (let i = 0; i < count; i += 1) {
      const openedAt = new Date(start + ((now - start) * (i + random())) / count);
      const fiscalYear = fiscalYearOfInstant(openedAt);
      const number = (sequence.get(fiscalYear) ?? 0) + 1;
      sequence.set(fiscalYear, number);
      const org = pick();
      const r = random();
      const priority = r < 0.05 ? 'URGENT' : r < 0.3 ? 'HIGH' : r < 0.9 ? 'NORMAL' : 'LOW';
      const dueAt = new Date(openedAt.getTime() + SLA_HOURS[priority] * HOUR);
      const age = now - openedAt.getTime();
      const open = random() < (age < 45 * 24 * HOUR ? 0.6 : 0.01);
      let status: string;
      let resolvedAt: Date | null = null;
      let closedAt: Date | null = null;
      let rating: number | null = null;
      if (open) status = OPEN[Math.floor(random() * OPEN.length)]!;
      else if (random() < 0.03) status = 'REJECTED';
      else {
        resolvedAt = new Date(Math.min(now, openedAt.getTime() + (2 + Math.floor(random() * random() * 700)) * HOUR));
        const closed = random() < 0.7 && resolvedAt.getTime() + 48 * HOUR < now;
        status = closed ? 'CLOSED' : 'RESOLVED';
        if (closed) closedAt = new Date(resolvedAt.getTime() + 48 * HOUR);
        if (random() < 0.35) rating = Math.min(5, 1 + Math.floor(random() * 5.6));
      }
      const lead = status === 'RECEIVED' || (status === 'REJECTED' && random() < 0.5) ? null : org.id;
      const title = TITLES[Math.floor(random() * TITLES.length)]!;
      const category = CASE_CATEGORIES[Math.floor(random() * CASE_CATEGORIES.length)]!;
      const at = openedAt.toISOString();
      yield line([
        uuid(1, i),
        `PCC-${fiscalYear}-${String(number).padStart(6, '0')}`,
        fiscalYear,
        category === 'LAND_DISPUTE' ? 'CONFLICT' : 'GRIEVANCE',
        category,
        random() < 0.5 ? 'WEB' : 'LINE',
        title,
        `${title} (scale data)`,
        (7.8 + random() * 0.3).toFixed(5),
        (98.25 + random() * 0.15).toFixed(5),
        null,
        org.district,
        'ผู้ร้องเรียน',
        'scale-data',
        priority,
        status,
        lead,
        dueAt.toISOString(),
        resolvedAt?.toISOString(),
        closedAt?.toISOString(),
        rating,
        at,
        at,
        (closedAt ?? resolvedAt ?? openedAt).toISOString(),
      ]);
    }
  }
  return { columns, rows: rows(), sequences: () => sequence.entries() };
}

/** Two five-year plans per organization and `count` projects over FY2561–FY2570. */
export function projectRows(orgs: Organization[], count: number, random: () => number) {
  const columns = [
    'id',
    'code',
    'title',
    'objective',
    'target',
    'kpi',
    'expected_result',
    'owner_organization_id',
    'fiscal_year',
    'plan_id',
    'strategy_id',
    'funding_source',
    'budget',
    'approved_budget',
    'disbursed',
    'council_resolution_ref',
    'council_resolution_date',
    'planned_start',
    'planned_end',
    'status',
    'progress_percent',
    'delayed',
    'delay_reason',
    'delay_reported_status',
    'coordination_status',
    'approved_at',
    'created_at',
    'updated_at',
  ];
  const plans = orgs.flatMap((o, n) =>
    [2561, 2566].map((first, k) => ({
      id: uuid(2, n * 2 + k),
      strategyId: uuid(3, n * 2 + k),
      organizationId: o.id,
      title: `แผนพัฒนาท้องถิ่น ${first}–${first + 4} ${o.name_th}`,
      first,
      last: first + 4,
    })),
  );
  const planOf = (orgId: string, fiscalYear: number) =>
    plans.find((p) => p.organizationId === orgId && fiscalYear >= p.first && fiscalYear <= p.last)!;
  const pick = weightedPicker(orgs, random);
  const current = fiscalYearOfInstant(new Date());
  const today = bangkokDate();
  const counters = new Map<string, number>();
  function* rows() {
    for (let i = 0; i < count; i += 1) {
      const org = pick();
      const fiscalYear = 2561 + Math.floor((i * 10) / count);
      const n = (counters.get(`${org.id}|${fiscalYear}`) ?? 0) + 1;
      counters.set(`${org.id}|${fiscalYear}`, n);
      const plan = planOf(org.id, fiscalYear);
      const { start } = fiscalYearRange(fiscalYear);
      const plannedStart = new Date(Date.parse(`${start}T00:00:00Z`) + Math.floor(random() * 150) * 24 * HOUR)
        .toISOString()
        .slice(0, 10);
      const plannedEnd = new Date(
        Date.parse(`${plannedStart}T00:00:00Z`) + (60 + Math.floor(random() * 240)) * 24 * HOUR,
      )
        .toISOString()
        .slice(0, 10);
      const r = random();
      const status =
        fiscalYear < current
          ? r < 0.85
            ? 'COMPLETED'
            : r < 0.9
              ? 'CANCELLED'
              : 'IN_PROGRESS'
          : r < 0.2
            ? 'PROPOSED'
            : r < 0.5
              ? 'APPROVED'
              : r < 0.7
                ? 'PROCURING'
                : 'IN_PROGRESS';
      const budgetSatang = BigInt(10_000_000 + Math.floor(random() * 990_000_000));
      const approved = status === 'PROPOSED' || (status === 'CANCELLED' && r < 0.88) ? null : budgetSatang;
      const progress = status === 'COMPLETED' ? 100 : status === 'IN_PROGRESS' ? 10 + Math.floor(random() * 80) : 0;
      const disbursed =
        approved === null
          ? 0n
          : (approved * BigInt(status === 'COMPLETED' ? 80 + Math.floor(random() * 21) : progress)) / 100n;
      const accumulated = random() < 0.1;
      const delayed = status === 'IN_PROGRESS' && plannedEnd < today;
      const money = (s: bigint | null) => (s === null ? null : `${s / 100n}.${String(s % 100n).padStart(2, '0')}`);
      const createdAt = new Date(Date.parse(`${start}T00:00:00Z`) - 60 * 24 * HOUR + i).toISOString();
      yield line([
        uuid(4, i),
        `${org.code}-${fiscalYear}-${String(n).padStart(4, '0')}`,
        `โครงการพัฒนา ${fiscalYear} #${n}`,
        'Scale data',
        'Scale data',
        'Scale data',
        'Scale data',
        org.id,
        fiscalYear,
        plan.id,
        plan.strategyId,
        accumulated ? 'ACCUMULATED_FUNDS' : 'ANNUAL_BUDGET',
        money(budgetSatang),
        money(approved),
        money(disbursed),
        accumulated && approved !== null ? `มติสภาฯ 1/${fiscalYear}` : null,
        accumulated && approved !== null ? start : null,
        plannedStart,
        plannedEnd,
        status,
        progress,
        delayed,
        delayed ? 'PAST_PLANNED_END' : null,
        delayed ? 'IN_PROGRESS' : null,
        random() < 0.3 ? 'ACCEPTED' : 'NOT_SUBMITTED',
        approved === null ? null : createdAt,
        createdAt,
        createdAt,
      ]);
    }
  }
  return { plans, columns, rows: rows(), counters: () => counters.entries() };
}

/** Monthly reports of every organization for `years` fiscal years from FY2561, up to last month. */
export function wasteRows(orgs: Organization[], years: number, random: () => number) {
  const columns = [
    'organization_id',
    'month',
    'fiscal_year',
    'revision',
    'latest',
    'general',
    'organic',
    'recyclable',
    'hazardous',
    'incinerated',
    'landfilled',
    'recycled',
    'composted',
    'total_tonnes',
    'reporter_sub',
    'reporter_name',
    'submitted_at',
  ];
  const lastMonth = new Date(Date.now() - 31 * 24 * HOUR).toISOString().slice(0, 7);
  const tonnes = (kg: number) => (kg / 1000).toFixed(3);
  function* rows() {
    for (const org of orgs) {
      const kgPerDay = 925_000 * ((WEIGHT[org.code] ?? 1) / 112);
      for (let fy = 2561; fy < 2561 + years; fy += 1) {
        for (const month of monthsOfFiscalYear(fy)) {
          if (month > lastMonth) continue;
          const total = Math.round(kgPerDay * 30 * (0.9 + random() * 0.2) * (1 - 0.01 * (fy - 2561)));
          const organic = Math.round(total * 0.3),
            recyclable = Math.round(total * 0.12),
            hazardous = Math.round(total * 0.03);
          const landfilled = Math.round(total * 0.16),
            recycled = Math.round(total * 0.07),
            composted = Math.round(total * 0.03);
          yield line([
            org.id,
            month,
            fy,
            1,
            true,
            tonnes(total - organic - recyclable - hazardous),
            tonnes(organic),
            tonnes(recyclable),
            tonnes(hazardous),
            tonnes(total - landfilled - recycled - composted),
            tonnes(landfilled),
            tonnes(recycled),
            tonnes(composted),
            tonnes(total),
            'scale-data',
            'scale-data',
            `${month}-28T09:00:00Z`,
          ]);
        }
      }
    }
  }
  return { columns, rows: rows() };
}
