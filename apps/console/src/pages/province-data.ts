import type { EChartsCoreOption } from 'echarts/core';
import type { ConsoleProvinceQuery } from '../generated/graphql';
import { toChartNumber } from '../lib/decimal';
import { formatMonth, type Language } from '../lib/format';

export type OrganizationRow = ConsoleProvinceQuery['organizations']['edges'][number]['node'];

/** What the monthly chart needs of an organization (the province's rows and the organization page alike). */
export interface WasteSeries {
  wasteSummary: {
    monthly: ReadonlyArray<{ month: string; tonnes: string }>;
    baselineTonnes?: string | null;
    targetPercent?: string | null;
  };
}

/** An organization's monthly tonnes against its monthly baseline and the MOU's target line. */
export function monthlyAgainstTarget(
  row: WasteSeries,
  language: Language,
  labels: { reported: string; baseline: string; target: string },
): EChartsCoreOption {
  const monthly = [...(row.wasteSummary?.monthly ?? [])].sort((a, b) => a.month.localeCompare(b.month));
  const baseline = row.wasteSummary?.baselineTonnes ? toChartNumber(row.wasteSummary.baselineTonnes) / 12 : null;
  const target =
    baseline !== null && row.wasteSummary?.targetPercent
      ? baseline * (1 - toChartNumber(row.wasteSummary.targetPercent) / 100)
      : null;
  return {
    legend: { data: [labels.reported, labels.baseline, labels.target] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: monthly.map((entry) => formatMonth(entry.month, language)) },
    yAxis: { type: 'value', name: language === 'th' ? 'ตัน' : 't' },
    series: [
      { name: labels.reported, type: 'bar', data: monthly.map((entry) => toChartNumber(entry.tonnes)) },
      ...(baseline !== null
        ? [{ name: labels.baseline, type: 'line', data: monthly.map(() => baseline), symbol: 'none' }]
        : []),
      ...(target !== null
        ? [
            {
              name: labels.target,
              type: 'line',
              data: monthly.map(() => target),
              symbol: 'none',
              lineStyle: { type: 'dashed' },
            },
          ]
        : []),
    ],
  };
}

/** Cases opened and resolved per month (`YYYY-MM`, Bangkok time), over the cases given. */
export function casesPerMonth(cases: ReadonlyArray<{ openedAt: string; resolvedAt?: string | null }>) {
  const month = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
  const opened = new Map<string, number>();
  const resolved = new Map<string, number>();
  for (const item of cases) {
    opened.set(month(item.openedAt), (opened.get(month(item.openedAt)) ?? 0) + 1);
    if (item.resolvedAt) resolved.set(month(item.resolvedAt), (resolved.get(month(item.resolvedAt)) ?? 0) + 1);
  }
  const months = [...new Set([...opened.keys(), ...resolved.keys()])].sort();
  return { months, opened: months.map((m) => opened.get(m) ?? 0), resolved: months.map((m) => resolved.get(m) ?? 0) };
}
