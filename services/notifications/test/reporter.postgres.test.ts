import type { AddressInfo } from 'node:net';
import * as cases from '@pcc/cases';
import type { DomainEvent } from '@pcc/events';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
  waitFor,
} from '@pcc/testing';
import { casesReporterCheck } from '../src/providers/reporter-check';
import { casesResolutionReader } from '../src/providers/resolution-reader';
import { caseNotifications, createServer, Dispatcher, entities, Mailer, migrations } from '../src/server';
import { MailCatcher, testDispatcherSettings } from './fixtures';

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
  let casesUrl: string;
  let casesClient: GraphQLClient<Identity>;

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
    casesUrl = `http://127.0.0.1:${(casesServer.app.server.address() as AddressInfo).port}/graphql`;
    casesClient = graphqlClient(casesUrl, { sign: (identity: Identity) => tokens.sign(identity) });
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
      webhookTargets: { allowPrivate: false, httpsOnly: false },
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

  test('the resolution message tells the reporter what was done (read from the real cases subgraph) and links to rate', async () => {
    const WHAT_WAS_DONE = 'Bins on Soi 5 emptied; collection there is now daily.';
    const subscribed = await subscribe({
      trackingCode: opened.trackingCode,
      reporterSecret: opened.reporterSecret,
      email: 'me@example.test',
      language: 'EN',
    });
    expect(expectNoGraphQLErrors(subscribed).subscribeToMyCase).toBe(true);
    const [lead] = await OrganizationFactory.insert(casesDb.dataSource, { code: 'KATHU' });
    await OrganizationFactory.insert(db.dataSource, { id: lead!.id, code: 'KATHU' });
    const officer = IdentityFactory.officer('KATHU');
    const id = opened.case.id;
    for (const [as, document, variables] of [
      [
        IdentityFactory.admin(),
        'mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: NORMAL }) { id } }',
        { id, lead: lead!.id },
      ],
      [officer, 'mutation ($id: ID!) { acceptCase(id: $id) { id } }', { id }],
      [officer, 'mutation ($id: ID!) { startWork(id: $id) { id } }', { id }],
      [
        officer,
        'mutation ($id: ID!, $text: String!) { resolveCase(id: $id, input: { resolution: $text }) { id } }',
        { id, text: WHAT_WAS_DONE },
      ],
    ] as const)
      expectNoGraphQLErrors(await casesClient.execute({ document, variables, as }));

    // The event exactly as the cases service wrote it to its outbox: it does not carry the text.
    const [row] = await casesDb.dataSource.query<
      Array<{ id: string; type: string; source: string; key: string; time: Date; payload: DomainEvent['data'] }>
    >(`SELECT id, type, source, key, time, payload FROM outbox WHERE type = 'pcc.case.resolved' AND key = $1`, [id]);
    const event: DomainEvent = { ...row!, subject: row!.key, time: row!.time.toISOString(), data: row!.payload };
    expect(JSON.stringify(event)).not.toContain('Soi 5');

    const handle = caseNotifications({
      readResolution: casesResolutionReader(casesUrl, SECRET),
      casePageUrl: 'https://pcc.example/follow',
    }).handlers['pcc.case.resolved']!;
    await db.dataSource.transaction((tx) => handle(event, tx));

    const mail = await MailCatcher.start();
    const mailer = new Mailer(mail.url, 'PCC <no-reply@pcc.test>');
    const dispatcher = new Dispatcher(
      // The deployed policy: the reporter's e-mail does not depend on webhooks being allowed anywhere.
      testDispatcherSettings(db.dataSource, mailer, { webhookTargets: { allowPrivate: false, httpsOnly: false } }),
    );
    dispatcher.start();
    try {
      const [received] = await waitFor(
        () => mail.to('me@example.test'),
        (m) => m.length > 0,
      );
      expect(received!.subject).toBe(`Your report ${opened.trackingCode} has been resolved`);
      expect(received!.text).toContain(`What was done:\n${WHAT_WAS_DONE}`);
      expect(received!.text).toContain(
        `Please rate how it was handled (1 to 5): https://pcc.example/follow?code=${opened.trackingCode}`,
      );
      // The link names the case, never the reporter's secret.
      expect(received!.text).not.toContain(opened.reporterSecret);
    } finally {
      await dispatcher.stop();
      mailer.close();
      await mail.close();
    }
  });

  test('a case the cases subgraph does not know gives no text (the message says where to read it), not a failure', async () => {
    const read = casesResolutionReader(casesUrl, SECRET);
    expect(await read('00000000-0000-4000-8000-000000000000', 'KATHU')).toBeNull();
  });
});
