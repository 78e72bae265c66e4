/** Entry point: read config and run the subgraph process (connect, migrate, relay, listen) and the overdue watch. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { main, periodicJob, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { reportOverdueActions } from './providers/follow-up-actions';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    createServer,
    // Every instance runs the watch; the claim (SKIP LOCKED) makes each action reported once in all.
    background: periodicJob({
      run: (dataSource) => reportOverdueActions(dataSource),
      intervalMs: config.OVERDUE_CHECK_INTERVAL_MS,
      found: 'follow-up actions found overdue',
      what: 'overdue watch',
    }),
  });
});
