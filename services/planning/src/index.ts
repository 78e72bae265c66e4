/** Entry point: read config and run the subgraph process, with the organization and case projections and the delay and lapse watches. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, runSubgraph } from '@pcc/subgraph-kit';
import { accumulatedFundsRules, configSchema } from './config';
import { dataSourceFor } from './data-source';
import { caseProjection } from './events/case-projection';
import { reportLapses } from './providers/accumulated-funds';
import { reportDelays } from './providers/delays';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    subscriptions: [organizationProjection, caseProjection],
    createServer: (deps) => createServer({ ...deps, accumulatedFunds: accumulatedFundsRules(config) }),
    background: ({ dataSource, log }) => {
      // Timers ignore what their callback returns; the failure is handled right here, so nothing is lost.
      const check = () => {
        void reportDelays(dataSource).then(
          (count) => count && log.info({ count }, 'projects found delayed'),
          (error) => log.warn({ err: error }, 'delay watch failed; will retry'),
        );
        // Time alone also lapses accumulated-funds approvals without a contract: the same watch.
        void reportLapses(dataSource).then(
          (count) => count && log.info({ count }, 'accumulated-funds approvals lapsed'),
          (error) => log.warn({ err: error }, 'lapse watch failed; will retry'),
        );
      };
      const first = setTimeout(check, 5_000);
      const watch = setInterval(check, config.DELAY_CHECK_INTERVAL_MS);
      return async () => {
        clearTimeout(first);
        clearInterval(watch);
      };
    },
  });
});
