/**
 * `npm run import:waste -- file.csv`: validates every row of a spreadsheet export (streamed, `,` or `;`
 * separated) and imports all of them or none, printing the first bad rows and why with the count of
 * all; progress on stderr for large files.
 * Columns: organization_code,month,general,organic,recyclable,hazardous,incinerated,landfilled,recycled,composted,note
 */
import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { loadConfigOrExit } from '@pcc/config';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { importCsv, type ImportProgress } from '../providers/csv-import';
import { projectionScope } from '@pcc/organization-projection';

/** Rows checked as a count, then a bar for the rows written (stderr, on a terminal only). */
function progress({ phase, done, total }: ImportProgress): void {
  if (!process.stderr.isTTY) return;
  if (phase === 'check' || total === null) {
    if (done % 1000 === 0) process.stderr.write(`\rchecked ${done} rows `);
    return;
  }
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
      createReadStream(file),
      { onProgress: progress },
    );
    if (result.errors.length) {
      console.error(`nothing imported: ${result.totalErrors} bad row(s)`);
      for (const error of result.errors) console.error(`  row ${error.row} (line ${error.line}): ${error.message}`);
      if (result.totalErrors > result.errors.length)
        console.error(`  … and ${result.totalErrors - result.errors.length} more`);
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
