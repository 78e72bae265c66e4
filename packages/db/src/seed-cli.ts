import type { DataSource } from 'typeorm';

/**
 * The body of every service's `npm run seed`: migrate, run the seed, print what it did, close.
 * Exits non-zero with the reason when anything fails.
 */
export async function runSeedCli(
  dataSource: DataSource,
  seed: (dataSource: DataSource) => Promise<string>,
): Promise<void> {
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    console.log(await seed(dataSource));
  } catch (error) {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
