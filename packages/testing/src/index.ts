export { createTestDatabase, type TestDatabase } from '@pcc/db';
export { kafkaBrokers, testKafka, uniqueTopic } from './kafka';
export { brokerIsOurs, startBroker, stopBroker } from './broker';
export { waitFor } from './wait';
export { EventTap, type TappedMessage } from './event-tap';
