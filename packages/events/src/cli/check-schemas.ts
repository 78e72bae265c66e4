/**
 * `npm run schema:check` (its event half): every event type's schema as committed at the base of this
 * change (`--base`, default: the merge base with `main`, else HEAD) against the catalogue now. Exit 1
 * when a type changed in a way that breaks older readers or older events, or the committed files are
 * stale (`npm run export:schemas --workspace @pcc/events`).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { platformCatalogue } from '../catalogue';
import { compatibilityProblems, eventSchemaFiles, readSchemaFiles, type JsonSchema } from '../schema-files';

const ROOT = join(__dirname, '..', '..', '..', '..');
const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

function baseRef(base: string | undefined): string {
  if (base) return base;
  try {
    return git('merge-base', 'HEAD', 'main').trim();
  } catch {
    return 'HEAD';
  }
}

const { values } = parseArgs({ options: { base: { type: 'string' } } });
const ref = baseRef(values.base);
const generated = eventSchemaFiles(platformCatalogue);
const problems: string[] = [];
let files: string[] = [];
try {
  files = git('ls-tree', '--name-only', `${ref}:packages/events/schemas`)
    .split('\n')
    .filter((f) => f.endsWith('.json'));
} catch {
  // No schemas committed at the base yet: nothing to be compatible with.
}
for (const file of files) {
  const next = generated.get(file);
  const previous = JSON.parse(git('show', `${ref}:packages/events/schemas/${file}`)) as JsonSchema;
  if (!next) problems.push(`${file}: the event type was removed`);
  else problems.push(...compatibilityProblems(previous, JSON.parse(next) as JsonSchema).map((p) => `${file} ${p}`));
}
const committed = readSchemaFiles();
const stale = [...generated].filter(([file, text]) => committed.get(file) !== text).map(([file]) => file);
if (stale.length > 0)
  problems.push(`stale committed schemas (npm run export:schemas --workspace @pcc/events): ${stale.join(', ')}`);
if (problems.length > 0) {
  console.error(`event schemas refused (against ${ref.slice(0, 12)}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${generated.size} event schemas compatible with ${ref.slice(0, 12)}`);
