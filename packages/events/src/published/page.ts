import { jsonSchemaOf } from '../asyncapi';
import type { EventCatalogue } from '../catalogue/define';
import { describeRetention } from '../catalogue/retention';
import { deadLetterTopic } from '../catalogue/topics';
import { exampleOf, resetExamples } from './example';
import { FIELD_MEANINGS } from './meanings';

type Schema = Record<string, unknown>;

export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  meaning: string;
}

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function typeOf(schema: Schema): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeOf).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${(schema.enum as unknown[]).join(', ')}`;
  if (schema.type === 'array') return `list of ${typeOf(schema.items as Schema)}`;
  if (typeof schema.format === 'string') return `${String(schema.type)} (${schema.format})`;
  if (typeof schema.pattern === 'string') return `${String(schema.type)} /${schema.pattern}/`;
  const range = [
    typeof schema.minimum === 'number' ? `≥ ${schema.minimum}` : '',
    typeof schema.maximum === 'number' ? `≤ ${schema.maximum}` : '',
  ].filter(Boolean);
  return `${String(schema.type)}${range.length ? ` (${range.join(', ')})` : ''}`;
}

/** Every field of a payload, depth first, with dotted paths (`case.leadOrganizationId`, `strategies[].code`). */
export function fieldsOf(schema: Schema, prefix = ''): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, field]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const meaning = FIELD_MEANINGS[name];
    if (meaning === undefined) throw new Error(`no meaning for field "${name}" (${path}): add it to FIELD_MEANINGS`);
    const nested = [field, ...((field.anyOf ?? []) as Schema[])];
    const object = nested.find((s) => s.type === 'object');
    const items = nested.find((s) => s.type === 'array')?.items as Schema | undefined;
    return [
      { path, type: typeOf(field), required: required.has(name), meaning },
      ...(object ? fieldsOf(object, path) : []),
      ...(items?.type === 'object' ? fieldsOf(items, `${path}[]`) : []),
    ];
  });
}

/** An example payload of an event type, valid against its schema (checked by the catalogue test). */
export function examplePayload(catalogue: EventCatalogue, type: string): unknown {
  return exampleOf(jsonSchemaOf(catalogue, type));
}

/**
 * The event catalogue as one readable HTML page (no script, no external asset): each topic with its
 * key, retention and dead-letter topic, each event type with its fields, their meaning and an example.
 */
export function renderCataloguePage(catalogue: EventCatalogue, options: { partitions: number }): string {
  resetExamples();
  const topics = catalogue.topics().map((topic) => {
    const events = catalogue
      .all()
      .filter((d) => d.topic === topic)
      .map((d) => {
        const rows = fieldsOf(jsonSchemaOf(catalogue, d.type))
          .map(
            (f) =>
              `<tr><td><code>${escape(f.path)}</code></td><td>${escape(f.type)}</td><td>${f.required ? 'yes' : ''}</td><td>${escape(f.meaning)}</td></tr>`,
          )
          .join('\n');
        return `<section class="event" id="${escape(d.type)}">
<h3><code>${escape(d.type)}</code></h3>
<p>${escape(d.description)}</p>
<table><thead><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr></thead><tbody>
${rows}
</tbody></table>
<details><summary>Example payload</summary><pre>${escape(JSON.stringify(examplePayload(catalogue, d.type), null, 2))}</pre></details>
</section>`;
      })
      .join('\n');
    return `<section class="topic" id="${escape(topic)}">
<h2><code>${escape(topic)}</code></h2>
<dl>
<dt>key</dt><dd>the aggregate id (also the <code>ce_subject</code> header): events of one aggregate stay in order</dd>
<dt>retention</dt><dd>${escape(describeRetention(topic))}</dd>
<dt>partitions</dt><dd>${options.partitions}</dd>
<dt>dead letters</dt><dd><code>${escape(deadLetterTopic(topic))}</code></dd>
</dl>
${events}
</section>`;
  });
  const index = catalogue
    .topics()
    .map(
      (topic) =>
        `<li><a href="#${escape(topic)}"><code>${escape(topic)}</code></a>: ${catalogue
          .all()
          .filter((d) => d.topic === topic)
          .map((d) => `<a href="#${escape(d.type)}">${escape(d.type.replace(/^pcc\./, ''))}</a>`)
          .join(', ')}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PCC event catalogue</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2330; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 14px; }
th, td { border-bottom: 1px solid #dde1e8; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f2f4f8; } code { font-size: 13px; } pre { background: #f6f8fa; padding: .75rem; overflow: auto; }
section.topic { border-top: 3px solid #2a5bd7; margin-top: 2.5rem; } dl { display: grid; grid-template-columns: 9rem 1fr; }
dt { font-weight: 600; }
</style>
</head>
<body>
<h1>PCC event catalogue</h1>
<p>Domain events of the Phuket Clinic Center network platform on Apache Kafka: CloudEvents 1.0 in binary mode
(the JSON payload is the message value; headers <code>ce_specversion</code>, <code>ce_id</code> — a UUID, the
deduplication key —, <code>ce_type</code>, <code>ce_source</code>, <code>ce_time</code>, <code>ce_subject</code>,
<code>content-type</code>, <code>ce_traceparent</code>). Consumers ignore fields they do not know; a field of a
<code>.v1</code> type is never removed, renamed or retyped. No event carries personal data: no citizen's name,
contact, free-text description or exact address. Generated from the event schemas (<code>packages/events</code>),
with the AsyncAPI 3.0 document beside it (<code>asyncapi.json</code>).</p>
<ul>
${index}
</ul>
${topics.join('\n')}
</body>
</html>
`;
}
