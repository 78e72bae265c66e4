import type { z } from 'zod';

const invalid = (type: string, issues: z.core.$ZodIssue[]) =>
  new EventValidationError(
    type,
    issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`),
  );

/** A copy of `data` without the keys each issue reports unknown at its path (the input is left as it is). */
function withoutKeys(data: unknown, issues: Array<{ path: PropertyKey[]; keys?: string[] }>): unknown {
  const copy = structuredClone(data);
  for (const issue of issues) {
    let target: unknown = copy;
    for (const step of issue.path) target = (target as Record<PropertyKey, unknown> | undefined)?.[step];
    if (target && typeof target === 'object')
      for (const key of issue.keys ?? []) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

/** One event type: its CloudEvents `type`, the topic it travels on and the schema of its payload. */
export interface EventDefinition<T extends z.ZodType = z.ZodType> {
  type: string;
  topic: string;
  description: string;
  schema: T;
}

export function defineEvent<T extends z.ZodType>(definition: EventDefinition<T>): EventDefinition<T> {
  return definition;
}

/** A set of event definitions, looked up by type; the machinery (outbox, consumers) validates against one. */
export class EventCatalogue {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
      this.byType.set(definition.type, definition);
    }
  }

  get(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  all(): EventDefinition[] {
    return [...this.byType.values()];
  }

  /** Every topic some event travels on, sorted. */
  topics(): string[] {
    return [...new Set(this.all().map((d) => d.topic))].sort();
  }

  /**
   * Validates a payload as its producer must write it (strict: an unknown field is an error); returns
   * the parsed value or throws an EventValidationError. The outbox checks every event with this.
   */
  parse(type: string, data: unknown): unknown {
    const definition = this.byType.get(type);
    if (!definition) throw new EventValidationError(type, [`unknown event type "${type}"`]);
    const result = definition.schema.safeParse(data);
    if (!result.success) throw invalid(type, result.error.issues);
    return result.data;
  }

  /**
   * Validates a payload as a consumer reads it — a tolerant reader: fields its schema does not know
   * (added by a newer producer of the same `.v1` type) are dropped, at any depth; everything it does
   * know must still be valid. So a producer that ships an added optional field first breaks no one.
   */
  read(type: string, data: unknown): unknown {
    const definition = this.byType.get(type);
    if (!definition) throw new EventValidationError(type, [`unknown event type "${type}"`]);
    let payload = data;
    // Each pass drops the unknown keys zod reports; nested strict objects may need a second pass.
    for (let pass = 0; pass < 8; pass += 1) {
      const result = definition.schema.safeParse(payload);
      if (result.success) return result.data;
      const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
      if (unknown.length === 0 || unknown.length < result.error.issues.length) throw invalid(type, result.error.issues);
      payload = withoutKeys(payload, unknown);
    }
    throw new EventValidationError(type, ['too deeply nested unknown fields']);
  }
}

export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`invalid ${eventType} event: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}
