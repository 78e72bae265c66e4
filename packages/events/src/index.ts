export * from './bus';
export { Outbox, type NewEvent } from './outbox/append';
export { CreateOutboxAndInbox1764115200000, eventsMigrations } from './outbox/migration';
export { CreateOutboxParked1764900000000 } from './outbox/parked-migration';
export { CreateAggregateVersion1764900000001 } from './outbox/version-migration';
export { versionOf } from './outbox/version';
export { listParked, redriveParked, type ParkedEvent } from './relay/parked';
export { OutboxRelay, type RelaySettings, type RelayStats } from './relay/relay';
export {
  ConsumerRunner,
  isTransient,
  type ConsumerSettings,
  type ConsumerStats,
  type PartitionLag,
} from './consumer/runner';
export type { BatchEventHandler, EventHandler, Subscription } from './consumer/types';
export { buildAsyncApiDocument, jsonSchemaOf } from './asyncapi';
export { compatibilityProblems, eventSchemaFiles, readSchemaFiles, SCHEMAS_DIR, type JsonSchema } from './schema-files';
export { replayProjection, ReplayRefusedError, type ProjectionDeclaration, type ReplayResult } from './replay';
export { groupLag, lagByTopic } from './tools/lag';
export { readTopics, type ReadOptions } from './tools/read';
export { listDeadLetters, redriveDeadLetters, type DeadLetter } from './tools/dlq';
export { renderCataloguePage, fieldsOf, examplePayload } from './published/page';
export { publishedFiles, PUBLISHED_FOLDER } from './published/files';
