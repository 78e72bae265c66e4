import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { DeadDeliveriesQuery, RedeliverNotificationMutation } from '../graphql/operations';
import { formatDateTime, type Language } from '../lib/format';
import { ApiError, Empty, Loading } from './States';

/** One subscription's dead-letter records (every attempt failed), each with "send again". */
export function DeadDeliveries({ subscriptionId }: { subscriptionId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DeadDeliveriesQuery,
    variables: { subscriptionId },
    requestPolicy: 'cache-and-network',
  });
  const [redelivered, redeliver] = useMutation(RedeliverNotificationMutation);
  const dead = data?.notificationDeliveries ?? [];
  return (
    <div data-testid="dead-deliveries">
      {fetching && !data && <Loading />}
      <ApiError error={error ?? redelivered.error} />
      {data && !dead.length && <Empty message={t('notifications.noDead')} />}
      {dead.length > 0 && (
        <table className="table">
          <caption>{t('notifications.deadTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.event')}</th>
              <th scope="col">{t('notifications.created')}</th>
              <th scope="col">{t('notifications.attempts')}</th>
              <th scope="col">{t('notifications.lastError')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('notifications.redeliver')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {dead.map((delivery) => (
              <tr key={delivery.id} data-testid="dead-row">
                <td>{delivery.eventType}</td>
                <td>{formatDateTime(delivery.createdAt, language)}</td>
                <td className="number">{delivery.attempts}</td>
                <td>{delivery.lastError ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    disabled={redelivered.fetching}
                    onClick={() =>
                      void redeliver({ deliveryId: delivery.id }).then((result) => {
                        if (result.data) refetch({ requestPolicy: 'network-only' });
                      })
                    }
                  >
                    {t('notifications.redeliver')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
