import { DateTimeScalar } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    notificationSubscriptions: (_parent, { organizationId }, { subscriptions }) =>
      subscriptions.list(organizationId ?? null),
    notificationDeliveries: (_parent, { subscriptionId, status, first }, { subscriptions }) =>
      subscriptions.deliveries(subscriptionId, status ?? null, first ?? null),
  },
  Mutation: {
    createWebhookSubscription: (_parent, { input }, { subscriptions }) => subscriptions.createWebhook(input),
    createEmailSubscription: (_parent, { input }, { subscriptions }) => subscriptions.createEmail(input),
    subscribeToMyCase: (_parent, { input }, { subscriptions }) => subscriptions.subscribeReporter(input),
    deactivateNotificationSubscription: (_parent, { id }, { subscriptions }) => subscriptions.deactivate(id),
    redeliverNotification: (_parent, { deliveryId }, { subscriptions }) => subscriptions.redeliver(deliveryId),
  },
  NotificationDelivery: {
    subscription: (delivery, _args, { subscriptions }) => subscriptions.byId(delivery.subscriptionId),
  },
  DateTime: DateTimeScalar,
};
