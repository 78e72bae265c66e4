// The event bus without the outbox, as an entry of its own (`@pcc/events/bus`): the catalogue, the
// envelope, its Kafka encoding and the client. A process that only reads or writes Kafka (the gateway,
// the registry's followers) imports this and never loads PostgreSQL's driver, the relay, the
// consumer runner or the tools.
export * from './catalogue';
export { type DomainEvent, newEvent } from './envelope';
export { toKafkaMessage, fromKafkaMessage, MalformedMessageError, SPEC_VERSION } from './cloudevents';
export {
  createKafka,
  ensureTopics,
  readTopicConfigs,
  MAX_BATCH_BYTES,
  MESSAGE_MAX_BYTES,
  type KafkaSettings,
  type TopicOptions,
} from './kafka';
