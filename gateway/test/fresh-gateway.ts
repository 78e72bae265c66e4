import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const DIST = join(__dirname, '..', 'dist');

export interface FreshGateway {
  /** Every module file the process had loaded once the gateway was built. */
  loaded: string[];
  /** Apollo's data-collection switch, as the gateway left it. */
  telemetryDisabled: string | undefined;
}

/**
 * Builds the gateway (not listening) in a fresh Node.js process, as `npm start` does, and reports the
 * modules that process loaded and Apollo's data-collection switch as the gateway left it.
 */
export function freshGateway(): FreshGateway {
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
  ) as FreshGateway;
}

/** The files of one package (by its name in node_modules) among those loaded. */
export const filesOf = (loaded: readonly string[], name: string): string[] =>
  loaded.filter((file) => file.includes(`/node_modules/${name}/`));
