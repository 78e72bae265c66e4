/**
 * The positional parameters (`$1`, `$2`, …) of one statement built from parts. A change that writes
 * several tables is sent as one statement of data-modifying CTEs, one round trip instead of one per
 * table: each part adds its values here and writes the placeholder it gets back, without knowing
 * how many values the parts before it took.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds `value` and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
