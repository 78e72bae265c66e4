/**
 * `npm run export:asyncapi [-- <folder>]`: writes asyncapi.json and one JSON Schema per event type
 * (schemas/<type>.json) for analysts. Default folder: packages/events/generated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAsyncApiDocument, jsonSchemaOf } from '../asyncapi';
import { platformCatalogue } from '../catalogue';

const out = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'generated'));
mkdirSync(join(out, 'schemas'), { recursive: true });
const document = buildAsyncApiDocument(platformCatalogue, { version: '1.0.0', brokers: '127.0.0.1:9092' });
writeFileSync(join(out, 'asyncapi.json'), `${JSON.stringify(document, null, 2)}\n`);
for (const definition of platformCatalogue.all()) {
  writeFileSync(
    join(out, 'schemas', `${definition.type}.json`),
    `${JSON.stringify(jsonSchemaOf(platformCatalogue, definition.type), null, 2)}\n`,
  );
}
console.log(`wrote ${join(out, 'asyncapi.json')} and ${platformCatalogue.all().length} JSON Schemas`);
