import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signWebhook } from './signature';
import { checkUrlShape, guardedLookup, type WebhookTargetPolicy } from './webhook-target';

export interface WebhookDelivery {
  deliveryId: string;
  eventId: string;
  eventType: string;
  url: string;
  secret: string;
  body: string;
}

/**
 * POSTs one signed webhook; resolves on a 2xx answer, throws with the reason otherwise. The target
 * is checked again here, whatever it was when the subscription was made: the scheme and a literal
 * address before anything is sent, a name's addresses by the lookup the connection itself uses
 * (`guardedLookup`): a refused target sends nothing and fails the attempt like an unreachable one.
 * node:http rather than fetch: it takes that lookup per request, and it follows no redirect (a
 * redirect would send the signed body somewhere the organization did not register).
 */
export async function postWebhook(
  delivery: WebhookDelivery,
  timeoutMs: number,
  policy: WebhookTargetPolicy,
): Promise<void> {
  const url = checkUrlShape(delivery.url, policy);
  const timestamp = Math.floor(Date.now() / 1000);
  const body = Buffer.from(delivery.body, 'utf8');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const status = await new Promise<number>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      lookup: guardedLookup(policy),
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'x-pcc-event-id': delivery.eventId,
        'x-pcc-event-type': delivery.eventType,
        // The same on every attempt: receivers drop a delivery they already handled.
        'x-pcc-delivery-id': delivery.deliveryId,
        'x-pcc-timestamp': String(timestamp),
        'x-pcc-signature': signWebhook(delivery.secret, timestamp, delivery.body),
      },
    });
    req.on('response', (response) => {
      // The answer's body is not read: drop it, so the socket is freed.
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
}
