import { z } from 'zod';
import type { EventCatalogue } from './catalogue/define';
import { describeRetention, topicConfig } from './catalogue/retention';
import { deadLetterTopic } from './catalogue/topics';

/** JSON Schema (draft 2020-12 by default; draft-07 inside AsyncAPI, which reads only that) of one event type's payload, generated from its zod schema. */
export function jsonSchemaOf(
  catalogue: EventCatalogue,
  type: string,
  target: 'draft-2020-12' | 'draft-7' = 'draft-2020-12',
): Record<string, unknown> {
  const definition = catalogue.get(type);
  if (!definition) throw new Error(`unknown event type ${type}`);
  return z.toJSONSchema(definition.schema, { target, io: 'output' });
}

const messageName = (type: string) => type.replace(/^pcc\./, '').replace(/[^a-zA-Z0-9]+/g, '_');
const channelName = (topic: string) => topic.replace(/[^a-zA-Z0-9]+/g, '_');

/**
 * The AsyncAPI 3.0 document analysts read: one channel per topic (address = topic name), one
 * message per event type with its payload schema and the CloudEvents headers, and the
 * dead-letter channels. Generated from the same catalogue that validates events at run time.
 */
export function buildAsyncApiDocument(
  catalogue: EventCatalogue,
  info: { version: string; brokers: string },
): Record<string, unknown> {
  const ceHeaders = {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'content-type'],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: { type: 'string', format: 'uuid', description: 'Event id; consumers deduplicate on it.' },
      ce_type: { type: 'string' },
      ce_source: { type: 'string', description: '/services/<name>' },
      ce_time: { type: 'string', format: 'date-time' },
      ce_subject: { type: 'string', description: 'Aggregate id; also the message key.' },
      'content-type': { type: 'string', const: 'application/json' },
      ce_traceparent: {
        type: 'string',
        description:
          'W3C trace context of the request (or event) that caused this event (distributed-tracing extension).',
      },
    },
  };
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of catalogue.topics()) {
    const definitions = catalogue.all().filter((d) => d.topic === topic);
    const channelMessages: Record<string, unknown> = {};
    for (const d of definitions) {
      const name = messageName(d.type);
      messages[name] = {
        name: d.type,
        title: d.type,
        summary: d.description,
        contentType: 'application/json',
        headers: ceHeaders,
        payload: {
          schemaFormat: 'application/schema+json;version=draft-07',
          schema: stripMeta(jsonSchemaOf(catalogue, d.type, 'draft-7')),
        },
      };
      channelMessages[name] = { $ref: `#/components/messages/${name}` };
    }
    const channel = channelName(topic);
    channels[channel] = {
      address: topic,
      description: `Events keyed by aggregate id. Retention: ${describeRetention(topic)}. Dead letters: ${deadLetterTopic(topic)}.`,
      messages: channelMessages,
      bindings: { kafka: kafkaTopicBinding(topic) },
    };
    channels[`${channel}_dlq`] = {
      address: deadLetterTopic(topic),
      description: `Messages of ${topic} a consumer could not handle, with dlq_* headers giving the error.`,
      messages: channelMessages,
    };
    operations[`receive_${channel}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      messages: Object.keys(channelMessages).map((m) => ({ $ref: `#/channels/${channel}/messages/${m}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'PCC platform events',
      version: info.version,
      description: 'Domain events of the Phuket Clinic Center network platform (CloudEvents 1.0, Kafka binary mode).',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: info.brokers, protocol: 'kafka', description: 'Kafka brokers' } },
    channels,
    operations,
    components: { messages },
  };
}

/** The topic's retention policy in the AsyncAPI Kafka channel binding (the broker's configs, as `ensureTopics` sets them). */
function kafkaTopicBinding(topic: string): Record<string, unknown> {
  const config = topicConfig(topic);
  return {
    topic,
    topicConfiguration: {
      'cleanup.policy': [config['cleanup.policy']],
      'retention.ms': Number(config['retention.ms']),
    },
    bindingVersion: '0.5.0',
  };
}

/** `$schema` inside an AsyncAPI payload is redundant with schemaFormat and trips some parsers. */
function stripMeta(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}
