import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  MarkDuplicateMutation,
  OrganizationsQuery,
  PossibleDuplicatesQuery,
  TriageCaseMutation,
  TriageQueueQuery,
} from '../graphql/operations';
import { formatDateTime, type Language } from '../lib/format';
import { useLiveChanges } from '../live';
import { useSession } from '../session';
import { ApiError, Empty, LiveBadge, Loading } from '../components/States';

type Priority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';

/** The coordinator's queue of new cases, with the routing suggestion and possible duplicates. Live. */
export function Triage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TriageQueueQuery });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveChanges(session.token, (signal) => signal.type.startsWith('pcc.case.'), refresh);
  const cases = data?.cases.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <header className="page-header">
        <h1>{t('triage.title')}</h1>
        <LiveBadge state={live} />
      </header>
      {fetching && !data && <Loading />}
      <ApiError error={error} />
      {data && !cases.length && <Empty message={t('triage.empty')} />}
      {cases.map((item) => {
        const suggestion = data?.routingRules.find(
          (rule) => rule.category === item.category && rule.district === item.location?.district,
        )?.organization;
        return (
          <TriageCard
            key={item.id}
            item={item}
            suggestedId={suggestion?.id ?? ''}
            opened={formatDateTime(item.openedAt, language)}
            onDone={refresh}
          />
        );
      })}
    </section>
  );
}

function TriageCard({
  item,
  suggestedId,
  opened,
  onDone,
}: {
  item: {
    id: string;
    trackingCode: string;
    title?: string | null;
    category: string;
    description?: string | null;
    routingException?: string | null;
    location?: { subdistrict?: { nameTh: string; nameEn: string } | null } | null;
  };
  suggestedId: string;
  opened: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [lead, setLead] = useState(suggestedId);
  const [priority, setPriority] = useState<Priority>('NORMAL');
  const [{ data: orgs }] = useQuery({ query: OrganizationsQuery });
  const [{ data: duplicates }] = useQuery({ query: PossibleDuplicatesQuery, variables: { caseId: item.id } });
  const [triaged, triage] = useMutation(TriageCaseMutation);
  const [marked, markDuplicate] = useMutation(MarkDuplicateMutation);
  const after = (result: { error?: unknown }) => {
    if (!result.error) onDone();
  };
  return (
    <article
      className="card"
      data-testid="triage-card"
      data-tracking-code={item.trackingCode}
      aria-label={item.trackingCode}
    >
      <h2>
        {item.trackingCode} — {item.title ?? t(`category.${item.category}`)}
      </h2>
      <p className="muted">
        {t(`category.${item.category}`)} · {opened}
        {item.location?.subdistrict &&
          ` · ${i18n.language === 'en' ? item.location.subdistrict.nameEn : item.location.subdistrict.nameTh}`}
      </p>
      {item.routingException && (
        <p data-testid="routing-exception" data-reason={item.routingException}>
          {t('triage.waitsBecause', { reason: t(`routingException.${item.routingException}`) })}
        </p>
      )}
      {item.description && <p>{item.description}</p>}
      <div className="row wrap">
        <label>
          {t('triage.lead')}
          <select name="lead" value={lead} onChange={(event) => setLead(event.target.value)}>
            <option value="">{t('triage.routingDefault')}</option>
            {orgs?.organizations.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {i18n.language === 'en' ? node.nameEn : node.nameTh}
                {node.id === suggestedId ? ` (${t('triage.suggested')})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('triage.priority')}
          <select name="priority" value={priority} onChange={(event) => setPriority(event.target.value as Priority)}>
            {(['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`priority.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            void triage({ id: item.id, input: { priority, ...(lead ? { leadOrganizationId: lead } : {}) } }).then(after)
          }
        >
          {t('action.triage')}
        </button>
      </div>
      {duplicates && duplicates.possibleDuplicates.length > 0 && (
        <div>
          <h3>{t('triage.duplicates')}</h3>
          <ul>
            {duplicates.possibleDuplicates.map((original) => (
              <li key={original.id}>
                {original.trackingCode} {original.title ?? ''} ({t(`status.${original.status}`)}){' '}
                <button
                  type="button"
                  onClick={() => void markDuplicate({ id: item.id, originalId: original.id }).then(after)}
                >
                  {t('action.markDuplicate')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ApiError error={triaged.error ?? marked.error} />
    </article>
  );
}
