/**
 * An example payload built from an event type's JSON Schema, for the catalogue page: the first
 * enum value, a fixed value per format, a realistic value per pattern the catalogue uses. A pattern
 * it does not know fails loudly, so a new field never gets a wrong example silently (the catalogue
 * test validates every example against its schema).
 */
type Schema = Record<string, unknown>;

const PATTERN_EXAMPLES: Record<string, string> = {
  '^PCC-\\d{4}-\\d{6}$': 'PCC-2561-000123',
  '^\\d{1,12}\\.\\d{2}$': '1250000.00',
  '^\\d{1,14}\\.\\d{2}$': '48500000.00',
  '^\\d{1,3}\\.\\d{2}$': '40.00',
  '^\\d{1,9}(\\.\\d{1,3})?$': '812.500',
  '^\\d{1,11}(\\.\\d{1,3})?$': '10560.000',
  '^-?\\d{1,16}(\\.\\d{1,2})?$': '3.20',
  '^\\d{1,3}(\\.\\d{1,2})?$': '5.00',
  '^\\d{4}-(0[1-9]|1[0-2])$': '2018-03',
  '^-?\\d+(\\.\\d+)?$': '5',
  '^[A-Z0-9-]{2,32}$': 'PWA',
  '^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,63}$': 'PKT-2569-0042',
  '^[0-9a-f]{64}$': '9f2c5a1e3b7d4c6a8e0f1b2d3c4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f',
};

const FIELD_EXAMPLES: Record<string, unknown> = {
  code: 'KATHU',
  nameTh: 'ทม.กะทู้',
  nameEn: 'Kathu',
  title: 'Khlong Kathu flood wall, phase 2',
  groupRole: 'Secretary',
  metric: 'WASTE_REDUCTION',
  unit: 'PERCENT',
  sub: '5f0c6c1e-2f4b-4a8e-9b1d-3c2d1e0f9a8b',
  org: 'KATHU',
  fiscalYear: 2561,
  firstFiscalYear: 2561,
  lastFiscalYear: 2565,
  baselineFiscalYear: 2561,
  version: 3,
  revision: 1,
  previousRevision: 1,
  reopenCount: 1,
  rating: 4,
};

let counter = 0;
const exampleUuid = () => `0b6c2f3e-8d1a-4c5b-9e7f-${String(++counter).padStart(12, '0')}`;

export function exampleOf(schema: Schema, field = ''): unknown {
  // A field's usual example, where it fits this schema's type (a subgraph's `version` is text, an aggregate's a number).
  const usual = FIELD_EXAMPLES[field];
  if (usual !== undefined && !('enum' in schema) && fits(usual, schema)) return usual;
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as Schema[];
    return exampleOf(options.find((o) => o.type !== 'null') ?? options[0]!, field);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, exampleOf(s, name)]));
    }
    case 'array':
      return [exampleOf(schema.items as Schema, field)];
    case 'boolean':
      return field === 'delayed' ? false : true;
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const maximum = typeof schema.maximum === 'number' ? schema.maximum : minimum + 100;
      return Math.min(maximum, Math.max(minimum, 40));
    }
    case 'string':
      return exampleString(schema, field);
    default:
      throw new Error(`no example for the schema of ${field || '(payload)'}: ${JSON.stringify(schema)}`);
  }
}

function fits(value: unknown, schema: Schema): boolean {
  const types = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]).map((o) => o.type) : [schema.type];
  if (typeof value === 'string') return types.includes('string');
  if (typeof value === 'number') return types.includes('integer') || types.includes('number');
  return true;
}

function exampleString(schema: Schema, field: string): string {
  if (schema.format === 'uuid') return exampleUuid();
  if (schema.format === 'uri') return 'http://cases:4002/graphql';
  if (schema.format === 'date-time') return '2018-03-01T09:30:00+07:00';
  if (schema.format === 'date') return '2018-03-01';
  if (typeof schema.pattern === 'string') {
    const example = PATTERN_EXAMPLES[schema.pattern];
    if (example === undefined) throw new Error(`no example for pattern ${schema.pattern} (${field})`);
    return example;
  }
  return field ? `${field} text` : 'text';
}

/** Starts the example ids over, so the page is the same on every run. */
export function resetExamples(): void {
  counter = 0;
}
