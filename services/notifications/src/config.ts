import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';
import { service } from './service';

/** The notifications service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** The mail server (nodemailer's URL form: smtp://user:pass@host:port, smtps:// for implicit TLS). */
  SMTP_URL: env.url('smtp://127.0.0.1:1025', ['smtp', 'smtps']),
  MAIL_FROM: env.string('Phuket Clinic Center <no-reply@pcc.local>'),
  /** The cases subgraph, which alone can tell whether a reporter secret belongs to a tracking code, and holds resolutions. */
  CASES_SUBGRAPH_URL: env.url('http://127.0.0.1:4002/graphql', ['http', 'https']),
  /** The public page where a reporter opens their case (the console's follow page): the link to rate in messages. */
  NOTIFY_CASE_PAGE_URL: env.url('http://127.0.0.1:3000/follow', ['http', 'https']),
  NOTIFY_MAX_ATTEMPTS: env.int(8, 1, 100),
  NOTIFY_RETRY_BASE_MS: env.int(30_000, 10, 86_400_000),
  NOTIFY_RETRY_MAX_MS: env.int(6 * 3_600_000, 10, 7 * 86_400_000),
  NOTIFY_POLL_INTERVAL_MS: env.int(1_000, 10, 600_000),
  NOTIFY_WEBHOOK_TIMEOUT_MS: env.int(10_000, 100, 120_000),
  /**
   * Webhooks to loopback, private, link-local and other non-public addresses (src/delivery/webhook-target.ts):
   * refused unless this is true, for development, tests and the local demo only.
   */
  NOTIFY_WEBHOOK_ALLOW_PRIVATE: env.bool(false),
});

export type Config = z.infer<typeof configSchema>;

/** Where webhooks may go: no private addresses unless configured; https only in production. */
export const webhookTargetsOf = (config: Config) => ({
  allowPrivate: config.NOTIFY_WEBHOOK_ALLOW_PRIVATE,
  httpsOnly: config.NODE_ENV === 'production',
});

/** The dispatcher's settings from the environment. */
export const dispatchSettingsOf = (config: Config) => ({
  maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
  retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
  retryMaxMs: config.NOTIFY_RETRY_MAX_MS,
  pollIntervalMs: config.NOTIFY_POLL_INTERVAL_MS,
  webhookTimeoutMs: config.NOTIFY_WEBHOOK_TIMEOUT_MS,
  webhookTargets: webhookTargetsOf(config),
  // Longer than any send may take, so a delivery in flight is never claimed twice.
  leaseMs: config.NOTIFY_WEBHOOK_TIMEOUT_MS * 3,
  batchSize: 50,
});
