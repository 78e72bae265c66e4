import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The modules a fresh Node.js process has loaded after requiring one built entry of this package. */
function loadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(join(__dirname, '..', 'dist', entry))});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}

describe("the package's entries", () => {
  it('loads no DuckDB from the main entry, which every service and the gateway import', () => {
    const loaded = loadedBy('index.js');
    expect(loaded.some((file) => file.includes('/dist/outbox/append.js'))).toBe(true);
    expect(loaded.filter((file) => file.includes('@duckdb'))).toEqual([]);
  });

  it('loads DuckDB from the sink entry, where the analysts need it', () => {
    expect(loadedBy(join('sink', 'index.js')).some((file) => file.includes('@duckdb/node-api'))).toBe(true);
  });
});
