import { createTestDatabase, newId, type TestDatabase } from '../src';

/** Application-made ids: time-ordered, in the order PostgreSQL's uuid index keeps them. */
describe('newId', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'db_ids' });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is a version 7 UUID whose first 48 bits are the milliseconds it was made at', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });

  it('sorts in the order the ids were made, in PostgreSQL as in JavaScript, all distinct', async () => {
    // Many per millisecond: the order must hold within one, not only across them.
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const [{ sorted }] = await db.dataSource.query<[{ sorted: string[] }]>(
      'SELECT array_agg(id ORDER BY id)::text[] AS sorted FROM unnest($1::uuid[]) AS id',
      [ids],
    );
    expect(sorted).toEqual(ids);
  });
});
