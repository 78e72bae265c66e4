import type { NodeSDK } from '@opentelemetry/sdk-node';

/** The started SDK, kept apart from its start-up so that stopping it loads no SDK code. */
let running: NodeSDK | undefined;

export const runningSdk = () => running;

export function setRunningSdk(sdk: NodeSDK | undefined): void {
  running = sdk;
}

/** Flushes and stops the SDK, if one runs (on shutdown, so the last spans are exported). */
export async function stopTelemetry(): Promise<void> {
  const sdk = running;
  running = undefined;
  await sdk?.shutdown();
}
