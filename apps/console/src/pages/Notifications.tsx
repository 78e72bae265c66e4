import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { DeactivateSubscriptionMutation, InboxQuery, NotificationSubscriptionsQuery } from '../graphql/operations';
import { formatDateTime, type Language } from '../lib/format';
import { useSession } from '../session';
import { ApiError, Empty, Loading } from '../components/States';
import { DeadDeliveries } from '../components/DeadDeliveries';
import { SubscriptionForms } from '../components/SubscriptionForms';

/**
 * Who is notified: an officer manages its organization's subscriptions, the coordinator the network
 * centre's; each with its dead-letter records to send again.
 */
export function Notifications() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { session } = useSession();
  const officer = session.role === 'LGO_OFFICER';
  const [{ data: org }] = useQuery({ query: InboxQuery, variables: { code: session.org ?? '' }, pause: !officer });
  const organizationId = officer ? org?.organizationByCode?.id : undefined;
  const ready = !officer || Boolean(organizationId);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: NotificationSubscriptionsQuery,
    variables: { organizationId: organizationId ?? null },
    pause: !ready,
  });
  const [deactivated, deactivate] = useMutation(DeactivateSubscriptionMutation);
  const [open, setOpen] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const subscriptions = data?.notificationSubscriptions ?? [];
  return (
    <section>
      <h1>{t(officer ? 'notifications.title' : 'notifications.networkTitle')}</h1>
      {ready && <SubscriptionForms organizationId={organizationId} onAdded={reload} />}
      <h2>{t('notifications.subscriptions')}</h2>
      {fetching && <Loading />}
      <ApiError error={error ?? deactivated.error} />
      {data && !subscriptions.length && <Empty message={t('notifications.empty')} />}
      {subscriptions.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('notifications.channel')}</th>
              <th scope="col">{t('notifications.target')}</th>
              <th scope="col">{t('notifications.language')}</th>
              <th scope="col">{t('notifications.state')}</th>
              <th scope="col">{t('notifications.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('notifications.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((subscription) => (
              <tr key={subscription.id} data-testid="subscription-row" data-active={subscription.active}>
                <td>{t(`notifications.channels.${subscription.channel}`)}</td>
                <td>{subscription.target}</td>
                <td>{subscription.language === 'EN' ? 'English' : 'ภาษาไทย'}</td>
                <td>{t(subscription.active ? 'notifications.active' : 'notifications.inactive')}</td>
                <td>{formatDateTime(subscription.createdAt, language)}</td>
                <td>
                  <span className="row">
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === subscription.id}
                      onClick={() => setOpen(open === subscription.id ? null : subscription.id)}
                    >
                      {t('notifications.deadLetters')}
                    </button>
                    {subscription.active && (
                      <button
                        type="button"
                        className="link"
                        disabled={deactivated.fetching}
                        onClick={() =>
                          void deactivate({ id: subscription.id }).then((result) => {
                            if (result.data) reload();
                          })
                        }
                      >
                        {t('notifications.remove')}
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <DeadDeliveries subscriptionId={open} />}
    </section>
  );
}
