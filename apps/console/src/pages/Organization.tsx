import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { OrganizationQuery } from '../graphql/operations';
import { FISCAL_YEARS, formatBaht, formatHours, formatPercent, formatTonnes, type Language } from '../lib/format';
import { Chart } from '../components/Chart';
import { FundsLedger } from '../components/FundsLedger';
import { ProjectTable } from '../components/ProjectTable';
import { ApiError, Empty, Loading } from '../components/States';
import { monthlyAgainstTarget } from './province-data';
import { FiscalYearPicker } from '../components/FiscalYearPicker';

/**
 * One organization, from the province table: its cases, its budget and waste for a fiscal year, its
 * accumulated-funds ledger (public finance: every role reads it), its projects.
 */
export function Organization() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { code = '' } = useParams();
  const [fiscalYear, setFiscalYear] = useState<number>(FISCAL_YEARS[0]);
  const [{ data, fetching, error }] = useQuery({ query: OrganizationQuery, variables: { code, fiscalYear } });
  const organization = data?.organizationByCode;
  const projects = organization?.projects?.edges.map((edge) => edge.node) ?? [];
  const cases = organization?.caseStats;
  const budget = organization?.budgetSummary;
  const waste = organization?.wasteSummary;
  const funds = organization?.accumulatedFunds;
  return (
    <section>
      <p>
        <Link to="/province">{t('organization.back')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="organization-name">
          {organization ? (language === 'en' ? organization.nameEn : organization.nameTh) : code}
        </h1>
        <FiscalYearPicker value={fiscalYear} onChange={setFiscalYear} />
      </header>
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {data && !organization && <Empty message={t('organization.notFound')} />}
      {organization && (
        <>
          <p className="muted">{t('organization.district', { name: t(`district.${organization.district}`) })}</p>
          <div className="grid">
            <section className="card" aria-labelledby="organization-cases">
              <h2 id="organization-cases">{t('organization.cases')}</h2>
              <dl className="facts" data-testid="organization-cases">
                <dt>{t('province.open')}</dt>
                <dd>{cases?.open ?? '—'}</dd>
                <dt>{t('province.overdue')}</dt>
                <dd>{cases?.overdue ?? '—'}</dd>
                <dt>{t('organization.resolvedLast30Days')}</dt>
                <dd>{cases?.resolvedLast30Days ?? '—'}</dd>
                <dt>{t('province.median')}</dt>
                <dd>{formatHours(cases?.medianResolutionHours, language)}</dd>
                <dt>{t('province.rating')}</dt>
                <dd>{cases?.averageRating?.toFixed(1) ?? '—'}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="organization-budget">
              <h2 id="organization-budget">{t('organization.budget', { year: fiscalYear })}</h2>
              <dl className="facts" data-testid="organization-budget">
                <dt>{t('province.approved')}</dt>
                <dd>{formatBaht(budget?.approved, language)}</dd>
                <dt>{t('province.disbursed')}</dt>
                <dd>{formatBaht(budget?.disbursed, language)}</dd>
                <dt>{t('province.rate')}</dt>
                <dd>{formatPercent(budget?.disbursementRate, language)}</dd>
                <dt>{t('organization.projects')}</dt>
                <dd>{budget?.projectCount ?? '—'}</dd>
                <dt>{t('organization.completed')}</dt>
                <dd>{budget?.completedCount ?? '—'}</dd>
                <dt>{t('province.delayed')}</dt>
                <dd>{budget?.delayedCount ?? '—'}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="organization-waste">
              <h2 id="organization-waste">{t('organization.waste', { year: fiscalYear })}</h2>
              <dl className="facts" data-testid="organization-waste">
                <dt>{t('province.generated')}</dt>
                <dd>{formatTonnes(waste?.generatedTonnes, language)}</dd>
                <dt>{t('province.baseline')}</dt>
                <dd>{formatTonnes(waste?.baselineTonnes, language)}</dd>
                <dt>{t('province.reduction')}</dt>
                <dd>{formatPercent(waste?.reductionPercent, language)}</dd>
                <dt>{t('province.target')}</dt>
                <dd>{formatPercent(waste?.targetPercent, language)}</dd>
                <dt>{t('organization.projected')}</dt>
                <dd>{formatPercent(waste?.projectedReductionPercent, language)}</dd>
                <dt>{t('province.mou')}</dt>
                <dd>{waste?.onTrack == null ? '—' : t(waste.onTrack ? 'province.onTrack' : 'province.atRisk')}</dd>
              </dl>
            </section>
            <FundsLedger funds={funds} />
          </div>
          {waste && waste.monthly.length > 0 && (
            <figure>
              <figcaption>{t('province.monthlyWaste')}</figcaption>
              <Chart
                label={t('province.monthlyWaste')}
                option={monthlyAgainstTarget({ wasteSummary: waste }, language, {
                  reported: t('province.reported'),
                  baseline: t('province.baseline'),
                  target: t('province.target'),
                })}
              />
            </figure>
          )}
          <h2>{t('organization.projectList')}</h2>
          {projects.length === 0 ? (
            <Empty message={t('projects.empty')} />
          ) : (
            <ProjectTable projects={projects} caption={t('projects.caption', { year: fiscalYear })} />
          )}
        </>
      )}
    </section>
  );
}
