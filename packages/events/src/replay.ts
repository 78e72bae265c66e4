import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';

/**
 * A projection a service keeps from other services' topics: the topics it reads and the tables it
 * fills. Declared with the service (`projections` in `src/service.ts`) so an operator can rebuild it.
 */
export interface ProjectionDeclaration {
  topics: readonly string[];
  tables: readonly string[];
}

export class ReplayRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayRefusedError';
  }
}

export interface ReplayResult {
  group: string;
  topics: string[];
  tables: string[];
  /** Rows the projection's tables held before they were emptied. */
  rowsRemoved: number;
  /** Inbox rows of the group on those topics, removed so every event is applied again. */
  inboxRowsRemoved: number;
}

/**
 * Prepares a projection to be rebuilt from offset 0: moves the group's committed offsets on the
 * projection's topics to the earliest kept, then empties the projection's tables and the group's
 * inbox rows for those topics in one transaction. The group's next start (the service) consumes them
 * all again. The group must have no running member: Kafka moves only an idle group's offsets.
 *
 * Offsets move first: if the transaction then fails, the events come again, the inbox skips them,
 * and nothing is lost; the other way round, a failed offset reset would leave an empty projection.
 */
export async function replayProjection(options: {
  admin: Admin;
  pool: Pool;
  group: string;
  projection: ProjectionDeclaration;
}): Promise<ReplayResult> {
  const { admin, pool, group, projection } = options;
  const [description] = (await admin.describeGroups([group])).groups;
  if (description && description.members.length > 0)
    throw new ReplayRefusedError(
      `consumer group ${group} has ${description.members.length} running member(s): stop the service, replay, start it again`,
    );
  for (const table of projection.tables)
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new ReplayRefusedError(`not a table name: ${table}`);
  for (const topic of projection.topics) await admin.resetOffsets({ groupId: group, topic, earliest: true });

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let rowsRemoved = 0;
    for (const table of projection.tables) rowsRemoved += (await client.query(`DELETE FROM ${table}`)).rowCount ?? 0;
    const inbox = await client.query('DELETE FROM inbox WHERE consumer = $1 AND topic = ANY($2::text[])', [
      group,
      [...projection.topics],
    ]);
    await client.query('COMMIT');
    return {
      group,
      topics: [...projection.topics],
      tables: [...projection.tables],
      rowsRemoved,
      inboxRowsRemoved: inbox.rowCount ?? 0,
    };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
