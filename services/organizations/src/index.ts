/** Entry point: read config and run the subgraph process (connect, migrate, relay, listen). */
import '@pcc/telemetry/register';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { main, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { createServer } from './server';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    name: 'organizations',
    config,
    dataSource: dataSourceFor(config),
    topics: [TOPICS.organization, TOPICS.member, TOPICS.agreement],
    createServer,
  });
});
