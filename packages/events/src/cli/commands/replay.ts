import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { replayProjection } from '../../replay';
import { kafkaFromEnv, UsageError, writeLine, type Command } from './common';

export const replay: Command = {
  summary: "empty a consumer's projection and rewind its group, to rebuild it from offset 0",
  usage: `pcc-events replay --group <group> --topic <topic>… --table <table>… [--database-url <url>]

  From the repository root, by the service's declaration:
    npm run events:replay -- --service planning --projection cases

  Moves the group's offsets on the topics to the earliest kept, then empties the tables and the
  group's inbox rows for those topics in one transaction. Stop the service first (Kafka moves only an
  idle group's offsets); when it starts again it consumes every event anew and rebuilds the tables.
  The database is --database-url, else DATABASE_URL.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        group: { type: 'string' },
        topic: { type: 'string', multiple: true, default: [] },
        table: { type: 'string', multiple: true, default: [] },
        'database-url': { type: 'string' },
      },
    });
    const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
    if (!values.group || values.topic.length === 0 || values.table.length === 0 || !databaseUrl)
      throw new UsageError('replay needs --group, --topic, --table and a database (--database-url or DATABASE_URL)');
    const { kafka } = kafkaFromEnv('pcc-events-replay');
    const admin = kafka.admin();
    const pool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'pcc-events-replay' });
    await admin.connect();
    try {
      writeLine(
        await replayProjection({
          admin,
          pool,
          group: values.group,
          projection: { topics: values.topic, tables: values.table },
        }),
      );
      process.stderr.write(
        `replay: start the consumer of ${values.group}: it rebuilds ${values.table.join(', ')} from offset 0\n`,
      );
      return 0;
    } finally {
      await admin.disconnect();
      await pool.end();
    }
  },
};
