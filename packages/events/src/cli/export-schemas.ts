/**
 * `npm run export:schemas --workspace @pcc/events`: writes every event type's JSON Schema to
 * `packages/events/schemas/` (committed; `test/schema-files.test.ts` fails when they are stale). It
 * refuses to overwrite a type's schema with one that older readers or older events would break (see
 * README, "Evolving events"): such a change needs a new version of the type on its own topic.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformCatalogue } from '../catalogue';
import {
  compatibilityProblems,
  eventSchemaFiles,
  readSchemaFiles,
  SCHEMAS_DIR,
  type JsonSchema,
} from '../schema-files';

const committed = readSchemaFiles();
const generated = eventSchemaFiles(platformCatalogue);
const problems = [...committed].flatMap(([file, text]) => {
  const next = generated.get(file);
  if (!next) return [`${file}: the event type was removed`];
  return compatibilityProblems(JSON.parse(text) as JsonSchema, JSON.parse(next) as JsonSchema).map(
    (p) => `${file} ${p}`,
  );
});
if (problems.length > 0) {
  console.error(
    `not backward compatible (add a new version of the type instead):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
mkdirSync(SCHEMAS_DIR, { recursive: true });
for (const file of committed.keys()) if (!generated.has(file)) rmSync(join(SCHEMAS_DIR, file));
for (const [file, text] of generated) writeFileSync(join(SCHEMAS_DIR, file), text);
console.log(`wrote ${generated.size} schemas to ${SCHEMAS_DIR}`);
