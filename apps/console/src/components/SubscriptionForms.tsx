import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CreateEmailSubscriptionMutation, CreateWebhookSubscriptionMutation } from '../graphql/operations';
import { validateEmail, validateWebhookUrl } from '../lib/validation';
import { FieldError } from './FieldError';
import { ApiError } from './States';

/**
 * Adds a signed webhook (its signing secret shown this once, with the warning to keep it) or an
 * officer's e-mail, for an organization or, without `organizationId`, the network centre.
 */
export function SubscriptionForms({ organizationId, onAdded }: { organizationId?: string; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [language, setLanguage] = useState<'TH' | 'EN'>(i18n.language === 'en' ? 'EN' : 'TH');
  const [webhook, createWebhook] = useMutation(CreateWebhookSubscriptionMutation);
  const [mail, createEmail] = useMutation(CreateEmailSubscriptionMutation);
  const addWebhook = async (event: React.FormEvent) => {
    event.preventDefault();
    const problem = validateWebhookUrl(url);
    setUrlError(problem);
    if (problem) return;
    const result = await createWebhook({ input: { organizationId: organizationId ?? null, url: url.trim() } });
    if (result.data) {
      setUrl('');
      onAdded();
    }
  };
  const addEmail = async (event: React.FormEvent) => {
    event.preventDefault();
    const problem = validateEmail(email);
    setEmailError(problem);
    if (problem) return;
    const result = await createEmail({
      input: { organizationId: organizationId ?? null, email: email.trim(), language },
    });
    if (result.data) {
      setEmail('');
      onAdded();
    }
  };
  const secret = webhook.data?.createWebhookSubscription.secret;
  return (
    <div className="row wrap">
      <form className="form" onSubmit={(event) => void addWebhook(event)} noValidate data-testid="webhook-form">
        <h2>{t('notifications.addWebhook')}</h2>
        <label>
          {t('notifications.url')}
          <input
            type="url"
            name="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://"
            aria-describedby="url-error"
          />
          <FieldError id="url-error" error={urlError ?? undefined} />
        </label>
        <button type="submit" disabled={webhook.fetching}>
          {t('notifications.add')}
        </button>
        <ApiError error={webhook.error} />
        {secret && (
          <div role="alert" className="warning" data-testid="webhook-secret">
            <p>{t('notifications.secretWarning')}</p>
            <code>{secret}</code>
          </div>
        )}
      </form>
      <form className="form" onSubmit={(event) => void addEmail(event)} noValidate data-testid="email-form">
        <h2>{t('notifications.addEmail')}</h2>
        <label>
          {t('notifications.email')}
          <input
            type="email"
            name="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby="email-error"
          />
          <FieldError id="email-error" error={emailError ?? undefined} />
        </label>
        <label>
          {t('notifications.language')}
          <select name="language" value={language} onChange={(event) => setLanguage(event.target.value as 'TH' | 'EN')}>
            <option value="TH">ภาษาไทย</option>
            <option value="EN">English</option>
          </select>
        </label>
        <button type="submit" disabled={mail.fetching}>
          {t('notifications.add')}
        </button>
        <ApiError error={mail.error} />
      </form>
    </div>
  );
}
