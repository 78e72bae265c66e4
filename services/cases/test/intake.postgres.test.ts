import { QueryCounter } from '@pcc/db';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations } from '../src/server';

const SECRET = 'cases-intake-internal-secret-0123456789abcdef';
const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode case { id status } } }`;

/**
 * Intake writes a case, its parties, its timeline and its events as one statement: one round trip
 * after the tracking number's, and all of it or nothing.
 */
describe('cases: intake in one statement (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const counter = new QueryCounter();
  const tokens = new InternalTokens(SECRET);
  const input = {
    kind: 'GRIEVANCE',
    category: 'WASTE',
    channel: 'WEB',
    title: 'Boundary dispute between two neighbours',
    description: 'The fence was moved overnight',
    location: { lat: 7.8961, lng: 98.2969, subdistrict: '830202' },
    reporter: { name: 'Somsri', phone: '081 222 3333' },
    parties: [
      { name: 'Somchai', role: 'complainant', contact: '081 111 1111' },
      { name: 'Wichai', role: 'respondent' },
    ],
  };
  const open = () =>
    client.execute<{ openCase: { case: { id: string; status: string } } }>({
      document: OPEN,
      variables: { input },
      as: IdentityFactory.public(),
    });
  const rows = async (sql: string, values: unknown[]) => db.dataSource.query<unknown[]>(sql, values);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_intake', migrations, entities, logger: counter });
    await OrganizationFactory.insert(db.dataSource, { code: 'PATONG', district: 'KATHU' });
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
    expectNoGraphQLErrors(await open()); // the fiscal year's tracking sequence is made once, on the first intake
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('routes a case and writes its parties, timeline and three events in two round trips', async () => {
    counter.reset();
    const data = expectNoGraphQLErrors(await open());
    expect(counter.queries.map((q) => q.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'SELECT nextval($1::regclass)::int',
      'WITH outbox_rows_versions',
    ]);
    const { id, status } = data.openCase.case;
    expect(status).toBe('TRIAGED');
    expect(await rows('SELECT name, role, contact FROM case_party WHERE case_id = $1 ORDER BY name', [id])).toEqual([
      { name: 'Somchai', role: 'complainant', contact: '081 111 1111' },
      { name: 'Wichai', role: 'respondent', contact: null },
    ]);
    expect(
      await rows(
        'SELECT actor_role, action, from_status, to_status FROM case_timeline WHERE case_id = $1 ORDER BY id',
        [id],
      ),
    ).toEqual([
      { actor_role: 'PUBLIC', action: 'opened', from_status: null, to_status: 'RECEIVED' },
      { actor_role: 'SYSTEM', action: 'routed', from_status: 'RECEIVED', to_status: 'TRIAGED' },
    ]);
    expect(
      await rows(
        `SELECT type, (payload->>'version')::int AS version, payload->'case'->>'status' AS status FROM outbox WHERE key = $1 ORDER BY seq`,
        [id],
      ),
    ).toEqual([
      { type: 'pcc.case.opened', version: 1, status: 'RECEIVED' },
      { type: 'pcc.case.status-changed', version: 2, status: 'TRIAGED' },
      { type: 'pcc.case.triaged', version: 3, status: 'TRIAGED' },
    ]);
    expect(await rows('SELECT version::int FROM aggregate_version WHERE key = $1', [id])).toEqual([{ version: 3 }]);
  });

  it('writes nothing at all when any part of the statement fails', async () => {
    const count = async () =>
      rows(
        `SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM case_party)::int AS parties,
                (SELECT count(*) FROM case_timeline)::int AS lines, (SELECT count(*) FROM outbox)::int AS events,
                (SELECT count(*) FROM aggregate_version)::int AS versions, (SELECT open FROM case_org_stats) AS open`,
        [],
      );
    const before = await count();
    // The last part to run, the timeline, is refused by the database: the case, its parties, its
    // events, their versions and the organization's statistics, written by the same statement, go too.
    await db.dataSource.query(`CREATE FUNCTION refuse_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'timeline refused'; END $$`);
    await db.dataSource.query(
      'CREATE TRIGGER refuse_line BEFORE INSERT ON case_timeline FOR EACH ROW EXECUTE FUNCTION refuse_line()',
    );
    try {
      const refused = await open();
      expect(errorCodes(refused)).toEqual(['INTERNAL']);
      expect(JSON.stringify(refused.body)).not.toContain('timeline refused');
    } finally {
      await db.dataSource.query('DROP TRIGGER refuse_line ON case_timeline');
      await db.dataSource.query('DROP FUNCTION refuse_line()');
    }
    expect(await count()).toEqual(before);
    expectNoGraphQLErrors(await open());
    expect(await count()).not.toEqual(before);
  });
});
