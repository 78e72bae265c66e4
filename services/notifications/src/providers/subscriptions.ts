import { randomBytes } from 'node:crypto';
import { requireActiveOrganization } from '@pcc/organization-projection';
import { badInput, forbidden, isUuid, notFound, pageSize, parseInput, type RequestScope } from '@pcc/subgraph-kit';
import {
  DELIVERY_COLUMNS,
  SUBSCRIPTION_COLUMNS,
  type DeliveryRow,
  type DeliveryStatus,
  type Language,
  type SubscriptionRow,
} from '../store/rows';
import { checkTarget, WebhookTargetRefused, type WebhookTargetPolicy } from '../delivery/webhook-target';
import { emailInput, reporterInput, webhookInput } from './inputs';
import type { ReporterCheck } from './reporter-check';

/**
 * Subscriptions and their deliveries, for the caller: an organization's are managed by its officers and
 * network admins, the network centre's by network admins; a reporter's only come into being through the
 * cases service's check of the tracking code and secret, and are never read back by anyone.
 */
export class SubscriptionManager {
  constructor(
    private readonly scope: RequestScope,
    private readonly reporterCheck: ReporterCheck,
    private readonly webhookTargets: WebhookTargetPolicy,
  ) {}

  private get db() {
    return this.scope.dataSource;
  }

  private async authorize(organizationId: string | null): Promise<void> {
    if (organizationId === null) await this.scope.viewer.assert('notification:manageNetwork');
    else await this.scope.viewer.assert('notification:manage', organizationId);
  }

  /** A subscription the caller manages (a reporter's is NOT_FOUND to everyone). */
  private async managed(id: string): Promise<SubscriptionRow> {
    if (!this.scope.viewer.isStaff) throw forbidden('Only officers and network admins manage notifications');
    const [row] = isUuid(id)
      ? await this.db.query<SubscriptionRow[]>(
          `SELECT ${SUBSCRIPTION_COLUMNS} FROM notification_subscription WHERE id = $1 AND audience <> 'REPORTER'`,
          [id],
        )
      : [];
    if (!row) throw notFound('Subscription', id);
    await this.authorize(row.organizationId);
    return row;
  }

  async list(organizationId: string | null): Promise<SubscriptionRow[]> {
    if (organizationId !== null && !isUuid(organizationId))
      throw badInput('Not an organization id', { organizationId: 'not a uuid' });
    await this.authorize(organizationId);
    return this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM notification_subscription
       WHERE audience = $1 AND organization_id IS NOT DISTINCT FROM $2 ORDER BY created_at, id`,
      [organizationId === null ? 'NETWORK' : 'ORGANIZATION', organizationId],
    );
  }

  async byId(id: string): Promise<SubscriptionRow> {
    return this.managed(id);
  }

  async deliveries(
    subscriptionId: string,
    status: DeliveryStatus | null,
    first: number | null,
  ): Promise<DeliveryRow[]> {
    await this.managed(subscriptionId);
    return this.db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_delivery
       WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id LIMIT $3`,
      [subscriptionId, status, pageSize(first)],
    );
  }

  private async create(
    organizationId: string | null,
    channel: 'WEBHOOK' | 'EMAIL',
    target: string,
    language: Language,
    secret: string | null,
  ): Promise<SubscriptionRow> {
    await this.authorize(organizationId);
    if (organizationId !== null)
      await requireActiveOrganization(this.db.manager, organizationId, 'input.organizationId');
    const [row] = await this.db.query<SubscriptionRow[]>(
      `INSERT INTO notification_subscription (audience, channel, organization_id, target, language, secret)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [organizationId === null ? 'NETWORK' : 'ORGANIZATION', channel, organizationId, target, language, secret],
    );
    return row!;
  }

  async createWebhook(input: unknown): Promise<{ subscription: SubscriptionRow; secret: string }> {
    const { organizationId, url } = parseInput(webhookInput, input);
    // Who may comes first: no one else learns from the answer where a name resolves.
    await this.authorize(organizationId ?? null);
    try {
      await checkTarget(url, this.webhookTargets);
    } catch (error) {
      if (error instanceof WebhookTargetRefused)
        throw badInput(`The webhook URL is refused: ${error.message}`, { 'input.url': error.reason });
      throw error;
    }
    const secret = randomBytes(32).toString('base64url');
    // Webhooks carry the event's JSON: no language; EN is stored for the column's sake.
    const subscription = await this.create(organizationId ?? null, 'WEBHOOK', url, 'EN', secret);
    return { subscription, secret };
  }

  async createEmail(input: unknown): Promise<SubscriptionRow> {
    const { organizationId, email, language } = parseInput(emailInput, input);
    return this.create(organizationId ?? null, 'EMAIL', email, language, null);
  }

  /** Idempotent: the same address for the same case is one subscription (its language updated). */
  async subscribeReporter(input: unknown): Promise<true> {
    const { trackingCode, reporterSecret, email, language } = parseInput(reporterInput, input);
    const caseId = await this.reporterCheck(trackingCode, reporterSecret);
    await this.db.transaction(async (tx) => {
      const [updated] = await tx.query<[unknown[], number]>(
        `UPDATE notification_subscription SET language = $3, active = true
         WHERE audience = 'REPORTER' AND case_id = $1 AND target = $2 RETURNING id`,
        [caseId, email, language],
      );
      if (updated.length === 0)
        await tx.query(
          `INSERT INTO notification_subscription (audience, channel, case_id, target, language)
           VALUES ('REPORTER', 'EMAIL', $1, $2, $3)`,
          [caseId, email, language],
        );
    });
    return true;
  }

  async deactivate(id: string): Promise<SubscriptionRow> {
    await this.managed(id);
    const [rows] = await this.db.query<[SubscriptionRow[], number]>(
      `UPDATE notification_subscription SET active = false WHERE id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [id],
    );
    return rows[0]!;
  }

  /** A failed (DEAD) or waiting delivery, due again now with a fresh count of attempts. */
  async redeliver(deliveryId: string): Promise<DeliveryRow> {
    const [found] = isUuid(deliveryId)
      ? await this.db.query<Array<{ subscriptionId: string; status: DeliveryStatus }>>(
          'SELECT subscription_id AS "subscriptionId", status FROM notification_delivery WHERE id = $1',
          [deliveryId],
        )
      : [];
    if (!found) throw notFound('Delivery', deliveryId);
    await this.managed(found.subscriptionId).catch((error: unknown) => {
      // A delivery to a reporter is as unknown to staff as the reporter's subscription.
      throw error instanceof Error && 'code' in error && error.code === 'NOT_FOUND'
        ? notFound('Delivery', deliveryId)
        : error;
    });
    const [rows] = await this.db.query<[DeliveryRow[], number]>(
      `UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL
       WHERE id = $1 RETURNING ${DELIVERY_COLUMNS}`,
      [deliveryId],
    );
    return rows[0]!;
  }
}
