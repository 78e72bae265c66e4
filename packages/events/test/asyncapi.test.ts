import { Parser, type Diagnostic } from '@asyncapi/parser';
import { buildAsyncApiDocument, jsonSchemaOf, platformCatalogue, deadLetterTopic } from '../src';

// Error is 0 in @stoplight/types. The parser's re-exported DiagnosticSeverity is another copy of that
// package than the one its diagnostics are typed with, so the value is typed as the diagnostics' own.
const ERROR: Diagnostic['severity'] = 0;

describe('AsyncAPI export', () => {
  const document = buildAsyncApiDocument(platformCatalogue, { version: '1.0.0', brokers: '127.0.0.1:9092' });

  it('is a valid AsyncAPI 3.0 document according to @asyncapi/parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === ERROR);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
    expect(parsed!.version()).toBe('3.0.0');
    const addresses = parsed!
      .channels()
      .all()
      .map((c) => c.address());
    for (const topic of platformCatalogue.topics()) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(deadLetterTopic(topic));
    }
    expect(parsed!.messages().all().length).toBe(platformCatalogue.all().length);
  });

  it('exports a JSON Schema for every event type', () => {
    for (const definition of platformCatalogue.all()) {
      const schema = jsonSchemaOf(platformCatalogue, definition.type);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.type).toBe('object');
    }
  });
});
