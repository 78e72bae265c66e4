/** Rows of this service's tables as SQL returns them (columns aliased to camelCase). */
export type Audience = 'ORGANIZATION' | 'NETWORK' | 'REPORTER';
export type Channel = 'WEBHOOK' | 'EMAIL';
export type Language = 'TH' | 'EN';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface SubscriptionRow {
  id: string;
  audience: Audience;
  channel: Channel;
  organizationId: string | null;
  caseId: string | null;
  target: string;
  language: Language;
  active: boolean;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const SUBSCRIPTION_COLUMNS = `id, audience, channel, organization_id AS "organizationId", case_id AS "caseId",
  target, language, active, created_at AS "createdAt"`;

export const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", event_type AS "eventType", status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", delivered_at AS "deliveredAt", created_at AS "createdAt"`;
