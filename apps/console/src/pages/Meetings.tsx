import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { FollowUpActionsQuery, MeetingsQuery } from '../graphql/operations';
import { overdueFirst } from '../lib/follow-up-actions';
import { useSession } from '../session';
import { FollowUpActionTable } from '../components/FollowUpActionTable';
import { MeetingCard } from '../components/MeetingCard';
import { ApiError, Empty, Loading } from '../components/States';

/**
 * The network's meetings and what they agreed. The coordinator: every organization's open follow-up
 * actions (overdue first), then the meetings newest first with their resolutions and actions. An
 * officer: their organization's actions with the status changes they may make, then the meetings.
 */
export function Meetings() {
  const { t } = useTranslation();
  const { session } = useSession();
  const admin = session.role === 'NETWORK_ADMIN';
  const [actions, refetchActions] = useQuery({
    query: FollowUpActionsQuery,
    variables: { filter: admin ? { status: ['OPEN', 'IN_PROGRESS'] } : {} },
  });
  const [meetings, refetchMeetings] = useQuery({ query: MeetingsQuery });
  const rows = overdueFirst(actions.data?.followUpActions.edges.map((edge) => edge.node) ?? []);
  const list = meetings.data?.meetings.edges.map((edge) => edge.node) ?? [];
  const refresh = () => {
    refetchActions({ requestPolicy: 'network-only' });
    refetchMeetings({ requestPolicy: 'network-only' });
  };
  return (
    <section>
      <h1>{t('meetings.title')}</h1>
      <section aria-labelledby="open-actions">
        <h2 id="open-actions">{t(admin ? 'meetings.openActions' : 'meetings.ourActions')}</h2>
        {actions.fetching && !actions.data && <Loading />}
        <ApiError error={actions.error} />
        {actions.data && rows.length === 0 && (
          <Empty message={t(admin ? 'meetings.noOpenActions' : 'meetings.noActions')} />
        )}
        {rows.length > 0 && (
          <div data-testid={admin ? 'open-actions' : 'our-actions'}>
            <FollowUpActionTable
              actions={rows}
              caption={t('meetings.actionsCaption', { count: actions.data?.followUpActions.totalCount ?? 0 })}
              withMeeting
              withMoves
              onChanged={refresh}
            />
          </div>
        )}
      </section>
      <section aria-labelledby="meeting-list">
        <h2 id="meeting-list">{t('meetings.list')}</h2>
        {meetings.fetching && !meetings.data && <Loading />}
        <ApiError error={meetings.error} />
        {meetings.data && list.length === 0 && <Empty message={t('meetings.empty')} />}
        {list.map((meeting) => (
          <MeetingCard key={meeting.id} meeting={meeting} />
        ))}
      </section>
    </section>
  );
}
