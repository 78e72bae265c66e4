import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { RecentCasesQuery, ProvinceQuery } from '../graphql/operations';
import { compareDecimal, toChartNumber } from '../lib/decimal';
import { FISCAL_YEARS, formatBaht, formatHours, formatPercent, formatTonnes, type Language } from '../lib/format';
import { useLiveChanges } from '../live';
import { useSession } from '../session';
import { Chart } from '../components/Chart';
import { PhuketMap } from '../components/PhuketMap';
import { ApiError, LiveBadge, Loading } from '../components/States';
import { casesPerMonth, monthlyAgainstTarget, type OrganizationRow } from './province-data';
import { FiscalYearPicker } from '../components/FiscalYearPicker';

type SortKey =
  | 'name'
  | 'open'
  | 'overdue'
  | 'median'
  | 'rating'
  | 'approved'
  | 'disbursed'
  | 'rate'
  | 'delayed'
  | 'generated'
  | 'reduction';
const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'];

const COMPARE: Record<SortKey, (a: OrganizationRow, b: OrganizationRow) => number> = {
  name: (a, b) => a.code.localeCompare(b.code),
  open: (a, b) => (a.caseStats?.open ?? -1) - (b.caseStats?.open ?? -1),
  overdue: (a, b) => (a.caseStats?.overdue ?? -1) - (b.caseStats?.overdue ?? -1),
  median: (a, b) => (a.caseStats?.medianResolutionHours ?? -1) - (b.caseStats?.medianResolutionHours ?? -1),
  rating: (a, b) => (a.caseStats?.averageRating ?? -1) - (b.caseStats?.averageRating ?? -1),
  approved: (a, b) => compareDecimal(a.budgetSummary?.approved, b.budgetSummary?.approved),
  disbursed: (a, b) => compareDecimal(a.budgetSummary?.disbursed, b.budgetSummary?.disbursed),
  rate: (a, b) => compareDecimal(a.budgetSummary?.disbursementRate, b.budgetSummary?.disbursementRate),
  delayed: (a, b) => (a.budgetSummary?.delayedCount ?? -1) - (b.budgetSummary?.delayedCount ?? -1),
  generated: (a, b) => compareDecimal(a.wasteSummary?.generatedTonnes, b.wasteSummary?.generatedTonnes),
  reduction: (a, b) => compareDecimal(a.wasteSummary?.reductionPercent, b.wasteSummary?.reductionPercent),
};

