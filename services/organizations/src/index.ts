/** Entry point: read config and run the subgraph process (connect, migrate, relay, listen) and the overdue watch. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { main, runSubgraph } from '@pcc/subgraph-kit';
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
    background: ({ dataSource, log }) => {
      // Every instance runs the watch; the claim (SKIP LOCKED) makes each action reported once in all.
      const check = () =>
        void reportOverdueActions(dataSource).then(
          (count) => count && log.info({ count }, 'follow-up actions found overdue'),
          (error) => log.warn({ err: error }, 'overdue watch failed; will retry'),
        );
      const first = setTimeout(check, 5_000);
      const watch = setInterval(check, config.OVERDUE_CHECK_INTERVAL_MS);
      return async () => {
        clearTimeout(first);
        clearInterval(watch);
      };
    },
  });
});
