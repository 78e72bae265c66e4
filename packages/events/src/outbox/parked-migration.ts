import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox_parked`: events Kafka refused for their content (too large, invalid record). The relay
 * moves such a row here, with Kafka's reason, so that every later event still flows; an operator
 * inspects it and re-drives it (`pcc-events parked list|redrive`) once the limit is raised or the
 * row is fixed. Same columns as `outbox`, plus why and when.
 */
export class CreateOutboxParked1764900000000 implements MigrationInterface {
  name = 'CreateOutboxParked1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_parked (
        id          uuid PRIMARY KEY,
        seq         bigint NOT NULL,
        topic       text NOT NULL,
        key         text NOT NULL,
        type        text NOT NULL,
        source      text NOT NULL,
        time        timestamptz NOT NULL,
        payload     jsonb NOT NULL,
        traceparent text,
        created_at  timestamptz NOT NULL,
        reason      text NOT NULL,
        bytes       int NOT NULL,
        parked_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_parked');
  }
}
