import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, insertStatement, SqlParameters, type TestDatabase } from '../src';

@Entity({ name: 'parcel' })
class Parcel {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) tags!: string[];
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ type: 'int', default: 7 }) weight!: number;
  @Column({ name: 'sent_at', type: 'timestamptz' }) sentAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A statement built of parts: parameters numbered across the parts, and an entity's row as TypeORM maps it. */
describe('insertStatement and SqlParameters', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'db_insert_statement', entities: [Parcel] });
    await db.dataSource.query(`CREATE TABLE parcel (
      id uuid PRIMARY KEY, display_name text NOT NULL, note text, tags text[] NOT NULL DEFAULT '{}',
      details jsonb NOT NULL, weight int NOT NULL DEFAULT 7, sent_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await db.dataSource.query(
      'CREATE TABLE parcel_log (parcel_id uuid NOT NULL REFERENCES parcel(id), line text NOT NULL)',
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('numbers each value in the order added, whatever part adds it', () => {
    const parameters = new SqlParameters();
    expect([parameters.add('a'), parameters.add(null), parameters.add(3)]).toEqual(['$1', '$2', '$3']);
    expect(parameters.values).toEqual(['a', null, 3]);
  });

  it('writes an entity by its column names and types; columns left undefined take their defaults', async () => {
    const parcel = db.dataSource.getRepository(Parcel).create({
      id: '00000000-0000-4000-8000-000000000001',
      displayName: 'O\'Brien "quoted" $1',
      note: null,
      tags: ['a', 'b,c', 'd"e'],
      details: { nested: { n: 1 }, list: [1, 'two'] },
      sentAt: new Date('2026-11-30T01:02:03.456Z'),
    });
    const parameters = new SqlParameters();
    const sql = insertStatement(db.dataSource, Parcel, parcel, parameters);
    expect(sql).not.toContain('weight');
    expect(sql).not.toContain('created_at');
    const [row] = await db.dataSource.query<[Record<string, unknown>]>(
      `${sql} RETURNING display_name, note, tags, details, weight, sent_at, created_at`,
      parameters.values,
    );
    expect(row).toEqual({
      display_name: 'O\'Brien "quoted" $1',
      note: null,
      tags: ['a', 'b,c', 'd"e'],
      details: { nested: { n: 1 }, list: [1, 'two'] },
      weight: 7,
      sent_at: new Date('2026-11-30T01:02:03.456Z'),
      created_at: expect.any(Date) as unknown,
    });
  });

  it('composes with other parts into one atomic statement, a child referring to the row beside it', async () => {
    const insert = (id: string, line: string) => {
      const parameters = new SqlParameters();
      const parcel = db.dataSource
        .getRepository(Parcel)
        .create({ id, displayName: 'p', note: 'n', tags: [], details: {}, sentAt: new Date() });
      const sql = `WITH parcel_row AS (${insertStatement(db.dataSource, Parcel, parcel, parameters)})
        INSERT INTO parcel_log (parcel_id, line) VALUES (${parameters.add(id)}, ${parameters.add(line)})`;
      return db.dataSource.query(sql, parameters.values);
    };
    const id = '00000000-0000-4000-8000-000000000002';
    await insert(id, 'first');
    expect(await db.dataSource.query('SELECT line FROM parcel_log WHERE parcel_id = $1', [id])).toEqual([
      { line: 'first' },
    ]);
    // The log line fails (NOT NULL): the parcel beside it in the statement is not written either.
    const failed = '00000000-0000-4000-8000-000000000003';
    await expect(insert(failed, null as unknown as string)).rejects.toThrow(/null value/);
    expect(await db.dataSource.query('SELECT id FROM parcel WHERE id = $1', [failed])).toEqual([]);
  });
});
