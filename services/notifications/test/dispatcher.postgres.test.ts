import { randomUUID } from 'node:crypto';
import { createTestDatabase, waitFor, type TestDatabase } from '@pcc/testing';
import { Dispatcher, entities, Mailer, migrations, type WebhookTargetPolicy } from '../src/server';
import { MailCatcher, testDispatcherSettings, WebhookReceiver } from './fixtures';

/** The dispatcher on its own: its whole state is in the database, so a new process resumes where one stopped. */
describe('delivery dispatcher (real PostgreSQL, HTTP and SMTP)', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let mail: MailCatcher;
  let mailer: Mailer;
  const dispatchers: Dispatcher[] = [];

  const dispatcher = (
    overrides: Partial<{ maxAttempts: number; retryBaseMs: number; webhookTargets: WebhookTargetPolicy }> = {},
  ) => {
    const d = new Dispatcher(
      testDispatcherSettings(db.dataSource, mailer, {
        maxAttempts: 5,
        retryBaseMs: 300,
        retryMaxMs: 60_000,
        ...overrides,
      }),
    );
    dispatchers.push(d);
    d.start();
    return d;
  };
  const queue = async (channel: 'WEBHOOK' | 'EMAIL', target: string) => {
    const [{ id: subscriptionId }] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO notification_subscription (audience, channel, target, language, secret)
       VALUES ('NETWORK', $1, $2, 'EN', $3) RETURNING id`,
      [channel, target, channel === 'WEBHOOK' ? 'a-secret' : null],
    );
    const [{ id }] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO notification_delivery (subscription_id, event_id, event_type, subject, body)
       VALUES ($1, $2, 'pcc.project.delayed', 'Project delayed', '{"id":"x"}') RETURNING id`,
      [subscriptionId, randomUUID()],
    );
    return id;
  };
  const delivery = async (id: string) =>
    (
      await db.dataSource.query<[{ status: string; attempts: number; lastError: string | null; due: boolean | null }]>(
        `SELECT status, attempts, last_error AS "lastError", next_attempt_at <= now() AS due FROM notification_delivery WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'notify_dispatch', migrations, entities });
    receiver = await WebhookReceiver.start();
    mail = await MailCatcher.start();
    mailer = new Mailer(mail.url, 'PCC <no-reply@pcc.test>');
  });
  afterEach(async () => {
    while (dispatchers.length) await dispatchers.pop()!.stop();
  });
  afterAll(async () => {
    mailer.close();
    await receiver.close();
    await mail.close();
    await db.drop();
  });

  test('a restart resumes the retries where they stood', async () => {
    receiver.answer('/down', 500);
    const id = await queue('WEBHOOK', receiver.url('/down'));
    const first = dispatcher({ retryBaseMs: 2_000 });
    expect(
      await waitFor(
        () => delivery(id),
        (d) => d.attempts === 1,
      ),
    ).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'HTTP 500', due: false });
    await first.stop();

    // The endpoint recovers while no dispatcher runs; a new one (a restarted process) waits for the stored due time, then sends.
    receiver.answer('/down', 200);
    dispatcher({ retryBaseMs: 2_000 });
    expect(
      await waitFor(
        () => delivery(id),
        (d) => d.status === 'DELIVERED',
      ),
    ).toMatchObject({ status: 'DELIVERED', attempts: 2, lastError: null });
    const sent = receiver.to('/down');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(2_000);
  });

  test("a mail server's refusal is retried and recorded without the address", async () => {
    mail.refused.add('gone@example.test');
    const id = await queue('EMAIL', 'gone@example.test');
    dispatcher({ maxAttempts: 2, retryBaseMs: 50 });
    const dead = await waitFor(
      () => delivery(id),
      (d) => d.status === 'DEAD',
    );
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 2 });
    expect(dead.lastError).toContain('550');
    expect(dead.lastError).not.toContain('gone@example.test');
    expect(mail.to('gone@example.test')).toHaveLength(0);
  });

  test('at delivery, a private target is refused after resolving its name: a failed attempt, nothing sent', async () => {
    const before = receiver.requests.length;
    const port = new URL(receiver.url('/')).port;
    // Stored while private targets were allowed (or an address that moved inside since): checked again now.
    const literal = await queue('WEBHOOK', receiver.url('/literal'));
    // A name: only its resolution (localhost is 127.0.0.1) tells where it points; https, as production would.
    const named = await queue('WEBHOOK', `https://localhost:${port}/named`);
    const mapped = await queue('WEBHOOK', `https://[::ffff:127.0.0.1]:${port}/mapped`);
    dispatcher({ maxAttempts: 1, webhookTargets: { allowPrivate: false, httpsOnly: false } });
    for (const [id, range] of [
      [literal, '127.0.0.1 is loopback'],
      [named, 'localhost resolves to'],
      [mapped, 'is loopback'],
    ] as const) {
      const dead = await waitFor(
        () => delivery(id),
        (d) => d.status === 'DEAD',
      );
      expect(dead.attempts).toBe(1);
      expect(dead.lastError).toContain('NOT_PUBLIC_ADDRESS');
      expect(dead.lastError).toContain(range);
    }
    expect(receiver.requests.length).toBe(before);
  });

  test('in production a stored http:// target is refused at delivery even where private ones are allowed', async () => {
    const before = receiver.requests.length;
    const id = await queue('WEBHOOK', receiver.url('/plain'));
    dispatcher({ maxAttempts: 1, webhookTargets: { allowPrivate: true, httpsOnly: true } });
    const dead = await waitFor(
      () => delivery(id),
      (d) => d.status === 'DEAD',
    );
    expect(dead.lastError).toContain('NOT_HTTPS');
    expect(receiver.requests.length).toBe(before);
  });
});
