import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile, type SubgraphDeps } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import type { ReporterCheck } from './providers/reporter-check';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

export interface NotificationsDeps extends SubgraphDeps {
  /** How a reporter's tracking code and secret are checked (the cases subgraph, in the process). */
  reporterCheck: ReporterCheck;
}

/** Builds the notifications subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context, NotificationsDeps>({
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps) => createContext(deps.dataSource, deps.reporterCheck),
});

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { caseNotifications, projectNotifications, wasteNotifications } from './events/notify';
export { Dispatcher } from './delivery/dispatcher';
export { Mailer } from './delivery/mailer';
export { verifyWebhook, signWebhook } from './delivery/signature';
export { render } from './messages/render';
