import { basename, dirname } from 'node:path';

/**
 * Whether the standard variables ask for traces: an OTLP endpoint or an explicit traces exporter,
 * and the SDK not disabled. Without them no SDK starts, so a process that exports nowhere pays nothing.
 * Kept apart from `sdk.ts`, which loads the SDK: deciding must not load what it decides about.
 */
export function telemetryConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * The default service name when OTEL_SERVICE_NAME is not set: `pcc-<workspace folder>` of the
 * entry script (`services/cases/dist/index.js` → `pcc-cases`).
 */
export function defaultServiceName(entry: string | undefined): string | undefined {
  return entry ? `pcc-${basename(dirname(dirname(entry)))}` : undefined;
}
