import { useTranslation } from 'react-i18next';
import { formatDateTime, type Language } from '../lib/format';

interface Entry {
  at: string;
  action: string;
  toStatus?: string | null;
  actorRole: string;
  actorOrganization?: string | null;
  note?: string | null;
}

/** A case's history, newest last. */
export function Timeline({ entries }: { entries: readonly Entry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('case.timeline')}>
      {entries.map((entry, index) => (
        <li key={index}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language as Language)}</time>{' '}
          <strong>{entry.toStatus ? t(`status.${entry.toStatus}`) : entry.action}</strong>{' '}
          <span className="muted">
            {t(`actor.${entry.actorRole}`, { defaultValue: entry.actorRole })}
            {entry.actorOrganization ? ` · ${entry.actorOrganization}` : ''}
          </span>
          {entry.note && <p>{entry.note}</p>}
        </li>
      ))}
    </ol>
  );
}
