import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { FollowUpActionRowFragment } from '../generated/graphql';
import { UpdateFollowUpActionStatusMutation } from '../graphql/operations';
import { formatDate, type Language } from '../lib/format';
import { followUpMoves } from '../lib/permissions';
import { useSession } from '../session';
import { ApiError } from './States';

/**
 * Follow-up actions as a table: what was agreed, for which organization, by when, its status (overdue
 * marked); `withMoves`: the status changes the caller may make, as buttons.
 */
export function FollowUpActionTable({
  actions,
  caption,
  withMeeting = false,
  withMoves = false,
  onChanged,
}: {
  actions: readonly FollowUpActionRowFragment[];
  caption: string;
  withMeeting?: boolean;
  withMoves?: boolean;
  onChanged?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const [updated, update] = useMutation(UpdateFollowUpActionStatusMutation);
  return (
    <>
      <ApiError error={updated.error} />
      <div className="table-scroll">
        <table className="table" data-testid="follow-up-actions">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.organization')}</th>
              {withMeeting && <th scope="col">{t('meetings.resolution')}</th>}
              <th scope="col">{t('meetings.action')}</th>
              <th scope="col">{t('meetings.dueOn')}</th>
              <th scope="col">{t('meetings.status')}</th>
              {withMoves && <th scope="col">{t('meetings.update')}</th>}
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <tr
                key={action.id}
                className={action.overdue ? 'overdue' : undefined}
                data-testid="follow-up-action"
                data-code={action.organization.code}
                data-status={action.status}
                data-overdue={action.overdue}
              >
                <td>{language === 'en' ? action.organization.nameEn : action.organization.nameTh}</td>
                {withMeeting && (
                  <td>
                    {t('meetings.resolutionOf', {
                      number: action.resolution.number,
                      date: formatDate(action.meeting.heldOn, language),
                    })}
                    <br />
                    <span className="muted">{action.resolution.text}</span>
                  </td>
                )}
                <td>{action.description}</td>
                <td>{formatDate(action.dueOn, language)}</td>
                <td>
                  <span data-testid="action-status">{t(`actionStatus.${action.status}`)}</span>
                  {action.overdue && (
                    <strong className="badge danger" data-testid="overdue">
                      {t('meetings.overdue')}
                    </strong>
                  )}
                </td>
                {withMoves && (
                  <td>
                    <div className="row wrap">
                      {followUpMoves(action.status, session.role).map((to) => (
                        <button
                          key={to}
                          type="button"
                          disabled={updated.fetching}
                          onClick={() =>
                            void update({ id: action.id, status: to }).then((result) => {
                              if (!result.error) onChanged?.();
                            })
                          }
                        >
                          {t(`actionMove.${to}`)}
                        </button>
                      ))}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
