import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile, type SubgraphDeps } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import type { ReporterCheck } from './providers/reporter-check';
import type { WebhookTargetPolicy } from './delivery/webhook-target';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

export interface NotificationsDeps extends SubgraphDeps {
  /** How a reporter's tracking code and secret are checked (the cases subgraph, in the process). */
  reporterCheck: ReporterCheck;
  /** Where webhook subscriptions may point (`webhookTargetsOf(config)`): checked when one is created. */
  webhookTargets: WebhookTargetPolicy;
}

/** Builds the notifications subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context, NotificationsDeps>({
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps) => createContext(deps.dataSource, deps.reporterCheck, deps.webhookTargets),
});

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { caseNotifications, caseLink, projectNotifications, wasteNotifications } from './events/notify';
export { casesResolutionReader } from './providers/resolution-reader';
export { Dispatcher } from './delivery/dispatcher';
export { Mailer } from './delivery/mailer';
export { verifyWebhook, signWebhook } from './delivery/signature';
export {
  checkTarget,
  isPublicAddress,
  WebhookTargetRefused,
  type WebhookTargetPolicy,
} from './delivery/webhook-target';
export { render } from './messages/render';
