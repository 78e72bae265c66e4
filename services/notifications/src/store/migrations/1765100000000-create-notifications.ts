import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriptions (who hears what, where) and deliveries (one notification to one subscription, with its attempts). */
export class CreateNotifications1765100000000 implements MigrationInterface {
  name = 'CreateNotifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        audience text NOT NULL CHECK (audience IN ('ORGANIZATION', 'NETWORK', 'REPORTER')),
        channel text NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
        organization_id uuid,
        case_id uuid,
        target text NOT NULL,
        secret text,
        language text NOT NULL CHECK (language IN ('TH', 'EN')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((audience = 'ORGANIZATION') = (organization_id IS NOT NULL)),
        CHECK ((audience = 'REPORTER') = (case_id IS NOT NULL)),
        CHECK ((channel = 'WEBHOOK') = (secret IS NOT NULL))
      )`);
    await q.query(
      'CREATE INDEX notification_subscription_audience ON notification_subscription (audience, organization_id, case_id) WHERE active',
    );
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES notification_subscription (id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz DEFAULT now(),
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      )`);
    // The dispatcher's queue: only what waits, in due order.
    await q.query(
      "CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'PENDING'",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_delivery');
    await q.query('DROP TABLE notification_subscription');
  }
}
