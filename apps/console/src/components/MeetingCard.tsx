import { useTranslation } from 'react-i18next';
import type { ConsoleMeetingsQuery } from '../generated/graphql';
import { formatDate, type Language } from '../lib/format';
import { FollowUpActionTable } from './FollowUpActionTable';

export type MeetingItem = ConsoleMeetingsQuery['meetings']['edges'][number]['node'];

/** One meeting: kind, date, place, the organizations present, its agenda and resolutions with their actions. */
export function MeetingCard({ meeting }: { meeting: MeetingItem }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const headingId = `meeting-${meeting.id}`;
  return (
    <article className="card" data-testid="meeting" data-kind={meeting.kind} aria-labelledby={headingId}>
      <h3 id={headingId}>{meeting.title}</h3>
      <dl className="facts">
        <dt>{t('meetings.kind')}</dt>
        <dd>{t(`meetingKind.${meeting.kind}`)}</dd>
        <dt>{t('meetings.heldOn')}</dt>
        <dd>{formatDate(meeting.heldOn, language)}</dd>
        <dt>{t('meetings.place')}</dt>
        <dd>{meeting.place}</dd>
        <dt>{t('meetings.present')}</dt>
        <dd data-testid="meeting-organizations">
          {meeting.organizations.map((o) => (language === 'en' ? o.nameEn : o.nameTh)).join(', ') || '—'}
        </dd>
      </dl>
      {meeting.agenda.length > 0 && (
        <>
          <h4>{t('meetings.agenda')}</h4>
          <ol>
            {meeting.agenda.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('meetings.resolutions')}</h4>
      {meeting.resolutions.length === 0 ? (
        <p className="muted empty">{t('meetings.noResolutions')}</p>
      ) : (
        meeting.resolutions.map((resolution) => (
          <section key={resolution.id} data-testid="resolution" data-number={resolution.number}>
            <p>
              <strong>{t('meetings.resolutionNumber', { number: resolution.number })}</strong> {resolution.text}
            </p>
            {resolution.actions.length > 0 && (
              <FollowUpActionTable
                actions={resolution.actions}
                caption={t('meetings.actionsOf', { number: resolution.number })}
              />
            )}
          </section>
        ))
      )}
    </article>
  );
}
