import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { stopTelemetry } from '@pcc/telemetry';

/** How long a shutdown may take before the process exits anyway (deployments' grace periods follow it). */
export const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Listens, and on SIGTERM or SIGINT shuts down in order: stop taking requests and finish those in
 * flight (Fastify close + Apollo's drain plugin), then run `closers` (relay, consumers, database
 * pool) one after another, and flush the last spans. A shutdown that hangs is cut off after `graceMs`.
 */
export async function serve(
  app: FastifyInstance,
  options: { host: string; port: number; log: Logger; closers?: Array<() => Promise<void>>; graceMs?: number },
): Promise<string> {
  const address = await app.listen({ host: options.host, port: options.port });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    options.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      options.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, options.graceMs ?? SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await app.close();
      for (const close of options.closers ?? []) await close();
      await stopTelemetry();
      options.log.info('stopped');
      process.exit(0);
    } catch (error) {
      options.log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  // `on`, not `once`: some libraries (signal-exit) re-raise a signal when no other listener is
  // left, which would kill the process in the middle of its shutdown.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return address;
}
