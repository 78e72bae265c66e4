import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { SubscribeToMyCaseMutation } from '../graphql/operations';
import { validateEmail } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

/**
 * "Tell me by e-mail": the reporter (proved by the tracking code and the secret) hears of their own
 * case. PDPA: the address serves this case only, which the notice beside the field says.
 */
export function CaseEmailSubscription({ trackingCode, secret }: { trackingCode: string; secret: string }) {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'TH' | 'EN'>(i18n.language === 'en' ? 'EN' : 'TH');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [subscribed, subscribe] = useMutation(SubscribeToMyCaseMutation);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const problem = validateEmail(email);
    setEmailError(problem);
    if (problem) return;
    void subscribe({ input: { trackingCode, reporterSecret: secret, email: email.trim(), language } });
  };
  if (subscribed.data?.subscribeToMyCase)
    return (
      <p role="status" className="success" data-testid="case-subscribed">
        {t('follow.subscribed')}
      </p>
    );
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="case-subscription">
      <h3>{t('follow.byEmail')}</h3>
      <label>
        {t('follow.email')}
        <input
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-describedby="subscription-notice subscription-email-error"
        />
        <FieldError id="subscription-email-error" error={emailError ?? undefined} />
      </label>
      <label>
        {t('follow.emailLanguage')}
        <select name="language" value={language} onChange={(event) => setLanguage(event.target.value as 'TH' | 'EN')}>
          <option value="TH">ภาษาไทย</option>
          <option value="EN">English</option>
        </select>
      </label>
      <p className="muted" id="subscription-notice">
        {t('follow.emailNotice')}
      </p>
      <button type="submit" disabled={subscribed.fetching}>
        {t('follow.subscribe')}
      </button>
      <ApiError error={subscribed.error} />
    </form>
  );
}
