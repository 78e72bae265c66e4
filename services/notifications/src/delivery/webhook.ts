import { signWebhook } from './signature';

export interface WebhookDelivery {
  deliveryId: string;
  eventId: string;
  eventType: string;
  url: string;
  secret: string;
  body: string;
}

/** POSTs one signed webhook; resolves on a 2xx answer, throws with the reason otherwise. */
export async function postWebhook(delivery: WebhookDelivery, timeoutMs: number): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-pcc-event-id': delivery.eventId,
      'x-pcc-event-type': delivery.eventType,
      // The same on every attempt: receivers drop a delivery they already handled.
      'x-pcc-delivery-id': delivery.deliveryId,
      'x-pcc-timestamp': String(timestamp),
      'x-pcc-signature': signWebhook(delivery.secret, timestamp, delivery.body),
    },
    body: delivery.body,
    // A redirect would send the signed body somewhere the organization did not register.
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
}
