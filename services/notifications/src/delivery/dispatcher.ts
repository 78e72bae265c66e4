import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Mailer } from './mailer';
import { postWebhook } from './webhook';
import type { WebhookTargetPolicy } from './webhook-target';

export interface DispatcherSettings {
  dataSource: DataSource;
  mailer: Mailer;
  log: Logger;
  /** Attempts before a delivery becomes a dead-letter record (status DEAD). */
  maxAttempts: number;
  /** The wait after the first failure; doubled after each further one, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  pollIntervalMs: number;
  /** How long a claimed delivery is held by this process while it sends (then another may take it). */
  leaseMs: number;
  webhookTimeoutMs: number;
  /** Where webhooks may go (no private addresses unless allowed): checked again at every attempt. */
  webhookTargets: WebhookTargetPolicy;
  batchSize: number;
}

interface Claimed {
  id: string;
  eventId: string;
  eventType: string;
  subject: string;
  body: string;
  attempts: number;
  channel: 'WEBHOOK' | 'EMAIL';
  target: string;
  secret: string | null;
}

// A mail server's refusal may quote the address; what is stored and logged never holds it.
const withoutAddresses = (message: string) => message.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>').slice(0, 500);

/**
 * Sends what the consumers queued. Every step is in the database, so a restart resumes where it
 * stopped: due deliveries are claimed with `FOR UPDATE SKIP LOCKED` under a lease (several processes
 * may run), sent outside any transaction, then marked DELIVERED, or given their next attempt with
 * exponential backoff, or, after `maxAttempts`, kept as DEAD until `redeliverNotification`.
 * A crash between sending and marking sends again after the lease: at least once, with a stable
 * `X-PCC-Delivery-Id` for receivers to drop the repeat.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly settings: DispatcherSettings) {}

  start(): void {
    const tick = () => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.settings.log.warn({ err: error }, 'notification dispatch failed; will retry'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.settings.pollIntervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and sends the due deliveries once; returns how many were attempted. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    const { dataSource, batchSize, leaseMs } = this.settings;
    // An UPDATE answers [rows, affected count] through TypeORM.
    const [claimed] = await dataSource.query<[Claimed[], number]>(
      `WITH due AS (
         SELECT d.id FROM notification_delivery d JOIN notification_subscription s ON s.id = d.subscription_id
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND s.active
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
       FROM due, notification_subscription s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.event_id AS "eventId", d.event_type AS "eventType", d.subject, d.body, d.attempts,
         s.channel, s.target, s.secret`,
      [batchSize, leaseMs],
    );
    return claimed;
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const { dataSource, log } = this.settings;
    try {
      if (delivery.channel === 'WEBHOOK')
        await postWebhook(
          {
            deliveryId: delivery.id,
            eventId: delivery.eventId,
            eventType: delivery.eventType,
            url: delivery.target,
            secret: delivery.secret!,
            body: delivery.body,
          },
          this.settings.webhookTimeoutMs,
          this.settings.webhookTargets,
        );
      else await this.settings.mailer.send({ to: delivery.target, subject: delivery.subject, text: delivery.body });
    } catch (error) {
      await this.failed(delivery, withoutAddresses(error instanceof Error ? error.message : String(error)));
      return;
    }
    await dataSource.query(
      `UPDATE notification_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = now(),
         next_attempt_at = NULL, last_error = NULL WHERE id = $1`,
      [delivery.id],
    );
    log.info(
      { deliveryId: delivery.id, eventType: delivery.eventType, channel: delivery.channel },
      'notification delivered',
    );
  }

  private async failed(delivery: Claimed, reason: string): Promise<void> {
    const { dataSource, log, maxAttempts, retryBaseMs, retryMaxMs } = this.settings;
    const attempts = delivery.attempts + 1;
    const dead = attempts >= maxAttempts;
    const waitMs = Math.min(retryBaseMs * 2 ** (attempts - 1), retryMaxMs);
    await dataSource.query(
      `UPDATE notification_delivery SET attempts = $2, last_error = $3,
         status = CASE WHEN $4 THEN 'DEAD' ELSE 'PENDING' END,
         next_attempt_at = CASE WHEN $4 THEN NULL ELSE now() + make_interval(secs => $5 / 1000.0) END
       WHERE id = $1`,
      [delivery.id, attempts, reason, dead, waitMs],
    );
    log.warn(
      { deliveryId: delivery.id, channel: delivery.channel, attempts, reason, dead },
      dead ? 'notification dead-lettered' : 'notification attempt failed; will retry',
    );
  }
}
