import type { DataSource } from 'typeorm';

/** Applies every pending migration, each in its own transaction; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const wasInitialized = dataSource.isInitialized;
  if (!wasInitialized) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!wasInitialized) await dataSource.destroy();
  }
}

/**
 * The body of every service's `npm run migrate` (`up`, the default) and `npm run migrate -- down`
 * (reverts the last migration). Prints one line per migration and exits non-zero on failure.
 */
export async function runMigrationCli(dataSource: DataSource, argv: string[] = process.argv.slice(2)): Promise<void> {
  const direction = argv[0] ?? 'up';
  try {
    if (direction === 'up') {
      const applied = await migrate(dataSource);
      console.log(applied.length ? applied.map((name) => `applied ${name}`).join('\n') : 'database is up to date');
    } else if (direction === 'down') {
      await dataSource.initialize();
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.destroy();
      console.log('reverted the last migration');
    } else {
      throw new Error(`unknown direction "${direction}" (expected up or down)`);
    }
  } catch (error) {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