/** The province at a glance: the 19 organizations, charts and the map of open cases. Live. */
export function Province() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [fiscalYear, setFiscalYear] = useState<number>(FISCAL_YEARS[0]);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [chosen, setChosen] = useState('PKT-CITY');
  const [{ data, fetching, error }, refetch] = useQuery({ query: ProvinceQuery, variables: { fiscalYear } });
  const [{ data: cases }, refetchCases] = useQuery({ query: RecentCasesQuery });
  const refresh = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchCases({ requestPolicy: 'network-only' });
  }, [refetch, refetchCases]);
  const live = useLiveChanges(session.token, () => true, refresh);
  const name = (org: { nameTh: string; nameEn: string }) => (language === 'en' ? org.nameEn : org.nameTh);
  const rows = useMemo(() => {
    const list = [...(data?.organizations.edges.map((edge) => edge.node) ?? [])];
    list.sort((a, b) => (sort.descending ? -1 : 1) * COMPARE[sort.key](a, b));
    return list;
  }, [data, sort]);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="link"
        onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : true })}
      >
        {label}
      </button>
    </th>
  );
  const byCode = [...(data?.organizations.edges.map((edge) => edge.node) ?? [])].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const chosenRow = byCode.find((row) => row.code === chosen);
  const allCases = cases?.cases.edges.map((edge) => edge.node) ?? [];
  const openPoints = allCases
    .filter((item) => OPEN.includes(item.status) && item.location)
    .map((item) => ({
      id: item.id,
      lat: item.location!.lat,
      lng: item.location!.lng,
      label: t(`category.${item.category}`),
    }));
  const perMonth = casesPerMonth(allCases);
  // Null while the waste-metrics service cannot answer: the rest of the page is still shown.
  const province = data?.provinceWasteSummary;
  return (
    <section>
      <header className="page-header">
        <h1>{t('province.title')}</h1>
        <LiveBadge state={live} />
        <FiscalYearPicker value={fiscalYear} onChange={setFiscalYear} />
      </header>
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {data && (
        <>
          {province && (
            <p>
              {t('province.wasteTotal', {
                generated: formatTonnes(province.generatedTonnes, language),
                reduction: formatPercent(province.reductionPercent, language),
                target: formatPercent(province.targetPercent, language),
              })}{' '}
              <span className={`badge ${province.onTrack ? 'ok' : 'danger'}`}>
                {t(province.onTrack ? 'province.onTrack' : 'province.atRisk')}
              </span>
            </p>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="province-table">
              <caption>{t('province.tableCaption', { year: fiscalYear })}</caption>
              <thead>
                <tr>
                  {header('name', t('province.organization'))}
                  {header('open', t('province.open'))}
                  {header('overdue', t('province.overdue'))}
                  {header('median', t('province.median'))}
                  {header('rating', t('province.rating'))}
                  {header('approved', t('province.approved'))}
                  {header('disbursed', t('province.disbursed'))}
                  {header('rate', t('province.rate'))}
                  {header('delayed', t('province.delayed'))}
                  {header('generated', t('province.generated'))}
                  {header('reduction', t('province.reduction'))}
                  <th scope="col">{t('province.mou')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-testid="province-row" data-code={row.code}>
                    <th scope="row">
                      <Link to={`/organizations/${row.code}`}>{name(row)}</Link>
                    </th>
                    <td className="number" data-testid="open">
                      {row.caseStats?.open ?? '—'}
                    </td>
                    <td className="number">{row.caseStats?.overdue ?? '—'}</td>
                    <td className="number">{formatHours(row.caseStats?.medianResolutionHours, language)}</td>
                    <td className="number">{row.caseStats?.averageRating?.toFixed(1) ?? '—'}</td>
                    <td className="number">{formatBaht(row.budgetSummary?.approved, language)}</td>
                    <td className="number" data-testid="disbursed">
                      {formatBaht(row.budgetSummary?.disbursed, language)}
                    </td>
                    <td className="number">{formatPercent(row.budgetSummary?.disbursementRate, language)}</td>
                    <td className="number">{row.budgetSummary?.delayedCount ?? '—'}</td>
                    <td className="number">{formatTonnes(row.wasteSummary?.generatedTonnes, language)}</td>
                    <td className="number">{formatPercent(row.wasteSummary?.reductionPercent, language)}</td>
                    <td>
                      {row.wasteSummary?.onTrack == null
                        ? '—'
                        : t(row.wasteSummary?.onTrack ? 'province.onTrack' : 'province.atRisk')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="grid">
            <figure>
              <figcaption>
                {t('province.monthlyWaste')}{' '}
                <select
                  aria-label={t('province.organization')}
                  value={chosen}
                  onChange={(event) => setChosen(event.target.value)}
                >
                  {byCode.map((row) => (
                    <option key={row.code} value={row.code}>
                      {name(row)}
                    </option>
                  ))}
                </select>
              </figcaption>
              {chosenRow?.wasteSummary && (
                <Chart
                  label={t('province.monthlyWaste')}
                  option={monthlyAgainstTarget({ wasteSummary: chosenRow.wasteSummary }, language, {
                    reported: t('province.reported'),
                    baseline: t('province.baseline'),
                    target: t('province.target'),
                  })}
                />
              )}
            </figure>
            <figure>
              <figcaption>{t('province.ranking')}</figcaption>
              <Chart
                label={t('province.ranking')}
                option={{
                  grid: { left: 110, right: 20, top: 10, bottom: 30 },
                  xAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
                  yAxis: {
                    type: 'category',
                    inverse: true,
                    data: (province?.ranking ?? []).map((entry) =>
                      entry.organization ? name(entry.organization) : '?',
                    ),
                  },
                  series: [
                    {
                      type: 'bar',
                      data: (province?.ranking ?? []).map((entry) => toChartNumber(entry.projectedReductionPercent)),
                      markLine: { data: [{ xAxis: toChartNumber(province?.targetPercent) }] },
                    },
                  ],
                  tooltip: {},
                }}
                height={420}
              />
            </figure>
            <figure>
              <figcaption>{t('province.disbursement')}</figcaption>
              <Chart
                label={t('province.disbursement')}
                option={{
                  legend: { data: [t('province.approved'), t('province.disbursed')] },
                  grid: { left: 110, right: 20, top: 30, bottom: 30 },
                  xAxis: { type: 'value' },
                  yAxis: { type: 'category', inverse: true, data: byCode.map(name) },
                  series: [
                    {
                      name: t('province.approved'),
                      type: 'bar',
                      data: byCode.map((row) => toChartNumber(row.budgetSummary?.approved)),
                    },
                    {
                      name: t('province.disbursed'),
                      type: 'bar',
                      data: byCode.map((row) => toChartNumber(row.budgetSummary?.disbursed)),
                    },
                  ],
                  tooltip: {},
                }}
                height={420}
              />
            </figure>
            <figure>
              <figcaption>{t('province.casesPerMonth')}</figcaption>
              <Chart
                label={t('province.casesPerMonth')}
                option={{
                  legend: { data: [t('province.opened'), t('province.resolved')] },
                  xAxis: { type: 'category', data: perMonth.months },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: t('province.opened'), type: 'bar', data: perMonth.opened },
                    { name: t('province.resolved'), type: 'bar', data: perMonth.resolved },
                  ],
                  tooltip: {},
                }}
              />
            </figure>
            <figure>
              <figcaption>{t('province.map', { count: openPoints.length })}</figcaption>
              <PhuketMap points={openPoints} label={t('province.map', { count: openPoints.length })} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
