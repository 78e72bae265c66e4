export { createTestDatabase, type TestDatabase } from '@pcc/db';
export { kafkaBrokers, testKafka, uniqueTopic } from './kafka';
export { brokerIsOurs, startBroker, startPrivateBroker, stopBroker, type PrivateBroker } from './broker';
export { waitFor } from './wait';
export { EventTap, type TappedMessage } from './event-tap';
export {
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  uncheckedVariables,
  type GraphQLClient,
  type GraphQLErrorBody,
  type GraphQLResponse,
  type InjectTarget,
  type UncheckedVariables,
} from './graphql-client';
export { IdentityFactory } from './identities';
export { defineRowFactory, type RowFactory } from './row-factory';
export { deferred, type Deferred } from './deferred';
export { HoldingServer, type HeldRequest } from './holding-server';
export { freePort, ServiceProcess } from './service-process';
export { modulesLoadedBy } from './loaded-modules';
