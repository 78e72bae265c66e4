// Resolver types from schema.graphql, generated at build time (settings shared by every service).
import { resolverTypesConfig } from '@pcc/subgraph-kit/codegen';

export default resolverTypesConfig({
  NotificationSubscription: '../store/rows#SubscriptionRow',
  NotificationDelivery: '../store/rows#DeliveryRow',
});
