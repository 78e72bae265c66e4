/**
 * `npm run import:waste -- file.csv`: validates every row of a spreadsheet export and imports all of
 * them or none, printing each bad row and why; a progress bar on stderr for large files.
 * Columns: organization_code,month,general,organic,recyclable,hazardous,incinerated,landfilled,recycled,composted,note
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfigOrExit } from '@pcc/config';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { importCsv } from '../providers/csv-import';
import { projectionScope } from '@pcc/organization-projection';

function progress(done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round((done / Math.max(total, 1)) * 100)}% `,
  );
  if (done === total) process.stderr.write('\n');
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import:waste -- file.csv');
    process.exit(2);
  }
  const dataSource = dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'import');
  await dataSource.initialize();
  try {
    const result = await importCsv(
      projectionScope(dataSource, { sub: 'import-cli', role: 'NETWORK_ADMIN', org: null }),
      readFileSync(file, 'utf8'),
      { onProgress: progress },
    );
    if (result.errors.length) {
      console.error(`nothing imported: ${result.errors.length} bad row(s)`);
      for (const error of result.errors) console.error(`  row ${error.row}: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.log(`imported ${result.imported} monthly reports`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
