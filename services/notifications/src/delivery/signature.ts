import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A webhook's signature: HMAC-SHA256 with the subscription's secret over `<timestamp>.<body>`, hex, sent as
 * `X-PCC-Signature: sha256=<hex>` beside `X-PCC-Timestamp: <unix seconds>`. Signing the timestamp with the body
 * lets a receiver refuse a replayed request (an old timestamp) as well as a forged one.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (also the reference for partners): recompute and compare in constant time. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
