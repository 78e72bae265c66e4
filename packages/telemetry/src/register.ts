/**
 * `import '@pcc/telemetry/register'` as the first line of a process's entry point: starts the SDK
 * (when OTEL_* configures it) before any instrumented module (http, fastify, graphql, pg, kafkajs)
 * is required, since the instrumentations patch modules as they load.
 */
import { defaultServiceName, startTelemetry } from './sdk';

const serviceName = defaultServiceName(require.main?.filename);
startTelemetry(serviceName ? { serviceName } : {});
