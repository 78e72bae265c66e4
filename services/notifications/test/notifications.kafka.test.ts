import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { ConsumerRunner, ensureTopics, platformCatalogue, toKafkaMessage, TOPICS, type DomainEvent } from '@pcc/events';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  testKafka,
  waitFor,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import {
  caseNotifications,
  createServer,
  Dispatcher,
  entities,
  Mailer,
  migrations,
  projectNotifications,
  verifyWebhook,
  wasteNotifications,
} from '../src/server';
import {
  caseEvent,
  MailCatcher,
  projectDelayed,
  testDispatcherSettings,
  trackingCode,
  wasteAtRisk,
  WebhookReceiver,
} from './fixtures';

const SECRET = 'notifications-test-internal-secret-0123456789';
const ORGS = { PATONG: randomUUID(), KATHU: randomUUID() };
const ADMIN = IdentityFactory.admin();
const PATONG_OFFICER = IdentityFactory.officer('PATONG');
const KATHU_OFFICER = IdentityFactory.officer('KATHU');

/**
 * Events in, word out, on real parts: events produced to the real topics are consumed through the
 * inbox, and the dispatcher posts signed webhooks to a real HTTP server and e-mails through a real
 * SMTP server, both started here.
 */
describe('notifications (real PostgreSQL, Kafka, HTTP and SMTP)', () => {
  let db: TestDatabase;
  let admin: Admin;
  let producer: Producer;
  let consumer: ConsumerRunner;
  let receiver: WebhookReceiver;
  let mail: MailCatcher;
  let mailer: Mailer;
  let dispatcher: Dispatcher;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);

  const publish = async (topic: string, ...events: DomainEvent[]) => {
    await producer.send({ topic, messages: events.map(toKafkaMessage) });
  };
  const gql = async <T>(as: Identity, query: string, variables: Record<string, unknown> = {}) =>
    client.execute<T>({ document: query, variables, as });
  const subscribeReporter = async (caseId: string, email: string, language: 'TH' | 'EN') => {
    await db.dataSource.query(
      `INSERT INTO notification_subscription (audience, channel, case_id, target, language) VALUES ('REPORTER', 'EMAIL', $1, $2, $3)`,
      [caseId, email, language],
    );
  };
  const deliveriesOf = async (eventId: string) =>
    db.dataSource.query<Array<{ status: string; attempts: number }>>(
      'SELECT status, attempts FROM notification_delivery WHERE event_id = $1',
      [eventId],
    );

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'notify', migrations, entities });
    await OrganizationFactory.insert(
      db.dataSource,
      { id: ORGS.PATONG, code: 'PATONG', nameTh: 'เทศบาลเมืองป่าตอง', nameEn: 'Patong Town Municipality' },
      { id: ORGS.KATHU, code: 'KATHU', nameTh: 'เทศบาลเมืองกะทู้', nameEn: 'Kathu Town Municipality' },
    );
    admin = testKafka('notify-admin').admin();
    await admin.connect();
    await ensureTopics(admin, [TOPICS.case, TOPICS.project, TOPICS.wasteReport], {
      partitions: 6,
      replicationFactor: 1,
    });
    producer = testKafka('notify-producer').producer();
    await producer.connect();
    consumer = new ConsumerRunner({
      kafka: testKafka('notify-consumer'),
      dataSource: db.dataSource,
      catalogue: platformCatalogue,
      group: `notify-test-${randomUUID()}`,
      subscriptions: [
        // The cases here exist only as events, so no cases subgraph knows them (as it answers an unknown
        // case, no text); the resolution read from the real cases subgraph is tested in reporter.postgres.test.ts.
        caseNotifications({ readResolution: async () => null, casePageUrl: 'https://pcc.example/follow' }),
        projectNotifications,
        wasteNotifications,
      ],
    });
    await consumer.start();
    receiver = await WebhookReceiver.start();
    mail = await MailCatcher.start();
    mailer = new Mailer(mail.url, 'PCC <no-reply@pcc.test>');
    dispatcher = new Dispatcher(testDispatcherSettings(db.dataSource, mailer));
    dispatcher.start();
    server = await createServer({
      dataSource: db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      // The receiver listens on 127.0.0.1 (the guard's own tests: webhook-target.postgres.test.ts).
      webhookTargets: { allowPrivate: true, httpsOnly: false },
      reporterCheck: async () => {
        throw new Error('not used here: reporters are verified by the cases subgraph (reporter.kafka.test.ts)');
      },
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  }, 120_000);

  afterAll(async () => {
    await dispatcher.stop();
    await consumer.stop();
    await producer.disconnect();
    await admin.disconnect();
    mailer.close();
    await server.app.close();
    await receiver.close();
    await mail.close();
    await db.drop();
  });

  const createWebhook = async (as: Identity, organizationId: string | null, url: string) =>
    gql<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
      as,
      `mutation ($input: WebhookSubscriptionInput!) {
         createWebhookSubscription(input: $input) { secret subscription { id audience channel organizationId target } }
       }`,
      { input: { organizationId, url } },
    );

  test("an assignment reaches the lead organization's webhook, signed, and the reporter and officer by e-mail in their languages", async () => {
    const webhook = expectNoGraphQLErrors(await createWebhook(PATONG_OFFICER, ORGS.PATONG, receiver.url('/patong')));
    expectNoGraphQLErrors(
      await gql(
        PATONG_OFFICER,
        `mutation ($input: EmailSubscriptionInput!) { createEmailSubscription(input: $input) { id } }`,
        { input: { organizationId: ORGS.PATONG, email: 'officer@patong.test', language: 'EN' } },
      ),
    );
    const kase = { id: randomUUID(), trackingCode: trackingCode(), leadOrganizationId: ORGS.PATONG };
    await subscribeReporter(kase.id, 'reporter@example.test', 'TH');

    const assigned = caseEvent('assigned', kase);
    await publish(TOPICS.case, assigned);

    const [hook] = await waitFor(
      () => receiver.to('/patong'),
      (r) => r.length >= 1,
    );
    expect(hook).toBeDefined();
    const secret = webhook.createWebhookSubscription.secret;
    expect(
      verifyWebhook(
        secret,
        String(hook!.headers['x-pcc-timestamp']),
        hook!.body,
        String(hook!.headers['x-pcc-signature']),
      ),
    ).toBe(true);
    // Another secret, or a body changed in transit, does not verify.
    expect(
      verifyWebhook(
        'another secret',
        String(hook!.headers['x-pcc-timestamp']),
        hook!.body,
        String(hook!.headers['x-pcc-signature']),
      ),
    ).toBe(false);
    expect(
      verifyWebhook(
        secret,
        String(hook!.headers['x-pcc-timestamp']),
        hook!.body + ' ',
        String(hook!.headers['x-pcc-signature']),
      ),
    ).toBe(false);
    const body = JSON.parse(hook!.body) as DomainEvent<{ case: { trackingCode: string } }>;
    expect(body).toMatchObject({ id: assigned.id, type: 'pcc.case.assigned' });
    expect(body.data.case.trackingCode).toBe(kase.trackingCode);
    expect(hook!.headers['x-pcc-event-id']).toBe(assigned.id);

    const reporterMail = await waitFor(
      () => mail.to('reporter@example.test'),
      (m) => m.length >= 1,
    );
    expect(reporterMail).toHaveLength(1);
    expect(reporterMail[0]!.subject).toBe(`เรื่อง ${kase.trackingCode} อยู่ระหว่างดำเนินการ`);
    expect(reporterMail[0]!.text).toContain('หน่วยงานที่รับผิดชอบได้รับเรื่อง');
    const officerMail = await waitFor(
      () => mail.to('officer@patong.test'),
      (m) => m.length >= 1,
    );
    expect(officerMail).toHaveLength(1);
    expect(officerMail[0]!.subject).toBe(`Case ${kase.trackingCode} is assigned to your organization`);
    // The reporter's address is in no webhook and no other message.
    expect(receiver.requests.some((r) => r.body.includes('reporter@example.test'))).toBe(false);
    expect(officerMail[0]!.text).not.toContain('reporter@example.test');
  });

  test('a failing endpoint is retried with growing waits, then kept as a dead-letter record; redelivery sends it', async () => {
    const webhook = expectNoGraphQLErrors(await createWebhook(ADMIN, ORGS.KATHU, receiver.url('/kathu')));
    const subscriptionId = webhook.createWebhookSubscription.subscription.id;
    receiver.answer('/kathu', 503);
    expect(
      errorCodes(
        await gql(
          KATHU_OFFICER,
          `mutation ($input: EmailSubscriptionInput!) { createEmailSubscription(input: $input) { id } }`,
          { input: { organizationId: ORGS.KATHU, email: 'officer@kathu.test', language: 'TH' } },
        ),
      ),
    ).toEqual([]);
    const breached = caseEvent('sla-breached', {
      id: randomUUID(),
      trackingCode: trackingCode(),
      leadOrganizationId: ORGS.KATHU,
    });
    await publish(TOPICS.case, breached);
    // The e-mail goes out whatever the webhook's endpoint does.
    const [breachMail] = await waitFor(
      () => mail.to('officer@kathu.test'),
      (m) => m.length >= 1,
    );
    expect(breachMail?.subject).toBe(
      `เรื่อง ${(breached.data as { case: { trackingCode: string } }).case.trackingCode} เกินกำหนดเวลา`,
    );

    const dead = await waitFor(
      () => deliveriesOf(breached.id),
      (rows) => rows.some((r) => r.status === 'DEAD'),
    );
    expect(dead).toEqual(
      expect.arrayContaining([
        { status: 'DEAD', attempts: 3 },
        { status: 'DELIVERED', attempts: 1 },
      ]),
    );
    const attempts = receiver.to('/kathu');
    expect(attempts).toHaveLength(3);
    // The same delivery each time (receivers drop repeats by it), signed afresh.
    expect(new Set(attempts.map((a) => a.headers['x-pcc-delivery-id'])).size).toBe(1);
    const at = attempts.map((a) => a.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(150);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(300);

    const listed = expectNoGraphQLErrors(
      await gql<{ notificationDeliveries: Array<{ id: string; status: string; attempts: number; lastError: string }> }>(
        KATHU_OFFICER,
        `query ($id: ID!) { notificationDeliveries(subscriptionId: $id, status: DEAD) { id status attempts lastError eventType } }`,
        { id: subscriptionId },
      ),
    ).notificationDeliveries;
    expect(listed).toEqual([
      expect.objectContaining({
        status: 'DEAD',
        attempts: 3,
        lastError: 'HTTP 503',
        eventType: 'pcc.case.sla-breached',
      }),
    ]);

    // Another organization's officer may not redeliver it; nothing changes.
    const refused = await gql(PATONG_OFFICER, `mutation ($id: ID!) { redeliverNotification(deliveryId: $id) { id } }`, {
      id: listed[0]!.id,
    });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(await deliveriesOf(breached.id)).toEqual(
      expect.arrayContaining([
        { status: 'DEAD', attempts: 3 },
        { status: 'DELIVERED', attempts: 1 },
      ]),
    );

    receiver.answer('/kathu', 204);
    const redelivered = expectNoGraphQLErrors(
      await gql<{ redeliverNotification: { status: string; attempts: number } }>(
        KATHU_OFFICER,
        `mutation ($id: ID!) { redeliverNotification(deliveryId: $id) { status attempts } }`,
        { id: listed[0]!.id },
      ),
    );
    expect(redelivered.redeliverNotification).toEqual({ status: 'PENDING', attempts: 0 });
    expect(
      await waitFor(
        () => deliveriesOf(breached.id),
        (rows) => rows.every((r) => r.status === 'DELIVERED'),
      ),
    ).toEqual([
      { status: 'DELIVERED', attempts: 1 },
      { status: 'DELIVERED', attempts: 1 },
    ]);
    expect(mail.to('officer@kathu.test')).toHaveLength(1);
    expect(receiver.to('/kathu')).toHaveLength(4);
  });

  test('a redelivered event sends nothing twice', async () => {
    const kase = { id: randomUUID(), trackingCode: trackingCode(), leadOrganizationId: ORGS.PATONG };
    await subscribeReporter(kase.id, 'twice@example.test', 'EN');
    const resolved = caseEvent('resolved', kase);
    const marker = caseEvent('triaged', kase);
    // The same event twice (a producer's retry, a re-driven dead letter), then another one on the same key.
    await publish(TOPICS.case, resolved);
    await publish(TOPICS.case, resolved, marker);

    const mails = await waitFor(
      () => mail.to('twice@example.test'),
      (m) => m.length >= 2,
    );
    expect(mails.map((m) => m.subject)).toEqual([
      `Your report ${kase.trackingCode} has been resolved`,
      `Your report ${kase.trackingCode} has been reviewed`,
    ]);
    expect(mails[0]!.text).toContain(
      `Please rate how it was handled (1 to 5): https://pcc.example/follow?code=${kase.trackingCode}`,
    );
    expect(await deliveriesOf(resolved.id)).toEqual([{ status: 'DELIVERED', attempts: 1 }]);
  });

  test("the coordinator hears of a waste target at risk and a delayed project, with the organization's name in their language", async () => {
    expectNoGraphQLErrors(
      await gql(ADMIN, `mutation ($input: EmailSubscriptionInput!) { createEmailSubscription(input: $input) { id } }`, {
        input: { email: 'coordinator@pao.test', language: 'TH' },
      }),
    );
    await publish(TOPICS.wasteReport, wasteAtRisk(ORGS.KATHU));
    const [message] = await waitFor(
      () => mail.to('coordinator@pao.test'),
      (m) => m.length >= 1,
    );
    expect(message?.subject).toBe('เป้าหมายลดขยะปีงบประมาณ 2569 มีความเสี่ยง');
    expect(message?.text).toContain('เทศบาลเมืองกะทู้');
    expect(message?.text).toContain('2.50 %');

    // And of a project fallen behind, to the same subscription; an organization's officers do not hear of it.
    await publish(TOPICS.project, projectDelayed(ORGS.PATONG, 'PATONG-2569-007'));
    const mails = await waitFor(
      () => mail.to('coordinator@pao.test'),
      (m) => m.length >= 2,
    );
    expect(mails[1]?.subject).toBe('โครงการ PATONG-2569-007 ล่าช้า');
    expect(mails[1]?.text).toContain('ของเทศบาลเมืองป่าตอง');
    expect(mails[1]?.text).toContain('ล่าช้ากว่าแผน 40 จุด');
    expect(mail.to('officer@patong.test').map((m) => m.subject)).not.toContain('โครงการ PATONG-2569-007 ล่าช้า');
  });

  test('only officers of the organization and network admins manage its subscriptions; bad input changes nothing', async () => {
    const count = async () =>
      (await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM notification_subscription'))[0].n;
    const before = await count();
    expect(errorCodes(await createWebhook(KATHU_OFFICER, ORGS.PATONG, receiver.url('/x')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await createWebhook(KATHU_OFFICER, null, receiver.url('/x')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await createWebhook(IdentityFactory.public(), ORGS.KATHU, receiver.url('/x')))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await createWebhook(ADMIN, ORGS.KATHU, 'http://example.test/hook'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await createWebhook(ADMIN, 'not-a-uuid', receiver.url('/x')))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await createWebhook(ADMIN, randomUUID(), receiver.url('/x')))).toEqual(['BAD_USER_INPUT']);
    expect(await count()).toBe(before);

    const list = `query ($org: ID) { notificationSubscriptions(organizationId: $org) { id audience target } }`;
    expect(errorCodes(await gql(IdentityFactory.analyst(), list, { org: ORGS.PATONG }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(PATONG_OFFICER, list, {}))).toEqual(['FORBIDDEN']);
    const patong = expectNoGraphQLErrors(
      await gql<{ notificationSubscriptions: Array<{ audience: string; target: string }> }>(PATONG_OFFICER, list, {
        org: ORGS.PATONG,
      }),
    ).notificationSubscriptions;
    expect(patong.length).toBeGreaterThanOrEqual(2);
    expect(patong.every((s) => s.audience === 'ORGANIZATION')).toBe(true);
    // Reporters' addresses are listed to no one.
    expect(JSON.stringify(patong)).not.toContain('@example.test');
  });
});
