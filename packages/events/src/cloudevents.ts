import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { DomainEvent } from './envelope';

/**
 * CloudEvents 1.0 in Kafka binary content mode: the payload is the message value (JSON), the
 * attributes are `ce_`-prefixed headers, the key is the aggregate id (the CloudEvents subject).
 * The context of the request that caused the event travels as the distributed-tracing extension
 * attribute `ce_traceparent`; the plain `traceparent` header belongs to the kafkajs
 * instrumentation (the hop from the relay's send span), which overwrites it on every send.
 */
export const SPEC_VERSION = '1.0';

export function toKafkaMessage(event: DomainEvent): Message {
  const headers: IHeaders = {
    ce_specversion: SPEC_VERSION,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    ce_subject: event.subject,
    'content-type': 'application/json',
  };
  if (event.traceparent) headers.ce_traceparent = event.traceparent;
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString('utf8');
}

/** Reads a Kafka message back into a DomainEvent; the payload is not validated here (see EventCatalogue). */
export function fromKafkaMessage(message: KafkaMessage): DomainEvent {
  const required = ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time'] as const;
  const missing = required.filter((name) => header(message, name) === undefined);
  if (missing.length) throw new MalformedMessageError(`missing CloudEvents headers: ${missing.join(', ')}`);
  if (header(message, 'ce_specversion') !== SPEC_VERSION) {
    throw new MalformedMessageError(`unsupported ce_specversion ${header(message, 'ce_specversion')}`);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(header(message, 'ce_id') ?? '')) {
    throw new MalformedMessageError('ce_id is not a uuid');
  }
  const contentType = header(message, 'content-type');
  if (contentType !== undefined && !contentType.startsWith('application/json')) {
    throw new MalformedMessageError(`unsupported content-type ${contentType}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? 'null');
  } catch {
    throw new MalformedMessageError('value is not valid JSON');
  }
  return {
    id: header(message, 'ce_id') as string,
    type: header(message, 'ce_type') as string,
    source: header(message, 'ce_source') as string,
    time: header(message, 'ce_time') as string,
    subject: header(message, 'ce_subject') ?? message.key?.toString('utf8') ?? '',
    traceparent: header(message, 'ce_traceparent'),
    data,
  };
}
