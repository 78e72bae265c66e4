import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventCatalogue } from './catalogue/define';
import { jsonSchemaOf } from './asyncapi';

/** Where each event type's JSON Schema is committed: `packages/events/schemas/<type>.json`. */
export const SCHEMAS_DIR = join(__dirname, '..', 'schemas');

export type JsonSchema = Record<string, unknown>;

/** Every event type's JSON Schema (draft 2020-12, from its zod schema), as the committed file holds it. */
export function eventSchemaFiles(catalogue: EventCatalogue): Map<string, string> {
  const files = new Map<string, string>();
  for (const definition of [...catalogue.all()].sort((a, b) => a.type.localeCompare(b.type))) {
    const { $schema, ...schema } = jsonSchemaOf(catalogue, definition.type);
    const document = {
      $schema,
      title: definition.type,
      description: definition.description,
      'x-pcc-topic': definition.topic,
      ...schema,
    };
    files.set(`${definition.type}.json`, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

/** The committed schema files of a folder, by file name. */
export function readSchemaFiles(dir = SCHEMAS_DIR): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** Keywords that say nothing about which payloads are valid. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'x-pcc-topic', '$schema']);

/**
 * Why `next` cannot replace `previous` as the schema of the same event type (empty: it can). With
 * tolerant readers, the one compatible change is a new optional field: older consumers drop it, newer
 * ones read older events without it. Anything else — a removed or retyped field, a new required field,
 * an optional field made required, a changed enum or bound — breaks a reader on one side of the
 * change, and needs a new version of the type on its own topic.
 */
export function compatibilityProblems(previous: JsonSchema, next: JsonSchema, path = '(payload)'): string[] {
  const problems: string[] = [];
  const isObject = (s: JsonSchema) => s.type === 'object' && typeof s.properties === 'object';
  if (isObject(previous) && isObject(next)) {
    const before = previous.properties as Record<string, JsonSchema>;
    const after = next.properties as Record<string, JsonSchema>;
    const requiredBefore = new Set((previous.required as string[] | undefined) ?? []);
    const requiredAfter = new Set((next.required as string[] | undefined) ?? []);
    for (const field of Object.keys(before)) {
      if (!(field in after)) problems.push(`${path}.${field}: removed`);
      else problems.push(...compatibilityProblems(before[field]!, after[field]!, `${path}.${field}`));
    }
    for (const field of requiredAfter)
      if (!requiredBefore.has(field))
        problems.push(field in before ? `${path}.${field}: made required` : `${path}.${field}: new required field`);
    for (const field of requiredBefore)
      if (!requiredAfter.has(field) && field in after) problems.push(`${path}.${field}: made optional`);
    const rest = (s: JsonSchema) => strip(s, ['properties', 'required']);
    if (!sameJson(rest(previous), rest(next))) problems.push(`${path}: object constraints changed`);
    return problems;
  }
  if (previous.type === 'array' && next.type === 'array' && previous.items && next.items) {
    problems.push(...compatibilityProblems(previous.items as JsonSchema, next.items as JsonSchema, `${path}[]`));
    if (!sameJson(strip(previous, ['items']), strip(next, ['items']))) problems.push(`${path}: list bounds changed`);
    return problems;
  }
  if (!sameJson(strip(previous, []), strip(next, []))) problems.push(`${path}: type or constraints changed`);
  return problems;
}

function strip(schema: JsonSchema, keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !keys.includes(k) && !ANNOTATIONS.has(k)));
}

/** Equal as JSON, ignoring annotations at any depth and the order of keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([k]) => !ANNOTATIONS.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
