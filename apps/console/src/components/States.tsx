import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorKey } from '../lib/errors';
import type { LiveState } from '../live';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

export function Empty({ message }: { message: string }) {
  return <p className="muted empty">{message}</p>;
}

/** An API error as a person would understand it, by its typed code. */
export function ApiError({ error }: { error: CombinedError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error" data-code={error.graphQLErrors[0]?.extensions?.code as string | undefined}>
      {t(errorKey(error))}
    </p>
  );
}

export function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  if (state === 'off') return null;
  return (
    <span className={`live live-${state}`} data-testid="live" data-state={state}>
      {t(`live.${state}`)}
    </span>
  );
}
