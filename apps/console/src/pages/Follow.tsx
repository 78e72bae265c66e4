import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  AddInformationMutation,
  FollowCaseQuery,
  RateCaseMutation,
  ReporterReopenMutation,
} from '../graphql/operations';
import { formatDateTime, type Language } from '../lib/format';
import { validTrackingCode, validateRating } from '../lib/validation';
import { ApiError, Loading } from '../components/States';
import { Timeline } from '../components/Timeline';
import { CaseEmailSubscription } from '../components/CaseEmailSubscription';

/** A citizen follows a case by its tracking code; with the secret, rates, adds information or reopens. */
export function Follow() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // The reporter's messages link here with `?code=<tracking code>` (never the secret, which they type).
  const [searchParams] = useSearchParams();
  const [code, setCode] = useState(searchParams.get('code') ?? '');
  const [secret, setSecret] = useState('');
  const [asked, setAsked] = useState<{ code: string; secret: string } | null>(null);
  const [codeError, setCodeError] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: FollowCaseQuery,
    variables: { code: asked?.code ?? '', secret: asked?.secret || null },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const [rated, rate] = useMutation(RateCaseMutation);
  const [informed, inform] = useMutation(AddInformationMutation);
  const [reopened, reopen] = useMutation(ReporterReopenMutation);
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const ok = validTrackingCode(code);
    setCodeError(!ok);
    if (ok) setAsked({ code: code.trim().toUpperCase(), secret: secret.trim() });
  };
  const found = data?.caseByTrackingCode;
  const after = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section>
      <h1>{t('follow.title')}</h1>
      <form onSubmit={submit} className="form" noValidate>
        <label>
          {t('follow.code')}
          <input
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            placeholder="PCC-2569-000123"
            aria-describedby="code-error"
          />
          {codeError && (
            <span className="field-error" id="code-error">
              {t('validation.trackingCode')}
            </span>
          )}
        </label>
        <label>
          {t('follow.secret')}
          <input name="secret" value={secret} onChange={(event) => setSecret(event.target.value)} autoComplete="off" />
        </label>
        <button type="submit">{t('follow.submit')}</button>
      </form>
      {fetching && <Loading />}
      <ApiError error={error} />
      {asked && data && !found && <p className="muted">{t('follow.notFound')}</p>}
      {found && (
        <article className="card" data-testid="followed-case">
          <h2>
            {found.trackingCode} — {found.title ?? t(`category.${found.category}`)}
          </h2>
          <p>
            {t('case.status')}: <strong data-testid="status">{t(`status.${found.status}`)}</strong>
          </p>
          <p className="muted">
            {t('case.openedAt')} {formatDateTime(found.openedAt, language)}
          </p>
          {found.resolution && (
            <p>
              {t('case.resolution')}: {found.resolution}
            </p>
          )}
          <Timeline entries={found.timeline} />
          {asked?.secret && (
            <div className="actions-panel">
              {(found.status === 'RESOLVED' || found.status === 'CLOSED') && found.rating == null && (
                <form
                  className="row"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (validateRating(rating)) return;
                    void rate({ code: found.trackingCode, secret: asked.secret, rating }).then(after);
                  }}
                >
                  <label>
                    {t('follow.rating')}
                    <select name="rating" value={rating} onChange={(event) => setRating(Number(event.target.value))}>
                      {[5, 4, 3, 2, 1].map((value) => (
                        <option key={value} value={value}>
                          {'★'.repeat(value)} ({value})
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit">{t('follow.rate')}</button>
                </form>
              )}
              {found.rating != null && (
                <p data-testid="rating">
                  {t('follow.rated')}: {'★'.repeat(found.rating)}
                </p>
              )}
              <label>
                {t('follow.information')}
                <textarea name="information" value={text} onChange={(event) => setText(event.target.value)} rows={2} />
              </label>
              <div className="row">
                <button
                  type="button"
                  disabled={!text.trim()}
                  onClick={() => void inform({ code: found.trackingCode, secret: asked.secret, text }).then(after)}
                >
                  {t('follow.addInformation')}
                </button>
                {(found.status === 'RESOLVED' || found.status === 'CLOSED') && (
                  <button
                    type="button"
                    disabled={!text.trim()}
                    onClick={() =>
                      void reopen({ code: found.trackingCode, secret: asked.secret, reason: text }).then(after)
                    }
                  >
                    {t('follow.reopen')}
                  </button>
                )}
              </div>
              <ApiError error={rated.error ?? informed.error ?? reopened.error} />
              <CaseEmailSubscription trackingCode={found.trackingCode} secret={asked.secret} />
            </div>
          )}
        </article>
      )}
    </section>
  );
}
