import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ExternalBodiesQuery, RecordExternalReplyMutation, ReferCaseMutation } from '../graphql/operations';
import type { CaseCategory } from '../generated/graphql';
import { formatDateTime, type Language } from '../lib/format';
import type { ReferralAction } from '../lib/permissions';
import { validateReferral, validateReply, type FieldErrors, type ReferralForm } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

export interface Referral {
  id: string;
  externalBody: { code: string; nameTh: string; nameEn: string };
  forwardedAt: string;
  reference?: string | null;
  note?: string | null;
  reply?: string | null;
  repliedAt?: string | null;
}

const EMPTY: ReferralForm = { externalBody: '', reference: '', note: '' };

/** A case's hand-overs to bodies outside the network: to whom, when, their reply; and the forms to add them. */
export function ExternalReferrals({
  caseId,
  category,
  referrals,
  actions,
  onChanged,
}: {
  caseId: string;
  category: CaseCategory;
  referrals: readonly Referral[];
  actions: readonly ReferralAction[];
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const name = (body: { nameTh: string; nameEn: string }) => (language === 'en' ? body.nameEn : body.nameTh);
  const [{ data: bodies }] = useQuery({ query: ExternalBodiesQuery, pause: !actions.includes('refer') });
  const [form, setForm] = useState<ReferralForm>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<keyof ReferralForm>>({});
  const [referred, refer] = useMutation(ReferCaseMutation);
  const set = (field: keyof ReferralForm) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [field]: event.target.value });
  const submit = async () => {
    const found = validateReferral(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await refer({
      id: caseId,
      input: {
        externalBody: form.externalBody,
        ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      },
    });
    if (!result.error) {
      setForm(EMPTY);
      onChanged();
    }
  };
  // The bodies that usually handle this category first: the likely choice at the top.
  const choices = [...(bodies?.externalBodies ?? [])].sort(
    (a, b) => Number(b.handles.includes(category)) - Number(a.handles.includes(category)),
  );
  return (
    <section aria-labelledby={`referrals-${caseId}`} data-testid="external-referrals">
      <h3 id={`referrals-${caseId}`}>{t('referral.title')}</h3>
      {referrals.length === 0 && <p className="muted">{t('referral.none')}</p>}
      <ol className="timeline">
        {referrals.map((referral) => (
          <li key={referral.id} data-testid="external-referral" data-body={referral.externalBody.code}>
            <strong>{name(referral.externalBody)}</strong>{' '}
            <span className="muted">
              {t('referral.forwarded', { when: formatDateTime(referral.forwardedAt, language) })}
              {referral.reference && ` · ${referral.reference}`}
            </span>
            {referral.note && <p>{referral.note}</p>}
            {referral.repliedAt ? (
              <p data-testid="referral-reply">
                {t('referral.replied', { when: formatDateTime(referral.repliedAt, language) })}: {referral.reply}
              </p>
            ) : (
              <>
                <p className="muted">{t('referral.waiting')}</p>
                {actions.includes('recordReply') && <ReplyForm referralId={referral.id} onRecorded={onChanged} />}
              </>
            )}
          </li>
        ))}
      </ol>
      {actions.includes('refer') && (
        <div className="row wrap">
          <label>
            {t('referral.body')}
            <select
              name="externalBody"
              value={form.externalBody}
              onChange={set('externalBody')}
              aria-describedby="externalBody-error"
            >
              <option value="">{t('referral.chooseBody')}</option>
              {choices.map((body) => (
                <option key={body.code} value={body.code}>
                  {name(body)}
                  {body.handles.includes(category) ? ` (${t('referral.usual')})` : ''}
                </option>
              ))}
            </select>
            <FieldError id="externalBody-error" error={errors.externalBody} />
          </label>
          <label>
            {t('referral.reference')}
            <input
              name="referralReference"
              value={form.reference}
              onChange={set('reference')}
              aria-describedby="referralReference-error"
            />
            <FieldError id="referralReference-error" error={errors.reference} />
          </label>
          <label>
            {t('referral.note')}
            <input name="referralNote" value={form.note} onChange={set('note')} aria-describedby="referralNote-error" />
            <FieldError id="referralNote-error" error={errors.note} />
          </label>
          <button type="button" disabled={referred.fetching} onClick={() => void submit()}>
            {t('referral.refer')}
          </button>
        </div>
      )}
      <ApiError error={referred.error} />
    </section>
  );
}

function ReplyForm({ referralId, onRecorded }: { referralId: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [reply, setReply] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'reply' | 'reference'>>({});
  const [recorded, record] = useMutation(RecordExternalReplyMutation);
  const submit = async () => {
    const found = validateReply(reply, reference);
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await record({
      referralId,
      input: { reply: reply.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) },
    });
    if (!result.error) onRecorded();
  };
  return (
    <div className="row wrap">
      <label>
        {t('referral.reply')}
        <input
          name="reply"
          value={reply}
          onChange={(event) => setReply(event.target.value)}
          aria-describedby={`reply-${referralId}-error`}
        />
        <FieldError id={`reply-${referralId}-error`} error={errors.reply} />
      </label>
      <label>
        {t('referral.reference')}
        <input
          name="replyReference"
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          aria-describedby={`replyReference-${referralId}-error`}
        />
        <FieldError id={`replyReference-${referralId}-error`} error={errors.reference} />
      </label>
      <button type="button" disabled={recorded.fetching} onClick={() => void submit()}>
        {t('referral.recordReply')}
      </button>
      <ApiError error={recorded.error} />
    </div>
  );
}
