/** Entry point: read config and the supergraph, listen — in one process, or in GATEWAY_WORKERS of them. */
import '@pcc/telemetry/register';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { loadConfigOrExit } from '@pcc/config';
import { createKafka } from '@pcc/events/bus';
import { createLogger, serve } from '@pcc/http';
import { configSchema, metricsPort } from './config';
import { createGatewayServer } from './server';
import { readSupergraph } from './supergraph';

async function main(): Promise<void> {
  const config = loadConfigOrExit(configSchema);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const workers = config.GATEWAY_WORKERS === 0 ? availableParallelism() : config.GATEWAY_WORKERS;
  if (workers > 1 && cluster.isPrimary) return supervise(workers, log);
  const { app, metricsApp } = await createGatewayServer({
    config,
    supergraphSdl: readSupergraph(config.SUPERGRAPH_PATH),
    registry:
      config.SUPERGRAPH_SOURCE === 'registry'
        ? {
            replicationFactor: config.KAFKA_REPLICATION_FACTOR,
            kafka: createKafka(
              { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID },
              (level, message, extra) => log.warn({ kafka: extra, level }, message),
            ),
          }
        : undefined,
    registryWaitMs: config.SUPERGRAPH_REGISTRY_WAIT_MS,
    logger: log,
  });
  const address = await serve(app, { host: config.HOST, port: config.PORT, log });
  if (metricsApp) await metricsApp.listen({ host: config.HOST, port: metricsPort(config)! });
  log.info({ address, worker: cluster.worker?.id }, 'gateway listening');
}

/**
 * The primary of a clustered gateway: forks the workers (they share the port; the primary serves
 * nothing itself), replaces one that dies, and on SIGTERM/SIGINT stops them all and exits after them.
 */
function supervise(workers: number, log: ReturnType<typeof createLogger>): void {
  let stopping = false;
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'gateway worker died; starting another');
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log.info({ workers }, 'gateway primary supervising its workers');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
