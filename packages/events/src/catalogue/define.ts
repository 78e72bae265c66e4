import type { z } from 'zod';

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

  /** Validates a payload; returns the parsed value or throws an EventValidationError. */
  parse(type: string, data: unknown): unknown {
    const definition = this.byType.get(type);
    if (!definition) throw new EventValidationError(type, [`unknown event type "${type}"`]);
    const result = definition.schema.safeParse(data);
    if (!result.success) {
      throw new EventValidationError(
        type,
        result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`),
      );
    }
    return result.data;
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
