import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { SubscriptionManager } from './providers/subscriptions';
import type { ReporterCheck } from './providers/reporter-check';
import type { WebhookTargetPolicy } from './delivery/webhook-target';

/** What resolvers get for one request: the subscriptions, managed for the caller. */
export interface Context extends BaseContext {
  subscriptions: SubscriptionManager;
}

export function createContext(
  dataSource: DataSource,
  reporterCheck: ReporterCheck,
  webhookTargets: WebhookTargetPolicy,
) {
  return (base: BaseContext): Context => ({
    ...base,
    subscriptions: new SubscriptionManager(
      projectionScope(dataSource, base.identity, base.traceparent),
      reporterCheck,
      webhookTargets,
    ),
  });
}
