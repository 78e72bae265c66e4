import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
const generated = JSON.parse(readFileSync(join(root, 'src/generated/persisted-documents.json'), 'utf8')) as Record<
  string,
  string
>;

describe('the console operations against the committed supergraph', () => {
  // The supergraph's own directives and join types are defined in it, so graphql-js builds it as is.
  const schema = buildSchema(readFileSync(join(root, '../../gateway/supergraph.graphql'), 'utf8'));

  test.each(Object.entries(manifest))('%s validates', (_hash, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });

  test('the committed manifest is the one the operations produce', () => {
    expect(manifest).toEqual(generated);
    expect(Object.keys(manifest).length).toBeGreaterThan(20);
  });
});
