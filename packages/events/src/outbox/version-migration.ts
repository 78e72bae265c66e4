import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `aggregate_version`: the version of each aggregate a service publishes events of, keyed like the
 * events (the Kafka key). `Outbox.append` increments it in the writer's transaction and puts it in
 * the event's data as `version`, so consumers order an aggregate's events by version, never by the
 * producers' clocks. The row lock it takes is held to commit: two writers of one key publish in
 * the order they commit.
 */
export class CreateAggregateVersion1764900000001 implements MigrationInterface {
  name = 'CreateAggregateVersion1764900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE aggregate_version (key text PRIMARY KEY, version bigint NOT NULL CHECK (version > 0))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE aggregate_version');
  }
}
