import type { AddressInfo } from 'node:net';
import * as cases from '@pcc/cases';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { casesReporterCheck } from '../src/providers/reporter-check';
import { createServer, entities, migrations } from '../src/server';

const SECRET = 'notifications-reporter-test-secret-0123456789';

/**
 * A reporter subscribes with the tracking code and secret, checked by the real cases subgraph (its own
 * database, listening on a real port); the address is kept for that case only and never read back.
 */
describe('a reporter subscribes to their own case (real PostgreSQL, real cases subgraph over HTTP)', () => {
  const tokens = new InternalTokens(SECRET);
  let casesDb: TestDatabase;
  let casesServer: Awaited<ReturnType<typeof cases.createServer>>;
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  let opened: { trackingCode: string; reporterSecret: string; case: { id: string } };

  const subscribe = (input: Record<string, unknown>) =>
    client.execute<{ subscribeToMyCase: boolean }>({
      document: 'mutation ($input: ReporterSubscriptionInput!) { subscribeToMyCase(input: $input) }',
      variables: { input },
      as: IdentityFactory.public(),
    });
  const stored = () =>
    db.dataSource.query<Array<{ caseId: string; target: string; language: string }>>(
      `SELECT case_id AS "caseId", target, language FROM notification_subscription WHERE audience = 'REPORTER'`,
    );

  beforeAll(async () => {
    casesDb = await createTestDatabase({
      prefix: 'notify_cases',
      migrations: cases.migrations,
      entities: cases.entities,
    });
    casesServer = await cases.createServer({
      dataSource: casesDb.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
    });
    await casesServer.app.listen({ port: 0, host: '127.0.0.1' });
    const casesUrl = `http://127.0.0.1:${(casesServer.app.server.address() as AddressInfo).port}/graphql`;
    const casesClient = graphqlClient(casesUrl, { sign: (identity: Identity) => tokens.sign(identity) });
    opened = expectNoGraphQLErrors(
      await casesClient.execute<{ openCase: typeof opened }>({
        document: `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode reporterSecret case { id } } }`,
        variables: {
          input: {
            kind: 'GRIEVANCE',
            category: 'WASTE',
            channel: 'WEB',
            title: 'Rubbish not collected for a week',
            description: 'The bins on Soi 5 overflow.',
            location: { lat: 7.896, lng: 98.297, district: 'KATHU' },
            reporter: { name: 'A citizen', phone: '0812345678' },
          },
        },
        as: IdentityFactory.public(),
      }),
    ).openCase;

    db = await createTestDatabase({ prefix: 'notify_reporter', migrations, entities });
    server = await createServer({
      dataSource: db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      reporterCheck: casesReporterCheck(casesUrl, SECRET),
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  }, 120_000);

  afterAll(async () => {
    await server?.app.close();
    await casesServer?.app.close();
    await db?.drop();
    await casesDb?.drop();
  });

  test('a wrong secret or an unknown code is FORBIDDEN (alike), bad input BAD_USER_INPUT; none stores anything', async () => {
    const input = { trackingCode: opened.trackingCode, email: 'me@example.test', language: 'TH' };
    // A secret of the right form, one character changed.
    const wrong = opened.reporterSecret.slice(0, -1) + (opened.reporterSecret.endsWith('A') ? 'B' : 'A');
    expect(errorCodes(await subscribe({ ...input, reporterSecret: wrong }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subscribe({ ...input, reporterSecret: 'not-the-secret' }))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await subscribe({ ...input, trackingCode: 'PCC-1999-000001', reporterSecret: opened.reporterSecret })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await subscribe({ ...input, email: 'not an address', reporterSecret: opened.reporterSecret })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(await stored()).toEqual([]);
  });

  test('the right pair keeps the address for that case only; subscribing again updates, not duplicates', async () => {
    const input = {
      trackingCode: opened.trackingCode,
      reporterSecret: opened.reporterSecret,
      email: 'me@example.test',
    };
    expect(expectNoGraphQLErrors(await subscribe({ ...input, language: 'TH' })).subscribeToMyCase).toBe(true);
    expect(expectNoGraphQLErrors(await subscribe({ ...input, language: 'EN' })).subscribeToMyCase).toBe(true);
    expect(await stored()).toEqual([{ caseId: opened.case.id, target: 'me@example.test', language: 'EN' }]);
    // Not listed to anyone, not even a network admin.
    const listed = await client.execute({
      document: '{ notificationSubscriptions { id target } }',
      as: IdentityFactory.admin(),
    });
    expect(JSON.stringify(listed.body)).not.toContain('me@example.test');
  });
});
