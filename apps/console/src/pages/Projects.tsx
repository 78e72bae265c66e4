import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ProjectsQuery } from '../graphql/operations';
import { FISCAL_YEARS, type Language } from '../lib/format';
import { useSession } from '../session';
import { ProjectDetail } from '../components/ProjectDetail';
import { FundsLedger } from '../components/FundsLedger';
import { ProjectTable } from '../components/ProjectTable';
import { ApiError, Empty, Loading } from '../components/States';
import { FiscalYearPicker } from '../components/FiscalYearPicker';

/**
 * An officer's projects of a fiscal year (owned or as a partner); the chosen one's reports and forms beside;
 * their own organization's accumulated-funds ledger, what approving an accumulated-funds project is checked against.
 */
export function Projects() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [fiscalYear, setFiscalYear] = useState<number>(FISCAL_YEARS[0]);
  const [selected, setSelected] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ProjectsQuery,
    variables: { code: session.org ?? '', fiscalYear },
    pause: !session.org,
  });
  const organization = data?.organizationByCode;
  const projects = organization?.projects?.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <header className="page-header">
        <h1>
          {t('projects.title')}{' '}
          {organization ? `— ${language === 'en' ? organization.nameEn : organization.nameTh}` : ''}
        </h1>
        <FiscalYearPicker
          value={fiscalYear}
          onChange={(year) => {
            setSelected(null);
            setFiscalYear(year);
          }}
        />
      </header>
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {organization && (
        <div className="grid">
          <FundsLedger funds={organization.accumulatedFunds} />
        </div>
      )}
      {data && !projects.length && <Empty message={t('projects.empty')} />}
      {projects.length > 0 && (
        <ProjectTable
          projects={projects}
          caption={t('projects.caption', { year: fiscalYear })}
          selected={selected}
          onSelect={setSelected}
        />
      )}
      {selected && organization && (
        <ProjectDetail
          id={selected}
          myOrganizationId={organization.id}
          onChanged={() => refetch({ requestPolicy: 'network-only' })}
        />
      )}
    </section>
  );
}
