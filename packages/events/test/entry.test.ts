import { join } from 'node:path';
import { modulesLoadedBy } from '@pcc/testing';

const loadedBy = (entry: string) => modulesLoadedBy(join(__dirname, '..', 'dist', entry));

describe("the package's entries", () => {
  it('loads no DuckDB from the main entry, which every service and the gateway import', () => {
    const loaded = loadedBy('index.js');
    expect(loaded.some((file) => file.includes('/dist/outbox/append.js'))).toBe(true);
    expect(loaded.filter((file) => file.includes('@duckdb'))).toEqual([]);
  });

  it('loads neither PostgreSQL nor the outbox from the bus entry, which the gateway imports', () => {
    const loaded = loadedBy('bus.js');
    expect(loaded.some((file) => file.includes('/dist/kafka.js'))).toBe(true);
    expect(
      loaded.filter((file) => /node_modules\/(pg|typeorm)\/|\/dist\/(outbox|relay|consumer)\//.test(file)),
    ).toEqual([]);
    expect(loadedBy('index.js').some((file) => file.includes('node_modules/pg/'))).toBe(true);
  });

  it('loads DuckDB from the sink entry, where the analysts need it', () => {
    expect(loadedBy(join('sink', 'index.js')).some((file) => file.includes('@duckdb/node-api'))).toBe(true);
  });
});
