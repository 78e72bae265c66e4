import type { Logger } from 'typeorm';

/**
 * A TypeORM logger that counts the SQL statements a piece of code runs, so tests can prove that
 * N entity references are resolved with one query instead of N.
 */
export class QueryCounter implements Logger {
  readonly queries: string[] = [];

  logQuery(query: string): void {
    this.queries.push(query);
  }
  reset(): void {
    this.queries.length = 0;
  }
  /** Statements other than transaction control (BEGIN/COMMIT/ROLLBACK/SAVEPOINT). */
  get statements(): string[] {
    return this.queries.filter((q) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.trim()));
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
