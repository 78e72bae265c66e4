import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { InboxQuery } from '../graphql/operations';
import { formatDateTime, type Language } from '../lib/format';
import { useLiveChanges, type ChangeSignal } from '../live';
import { useSession } from '../session';
import { ApiError, Empty, LiveBadge, Loading } from '../components/States';
import { CaseDetail } from '../components/CaseDetail';

/** An officer's cases: overdue first, then by due time; actions and timeline beside. Live. */
export function Inbox() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [selected, setSelected] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: InboxQuery,
    variables: { code: session.org ?? '' },
    pause: !session.org,
  });
  const organization = data?.organizationByCode;
  const relevant = useCallback(
    (signal: ChangeSignal) =>
      signal.type.startsWith('pcc.case.') && (!organization || signal.organizationIds.includes(organization.id)),
    [organization],
  );
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveChanges(session.token, relevant, refresh);
  const cases = [...(organization?.cases?.edges.map((edge) => edge.node) ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'),
  );
  return (
    <section>
      <header className="page-header">
        <h1>
          {t('inbox.title')} {organization ? `— ${language === 'en' ? organization.nameEn : organization.nameTh}` : ''}
        </h1>
        <LiveBadge state={live} />
      </header>
      {organization && (
        <p className="muted">
          {t('inbox.summary', {
            open: organization.caseStats?.open ?? '—',
            overdue: organization.caseStats?.overdue ?? '—',
          })}
        </p>
      )}
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {data && !cases.length && <Empty message={t('inbox.empty')} />}
      <div className="split">
        {cases.length > 0 && (
          <table className="table" aria-label={t('inbox.title')}>
            <thead>
              <tr>
                <th scope="col">{t('case.trackingCode')}</th>
                <th scope="col">{t('case.title')}</th>
                <th scope="col">{t('case.status')}</th>
                <th scope="col">{t('case.dueAt')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr
                  key={item.id}
                  className={item.overdue ? 'overdue' : ''}
                  data-testid="inbox-row"
                  data-tracking-code={item.trackingCode}
                >
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(item.id)}>
                      {item.trackingCode}
                    </button>
                  </td>
                  <td>{item.title ?? t(`category.${item.category}`)}</td>
                  <td>{t(`status.${item.status}`)}</td>
                  <td>
                    {item.dueAt ? formatDateTime(item.dueAt, language) : '—'}
                    {item.overdue && <span className="badge danger">{t('case.overdue')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {selected && organization && (
          <CaseDetail id={selected} myOrganizationId={organization.id} onChanged={refresh} />
        )}
      </div>
    </section>
  );
}
