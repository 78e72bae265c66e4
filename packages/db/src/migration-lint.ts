import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/**
 * The SQL a migration's `up` sends, read without a database: a stand-in QueryRunner records every
 * statement (and answers reads with no rows, so a data-dependent loop contributes nothing).
 */
export async function migrationSql(migration: MigrationClass): Promise<string> {
  const statements: string[] = [];
  const recorder = {
    query: async (sql: string) => {
      statements.push(sql.trim().replace(/;$/, ''));
      return [];
    },
  } as unknown as QueryRunner;
  await new migration().up(recorder);
  return statements.map((s) => `${s};\n`).join('\n');
}

export interface MigrationViolation {
  migration: string;
  rule: string;
  message: string;
}

/**
 * Lints every migration's SQL with Squawk (the `squawk-cli` package's binary), which knows what
 * PostgreSQL locks: a migration a rolling deploy survives expands only (no dropped or renamed column, no
 * NOT NULL column without a default, indexes built CONCURRENTLY, no long lock on a table that may be
 * big). The rules and the PostgreSQL version are in the repository's `.squawk.toml`. An exception is
 * marked in the migration's SQL itself, `-- squawk-ignore <rule>` above the statement, with a comment
 * in the migration saying why. Each migration is checked once, however many services run it.
 */
export async function lintMigrations(
  migrations: readonly MigrationClass[],
  options: { squawk: string; config: string },
): Promise<MigrationViolation[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pcc-migrations-'));
  try {
    const seen = new Set<string>();
    // A migration that declares `transaction = false` (to build indexes CONCURRENTLY) runs outside any
    // transaction: Squawk is told so for it, and only for it.
    const outside = new Set<string>();
    for (const migration of migrations) {
      if (seen.has(migration.name)) continue;
      seen.add(migration.name);
      if ((new migration() as { transaction?: boolean }).transaction === false) outside.add(migration.name);
      writeFileSync(join(dir, `${migration.name}.sql`), await migrationSql(migration));
    }
    const files = (names: string[]) => names.map((n) => join(dir, `${n}.sql`));
    const inTransaction = [...seen].filter((n) => !outside.has(n));
    return [
      ...(inTransaction.length ? runSquawk(options, files(inTransaction), []) : []),
      ...(outside.size ? runSquawk(options, files([...outside]), ['--no-assume-in-transaction']) : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runSquawk(
  options: { squawk: string; config: string },
  files: string[],
  flags: string[],
): MigrationViolation[] {
  let output: string;
  try {
    output = execFileSync(options.squawk, ['--config', options.config, ...flags, '--reporter', 'json', ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Squawk exits 1 when it found violations; its report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    output = stdout;
  }
  const report = JSON.parse(output || '[]') as Array<{
    file: string;
    rule_name: string;
    message: string;
    help?: string | null;
  }>;
  return report.map((v) => ({
    migration: v.file.replace(/^.*\//, '').replace(/\.sql$/, ''),
    rule: v.rule_name,
    message: v.help ? `${v.message} (${v.help})` : v.message,
  }));
}
