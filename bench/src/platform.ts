/**
 * The platform on the bench: the four subgraphs on their bench databases and our gateway, started
 * as `npm start` runs them (production settings), with what the workloads need from the data — the
 * organizations and a spread sample of real tracking codes. Shared by `npm run bench` and
 * `npm run bench:profile`.
 */
import { connect, SERVICES, type ServiceName } from './databases';
import { GATEWAY_PORT, startGateway, startSubgraph, stopAll, waitUntilUp, type Running } from './processes';

export interface BenchPlatform {
  running: Running[];
  gateway: Running;
  /** Our gateway's GraphQL endpoint. */
  url: string;
  organizations: Array<{ id: string; code: string }>;
  trackingCodes: string[];
  stop: () => Promise<void>;
}

export async function startPlatform(options: {
  secrets: { internal: string; jwt: string };
  log: (line: string) => void;
  gatewayEnv?: Record<string, string>;
  /** Node.js flags of the subgraphs (`--cpu-prof`, say). */
  subgraphArgs?: string[];
  gatewayArgs?: string[];
}): Promise<BenchPlatform> {
  const running: Running[] = [];
  const stop = () => stopAll(running.splice(0));
  try {
    const names = Object.keys(SERVICES) as ServiceName[];
    for (const name of names)
      running.push(startSubgraph(name, options.secrets.internal, options.log, options.subgraphArgs));
    for (const name of names) await waitUntilUp(`http://127.0.0.1:${SERVICES[name].port}/readyz`);
    const gateway = startGateway(options.secrets, options.log, options.gatewayEnv, options.gatewayArgs);
    running.push(gateway);
    await waitUntilUp(`http://127.0.0.1:${GATEWAY_PORT}/readyz`);
    await waitForWasteTargets();
    const registry = await connect('organizations');
    const organizations = (
      await registry.query<{ id: string; code: string }>('SELECT id, code FROM organization ORDER BY code')
    ).rows;
    await registry.end();
    const cases = await connect('cases');
    // A fixed, spread sample of real tracking codes for the citizens.
    const trackingCodes = (
      await cases.query<{ tracking_code: string }>(
        'SELECT tracking_code FROM "case" ORDER BY md5(tracking_code) LIMIT 200',
      )
    ).rows.map((r) => r.tracking_code);
    await cases.end();
    return {
      running,
      gateway,
      url: `http://127.0.0.1:${GATEWAY_PORT}/graphql`,
      organizations,
      trackingCodes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The waste targets arrive from the MOU's event: wait for them, so every gateway reads the same data. */
async function waitForWasteTargets(): Promise<void> {
  const waste = await connect('waste_metrics');
  try {
    for (let i = 0; i < 120; i += 1) {
      const { rows } = await waste.query<{ n: string }>('SELECT count(*) AS n FROM waste_target');
      if (Number(rows[0]!.n) >= 19) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the waste targets did not arrive from the registry in 60 s');
  } finally {
    await waste.end();
  }
}
