/**
 * `import '@pcc/telemetry/register'` as the first line of a process's entry point: starts the SDK
 * (when OTEL_* configures it) before any instrumented module (http, fastify, graphql, pg, kafkajs)
 * is required, since the instrumentations patch modules as they load.
 *
 * The SDK is required only when it is configured: with its exporters it is some 1,900 modules whose
 * sources and code stayed on every process's heap (about 40 MiB of the gateway's live heap, measured
 * in a heap snapshot) though nothing was exported. The require is synchronous on purpose: an `import()`
 * would finish after the entry point had already required the modules to patch.
 */
import type * as Sdk from './sdk';
import { defaultServiceName, telemetryConfigured } from './configured';

if (telemetryConfigured()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: must load synchronously, and only here
  const { startTelemetry } = require('./sdk') as typeof Sdk;
  const serviceName = defaultServiceName(require.main?.filename);
  startTelemetry(serviceName ? { serviceName } : {});
}
