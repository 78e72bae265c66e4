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
import { checkTarget, createServer, entities, isPublicAddress, migrations, WebhookTargetRefused } from '../src/server';

const SECRET = 'notifications-webhook-target-secret-0123456789';

/**
 * The guard against server-side request forgery when a webhook subscription is made (the policy as
 * deployed: no private targets, NOTIFY_WEBHOOK_ALLOW_PRIVATE unset); its check at delivery time is in
 * dispatcher.postgres.test.ts.
 */
describe('webhook targets: only the public Internet (real PostgreSQL, real DNS resolver)', () => {
  const tokens = new InternalTokens(SECRET);
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;

  const create = (url: string) =>
    client.execute<{ createWebhookSubscription: { subscription: { id: string; target: string } } }>({
      document: `mutation ($input: WebhookSubscriptionInput!) {
        createWebhookSubscription(input: $input) { subscription { id target } secret } }`,
      variables: { input: { url } },
      as: IdentityFactory.admin(),
    });
  const stored = async () =>
    (await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM notification_subscription'))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'notify_targets', migrations, entities });
    server = await createServer({
      dataSource: db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      webhookTargets: { allowPrivate: false, httpsOnly: false },
      reporterCheck: async () => {
        throw new Error('not used here');
      },
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  }, 60_000);

  afterAll(async () => {
    await server?.app.close();
    await db?.drop();
  });

  test.each([
    ['http://127.0.0.1:8080/hook', 'NOT_PUBLIC_ADDRESS'],
    ['http://localhost:8080/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://localhost/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://10.1.2.3/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://172.16.0.1/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://192.168.1.10/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://169.254.169.254/latest/meta-data/', 'NOT_PUBLIC_ADDRESS'],
    ['https://100.64.0.1/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://0.0.0.0/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://[::1]/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://[fd00::1]/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://[fe80::1]/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://[::ffff:10.0.0.1]/hook', 'NOT_PUBLIC_ADDRESS'],
    // 2130706433 and 0x7f.1 are 127.0.0.1 written otherwise: URL parsing makes them the address.
    ['https://2130706433/hook', 'NOT_PUBLIC_ADDRESS'],
    ['https://0x7f.1/hook', 'NOT_PUBLIC_ADDRESS'],
    ['http://hooks.example.com/pcc', 'HTTP_ONLY_TO_THIS_MACHINE'],
    ['ftp://93.184.215.14/hook', 'NOT_HTTPS'],
    ['https://no-such-host.invalid/hook', 'NOT_RESOLVABLE'],
  ])('%s is refused (%s), BAD_USER_INPUT, nothing stored', async (url, reason) => {
    const before = await stored();
    const answer = await create(url);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors![0]!.extensions!.fields).toEqual({ 'input.url': reason });
    expect(await stored()).toBe(before);
  });

  test('a public address is accepted', async () => {
    const made = expectNoGraphQLErrors(await create('https://93.184.215.14/hook')).createWebhookSubscription;
    expect(made.subscription.target).toBe('https://93.184.215.14/hook');
  });

  test('who may create is checked before the target (no one else learns how a name resolves)', async () => {
    const answer = await client.execute({
      document: `mutation ($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      variables: { input: { url: 'https://10.0.0.1/hook' } },
      as: IdentityFactory.officer('PATONG'),
    });
    expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
  });

  test('the policies: private targets only when allowed, https only in production', async () => {
    const refusal = (url: string, policy: { allowPrivate: boolean; httpsOnly: boolean }) =>
      checkTarget(url, policy).then(
        () => null,
        (error: unknown) => (error instanceof WebhookTargetRefused ? error.reason : error),
      );
    expect(await refusal('http://127.0.0.1:9000/hook', { allowPrivate: true, httpsOnly: false })).toBeNull();
    expect(await refusal('https://192.168.1.10/hook', { allowPrivate: true, httpsOnly: false })).toBeNull();
    expect(await refusal('http://127.0.0.1:9000/hook', { allowPrivate: true, httpsOnly: true })).toBe('NOT_HTTPS');
    expect(await refusal('https://192.168.1.10/hook', { allowPrivate: false, httpsOnly: true })).toBe(
      'NOT_PUBLIC_ADDRESS',
    );
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2606:4700:4700::1111')).toBe(true);
    // NAT64 and 6to4 forms can wrap a private IPv4 address: not public.
    expect(isPublicAddress('64:ff9b::a00:1')).toBe(false);
    expect(isPublicAddress('2002:a00:1::')).toBe(false);
  });
});
