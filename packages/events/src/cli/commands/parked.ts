import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { listParked, redriveParked } from '../../relay/parked';
import { UsageError, writeLine, type Command } from './common';

export const parked: Command = {
  summary: "events Kafka refused for their content, set aside by a service's relay",
  usage: `pcc-events parked list --service <name> [--database-url <url>]
pcc-events parked redrive --service <name> [--id <uuid>]… [--database-url <url>]

  The database is --database-url, else DATABASE_URL, else the service's own database on the local
  server (pcc_<first word of the service>: pcc_cases, pcc_waste, …).`,
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        service: { type: 'string' },
        'database-url': { type: 'string' },
        id: { type: 'string', multiple: true },
      },
    });
    if ((action !== 'list' && action !== 'redrive') || !values.service)
      throw new UsageError('parked list|redrive --service <name>');
    const databaseUrl =
      values['database-url'] ??
      process.env.DATABASE_URL ??
      `postgres://postgres@127.0.0.1:5432/pcc_${values.service.split('-')[0]}`;
    const pool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'pcc-events' });
    try {
      if (action === 'list') for (const event of await listParked(pool)) writeLine(event);
      else writeLine({ redriven: await redriveParked(pool, values.id) });
      return 0;
    } finally {
      await pool.end();
    }
  },
};
