import type { KafkaMessage } from 'kafkajs';
import { fromKafkaMessage, MalformedMessageError, newEvent, toKafkaMessage } from '../src';

const asReceived = (message: ReturnType<typeof toKafkaMessage>): KafkaMessage => ({
  key: Buffer.from(String(message.key)),
  value: Buffer.from(String(message.value)),
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))])),
  timestamp: '0',
  attributes: 0,
  offset: '0',
});

describe('CloudEvents binary mode on Kafka', () => {
  const event = newEvent({
    type: 'pcc.case.opened',
    source: '/services/cases',
    subject: 'c0ffee00-0000-4000-8000-000000000001',
    data: { a: 1 },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  });

  it('puts the attributes in ce_ headers and the payload in the value', () => {
    const message = toKafkaMessage(event);
    expect(message.key).toBe(event.subject);
    expect(JSON.parse(String(message.value))).toEqual({ a: 1 });
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'pcc.case.opened',
      ce_source: '/services/cases',
      ce_time: event.time,
      ce_subject: event.subject,
      'content-type': 'application/json',
      ce_traceparent: event.traceparent,
    });
  });

  it('reads back what it wrote', () => {
    expect(fromKafkaMessage(asReceived(toKafkaMessage(event)))).toEqual(event);
  });

  it.each([
    ['a missing header', (m: KafkaMessage) => delete m.headers!.ce_type, /missing CloudEvents headers: ce_type/],
    ['another spec version', (m: KafkaMessage) => (m.headers!.ce_specversion = Buffer.from('0.3')), /ce_specversion/],
    ['a non-uuid id', (m: KafkaMessage) => (m.headers!.ce_id = Buffer.from('42')), /uuid/],
    ['a value that is not JSON', (m: KafkaMessage) => (m.value = Buffer.from('{nope')), /JSON/],
    [
      'another content type',
      (m: KafkaMessage) => (m.headers!['content-type'] = Buffer.from('application/avro')),
      /content-type/,
    ],
  ])('rejects %s', (_name, spoil, pattern) => {
    const message = asReceived(toKafkaMessage(event));
    spoil(message);
    expect(() => fromKafkaMessage(message)).toThrow(MalformedMessageError);
    expect(() => fromKafkaMessage(message)).toThrow(pattern);
  });
});
