import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  AcceptCaseMutation,
  AddNoteMutation,
  CaseQuery,
  CloseCaseMutation,
  ForwardCaseMutation,
  InviteOrganizationMutation,
  OrganizationsQuery,
  ResolveCaseMutation,
  StartMediationMutation,
  StartWorkMutation,
} from '../graphql/operations';
import type { MediationOutcome } from '../generated/graphql';
import { formatDateTime, type Language } from '../lib/format';
import { caseActions, referralActions } from '../lib/permissions';
import { useSession } from '../session';
import { ExternalReferrals } from './ExternalReferrals';
import { MediationSessionForm } from './MediationForm';
import { ApiError, Loading } from './States';
import { Timeline } from './Timeline';

const OUTCOMES: readonly MediationOutcome[] = ['AGREEMENT', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT', 'REFERRED'];

/** One case: what it is, the actions its state allows this caller, and its timeline. */
export function CaseDetail({
  id,
  myOrganizationId,
  onChanged,
}: {
  id: string;
  myOrganizationId: string | null;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: CaseQuery,
    variables: { id },
    requestPolicy: 'network-only',
  });
  const [{ data: orgs }] = useQuery({ query: OrganizationsQuery });
  const [accepted, accept] = useMutation(AcceptCaseMutation);
  const [started, start] = useMutation(StartWorkMutation);
  const [mediating, mediate] = useMutation(StartMediationMutation);
  const [resolved, resolve] = useMutation(ResolveCaseMutation);
  const [closed, close] = useMutation(CloseCaseMutation);
  const [forwarded, forward] = useMutation(ForwardCaseMutation);
  const [invited, invite] = useMutation(InviteOrganizationMutation);
  const [noted, note] = useMutation(AddNoteMutation);
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const [outcome, setOutcome] = useState<MediationOutcome | ''>('');
  const [referredTo, setReferredTo] = useState('');
  const found = data?.case;
  if (fetching && !found) return <Loading />;
  if (!found) return <ApiError error={error} />;
  const actor = {
    role: session.role,
    leads: found.leadOrganization?.id === myOrganizationId,
    supports: found.supportingOrganizations.some((organization) => organization.id === myOrganizationId),
  };
  const actions = caseActions(found.status, found.kind, actor);
  const done = async (result: Promise<{ error?: unknown }>) => {
    const outcome = await result;
    if (!outcome.error) {
      setText('');
      refetch({ requestPolicy: 'network-only' });
      onChanged();
    }
  };
  const lastError =
    accepted.error ??
    started.error ??
    mediating.error ??
    resolved.error ??
    closed.error ??
    forwarded.error ??
    invited.error ??
    noted.error;
  return (
    <article className="card" data-testid="case-detail" aria-labelledby="case-title">
      <h2 id="case-title">
        {found.trackingCode} — {found.title ?? t(`category.${found.category}`)}
      </h2>
      <p>
        {t('case.status')}: <strong data-testid="case-status">{t(`status.${found.status}`)}</strong> ·{' '}
        {t(`category.${found.category}`)} · {t(`priority.${found.priority}`)}
      </p>
      {found.description && <p>{found.description}</p>}
      {found.location?.address && <p className="muted">{found.location.address}</p>}
      <div className="row wrap">
        {actions.includes('accept') && (
          <button type="button" onClick={() => void done(accept({ id }))}>
            {t('action.accept')}
          </button>
        )}
        {actions.includes('start') && (
          <button type="button" onClick={() => void done(start({ id, note: text || null }))}>
            {t('action.start')}
          </button>
        )}
        {actions.includes('startMediation') && (
          <button type="button" onClick={() => void done(mediate({ id }))}>
            {t('action.startMediation')}
          </button>
        )}
        {actions.includes('close') && (
          <button type="button" onClick={() => void done(close({ id }))}>
            {t('action.close')}
          </button>
        )}
      </div>
      {actions.includes('note') && (
        <label>
          {t('case.noteOrResolution')}
          <textarea name="note" rows={2} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
      )}
      {actions.includes('resolve') && found.kind === 'CONFLICT' && (
        <div className="row wrap">
          <label>
            {t('mediation.outcome')}
            <select
              name="outcome"
              value={outcome}
              onChange={(event) => setOutcome(event.target.value as MediationOutcome | '')}
            >
              <option value="">—</option>
              {OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {t(`outcome.${value}`)}
                </option>
              ))}
            </select>
          </label>
          {outcome === 'REFERRED' && (
            <label>
              {t('mediation.referredTo')}
              <input name="referredTo" value={referredTo} onChange={(event) => setReferredTo(event.target.value)} />
            </label>
          )}
        </div>
      )}
      <div className="row wrap">
        {actions.includes('resolve') && (
          <button
            type="button"
            disabled={
              !text.trim() ||
              (found.kind === 'CONFLICT' && (!outcome || (outcome === 'REFERRED' && !referredTo.trim())))
            }
            onClick={() =>
              void done(
                resolve({
                  id,
                  input: {
                    resolution: text.trim(),
                    ...(found.kind === 'CONFLICT' && outcome
                      ? { outcome, referredTo: outcome === 'REFERRED' ? referredTo.trim() : null }
                      : {}),
                  },
                }),
              )
            }
          >
            {t('action.resolve')}
          </button>
        )}
        {actions.includes('note') && (
          <button type="button" disabled={!text.trim()} onClick={() => void done(note({ id, note: text.trim() }))}>
            {t('action.note')}
          </button>
        )}
      </div>
      {(actions.includes('forward') || actions.includes('invite')) && (
        <div className="row wrap">
          <label>
            {t('case.otherOrganization')}
            <select name="target" value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">—</option>
              {orgs?.organizations.edges
                .filter(({ node }) => node.id !== myOrganizationId)
                .map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {i18n.language === 'en' ? node.nameEn : node.nameTh}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!target}
            onClick={() => void done(forward({ id, organizationId: target, note: text || null }))}
          >
            {t('action.forward')}
          </button>
          <button
            type="button"
            disabled={!target}
            onClick={() => void done(invite({ id, organizationId: target, note: text || null }))}
          >
            {t('action.invite')}
          </button>
        </div>
      )}
      <ApiError error={lastError} />
      {found.mediationSessions.length > 0 && (
        <>
          <h3>{t('mediation.sessions')}</h3>
          <ol className="timeline" data-testid="mediation-sessions">
            {found.mediationSessions.map((session) => (
              <li key={session.id}>
                <time dateTime={session.heldAt}>{formatDateTime(session.heldAt, i18n.language as Language)}</time>{' '}
                <strong>{session.mediator}</strong> <span className="muted">{session.attendees.join(', ')}</span>
                {session.notes && <p>{session.notes}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
      {actions.includes('recordMediation') && (
        <MediationSessionForm
          caseId={id}
          onRecorded={() => {
            refetch({ requestPolicy: 'network-only' });
            onChanged();
          }}
        />
      )}
      <ExternalReferrals
        caseId={id}
        category={found.category}
        referrals={found.externalReferrals}
        actions={referralActions(found.status, actor)}
        onChanged={() => {
          refetch({ requestPolicy: 'network-only' });
          onChanged();
        }}
      />
      <h3>{t('case.timeline')}</h3>
      <Timeline entries={found.timeline} />
    </article>
  );
}
