import { randomUUID } from 'node:crypto';
import { MAX_BATCH_BYTES, MESSAGE_MAX_BYTES, newEvent, platformCatalogue, toKafkaMessage } from '../src';

/**
 * Every event's size is bounded by its schema, and the largest one the catalogue allows (a plan
 * at the planning inputs' limits, in 3-byte Thai characters) fits Kafka's limit with room to spare.
 */
describe('event sizes', () => {
  const thai = (n: number) => 'ก'.repeat(n);
  const plan = (strategies: number, approaches: number, title = 300) => ({
    plan: {
      id: randomUUID(),
      organizationId: randomUUID(),
      title: thai(title),
      firstFiscalYear: 2566,
      lastFiscalYear: 2570,
      strategies: Array.from({ length: strategies }, () => ({
        id: randomUUID(),
        code: thai(20),
        title: thai(title),
        approaches: Array.from({ length: approaches }, () => ({
          id: randomUUID(),
          code: thai(20),
          title: thai(title),
        })),
      })),
    },
    actor: { sub: 'x'.repeat(255), role: 'LGO_OFFICER', org: 'X'.repeat(64) },
  });
  const bytes = (data: unknown) => {
    const message = toKafkaMessage(
      newEvent({ type: 'pcc.plan.published', source: '/services/planning', subject: randomUUID(), data }),
    );
    const headers = Object.entries(message.headers ?? {}).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
    return Buffer.byteLength(String(message.value)) + Buffer.byteLength(String(message.key)) + headers;
  };

  it('the largest plan the inputs allow is valid and below the broker limit', () => {
    const largest = plan(30, 50);
    expect(() => platformCatalogue.parse('pcc.plan.published', largest)).not.toThrow();
    const size = bytes(largest);
    expect(size).toBeGreaterThan(MAX_BATCH_BYTES); // it goes alone in its request
    expect(size).toBeLessThan(MESSAGE_MAX_BYTES * 0.5);
  });

  it.each([
    ['31 strategies', plan(31, 1)],
    ['51 approaches in a strategy', plan(1, 51)],
    ['a title of 301 characters', plan(1, 1, 301)],
  ])('refuses a plan with %s', (_, data) => {
    expect(() => platformCatalogue.parse('pcc.plan.published', data)).toThrow(/too_big|Too big|at most|<=/i);
  });
});
