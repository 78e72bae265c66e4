import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const DIST = join(__dirname, '..', 'dist');

/**
 * Builds the gateway (not listening) in a fresh Node.js process, as `npm start` does, and reports the
 * modules that process loaded and Apollo's data-collection switch as the gateway left it.
 */
function freshGateway(): { loaded: string[]; telemetryDisabled: string | undefined } {
  const script = `
    const { loadConfig } = require('@pcc/config');
    const { configSchema } = require(${JSON.stringify(join(DIST, 'config.js'))});
    const { createGatewayServer } = require(${JSON.stringify(join(DIST, 'server.js'))});
    const { readSupergraph } = require(${JSON.stringify(join(DIST, 'supergraph.js'))});
    const nowhere = 'http://127.0.0.1:9/graphql';
    createGatewayServer({
      config: loadConfig(configSchema, {
        ORGANIZATIONS_URL: nowhere, CASES_URL: nowhere, PLANNING_URL: nowhere, WASTE_METRICS_URL: nowhere,
        NOTIFICATIONS_URL: nowhere, LOG_LEVEL: 'silent', SUPERGRAPH_SOURCE: 'file', CHANGES_STREAM: 'false',
      }),
      supergraphSdl: readSupergraph(),
    }).then(async (server) => {
      const report = { loaded: Object.keys(require.cache), telemetryDisabled: process.env.APOLLO_TELEMETRY_DISABLED };
      await server.app.close();
      process.stdout.write(JSON.stringify(report));
    });`;
  const env = { ...process.env };
  delete env.APOLLO_TELEMETRY_DISABLED;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8', env }),
  ) as { loaded: string[]; telemetryDisabled: string | undefined };
}

describe("Apollo Gateway's anonymous data collection", () => {
  let gateway: ReturnType<typeof freshGateway>;
  beforeAll(() => {
    gateway = freshGateway();
  });
  const loadedFrom = (name: string) => gateway.loaded.filter((file) => file.includes(`/node_modules/${name}/`));

  it('is turned off by the gateway itself, without any setting', () => {
    expect(loadedFrom('@apollo/gateway').length).toBeGreaterThan(0);
    expect(gateway.telemetryDisabled).toBe('true');
  });

  it('loads none of its exporter, its cloud detectors or the HTTP client the gateway does not use (patches/)', () => {
    // Each of these is loaded only when Apollo's metrics exporter is created, or when a data source
    // or Uplink is built without a fetcher of its own: none happens here.
    for (const name of [
      '@opentelemetry/exporter-metrics-otlp-http',
      '@opentelemetry/sdk-metrics',
      '@opentelemetry/resource-detector-aws',
      '@opentelemetry/resource-detector-gcp',
      '@opentelemetry/semantic-conventions',
      'make-fetch-happen',
    ])
      expect({ name, files: loadedFrom(name) }).toEqual({ name, files: [] });
  });
});
