#!/usr/bin/env node
/**
 * `pcc-events`: operator commands on a service's event tables.
 *
 *   pcc-events parked list --service cases            what the relay parked, with Kafka's reason
 *   pcc-events parked redrive --service cases [--id <uuid> …]   back into the outbox (all, or the ids)
 *
 * The database is `--database-url`, else DATABASE_URL, else the service's own database on the
 * local server (`pcc_<first word of the service>`: pcc_cases, pcc_waste, …).
 */
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { listParked, redriveParked } from '../relay/parked';

const USAGE = 'usage: pcc-events parked list|redrive --service <name> [--database-url <url>] [--id <uuid> …]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      'database-url': { type: 'string' },
      id: { type: 'string', multiple: true },
    },
  });
  const [group, command] = positionals;
  if (group !== 'parked' || (command !== 'list' && command !== 'redrive') || !values.service) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const databaseUrl =
    values['database-url'] ??
    process.env.DATABASE_URL ??
    `postgres://postgres@127.0.0.1:5432/pcc_${values.service.split('-')[0]}`;
  const pool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'pcc-events' });
  try {
    if (command === 'list') {
      for (const event of await listParked(pool)) process.stdout.write(`${JSON.stringify(event)}\n`);
    } else {
      const moved = await redriveParked(pool, values.id);
      process.stdout.write(`${JSON.stringify({ redriven: moved })}\n`);
    }
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`pcc-events: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
