/** Entry point: read config and the supergraph, listen. */
import { loadConfigOrExit } from '@pcc/config';
import { createLogger, serve } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { createGatewayServer } from './server';
import { readSupergraph } from './supergraph';

async function main(): Promise<void> {
  const config = loadConfigOrExit(configSchema);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const { app } = await createGatewayServer({ config, supergraphSdl: readSupergraph(config.SUPERGRAPH_PATH), logger: log });
  const address = await serve(app, { host: config.HOST, port: config.PORT, log });
  log.info({ address }, 'gateway listening');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
