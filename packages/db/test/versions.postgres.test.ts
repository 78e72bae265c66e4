import { createTestDatabase, createVersionTable, readVersions, versionBumpInPlpgsql, type TestDatabase } from '../src';

/** Version tables: the bump each change calls, as first written and rewritten in PL/pgSQL. */
describe('version tables', () => {
  let db: TestDatabase;
  const a = '00000000-0000-4000-8000-00000000000a';
  const b = '00000000-0000-4000-8000-00000000000b';
  const language = async () =>
    (
      await db.dataSource.query<[{ lanname: string }]>(
        `SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'thing_version_bump'`,
      )
    )[0].lanname;
  const bump = (keys: Array<string | null>) => db.dataSource.query('SELECT thing_version_bump($1::uuid[])', [keys]);
  const versions = async () =>
    Object.fromEntries((await readVersions(db.dataSource, 'thing_version', [a, b])).versions);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'db_versions' });
    const runner = db.dataSource.createQueryRunner();
    await createVersionTable(runner, 'thing_version');
    await runner.release();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('bumps each key named once per call, ignoring nulls, in either language', async () => {
    const migration = new (versionBumpInPlpgsql('thing_version'))();
    const runner = db.dataSource.createQueryRunner();
    try {
      expect(await language()).toBe('sql');
      await bump([a, a, null]);
      expect(await versions()).toEqual({ [a]: '1', [b]: '0' });
      await migration.up(runner);
      expect(await language()).toBe('plpgsql');
      await bump([b, a, b, null]);
      await bump([a]);
      expect(await versions()).toEqual({ [a]: '3', [b]: '1' });
      await migration.down(runner);
      expect(await language()).toBe('sql');
      await bump([b]);
      expect(await versions()).toEqual({ [a]: '3', [b]: '2' });
    } finally {
      await runner.release();
    }
  });
});
