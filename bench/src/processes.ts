import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, urlOf, type ServiceName } from './databases';

const ROOT = join(__dirname, '..', '..');
export const GATEWAY_PORT = 5000;
export const HIVE_PORT = 5100;
export const HIVE_NO_DEDUP_PORT = 5101;

export const subgraphUrl = (name: ServiceName) => `http://127.0.0.1:${SERVICES[name].port}/graphql`;

/** The committed supergraph with the bench ports, for Hive Gateway (ours takes `*_URL` overrides). */
export function benchSupergraph(file: string): string {
  let sdl = readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
  for (const name of Object.keys(SERVICES) as ServiceName[])
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${subgraphUrl(name)}`);
  writeFileSync(file, sdl);
  return file;
}

export interface Running {
  name: string;
  process: ChildProcess;
}

/** Starts one process of the platform with production settings; its output goes to the bench's log. */
export function start(
  name: string,
  entry: string,
  env: Record<string, string>,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Running {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, entry)], {
    cwd: ROOT,
    // The bench's own environment first: `SUBGRAPH_RESPONSE_CACHE=off npm run bench:profile` reaches every subgraph.
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => log(`[${name}] ${l}`));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return { name, process: child };
}

export function startSubgraph(
  name: ServiceName,
  secret: string,
  log: (line: string) => void,
  nodeArgs: string[] = [],
): Running {
  return start(
    name,
    // The entry point of the subgraph, as `npm start` runs it.
    `services/${SERVICES[name].service.name}/dist/index.js`,
    {
      PORT: String(SERVICES[name].port),
      HOST: '127.0.0.1',
      DATABASE_URL: urlOf(name),
      INTERNAL_JWT_SECRET: secret,
      DATABASE_POOL_SIZE: '20',
    },
    log,
    nodeArgs,
  );
}

/** Our gateway on the bench ports; `nodeArgs` e.g. `--cpu-prof` to profile it. */
export function startGateway(
  secrets: { internal: string; jwt: string },
  log: (line: string) => void,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
): Running {
  return start(
    'gateway',
    'gateway/dist/index.js',
    {
      PORT: String(GATEWAY_PORT),
      HOST: '127.0.0.1',
      INTERNAL_JWT_SECRET: secrets.internal,
      JWT_SECRET: secrets.jwt,
      // The write benchmark is public intake from one address at full speed: measured, not rate limited.
      RATE_LIMIT_INTAKE: '1000000',
      // The gateway's `<SUBGRAPH>_URL` overrides of the committed supergraph's URLs.
      ...Object.fromEntries(
        (Object.keys(SERVICES) as ServiceName[]).map((name) => [`${name.toUpperCase()}_URL`, subgraphUrl(name)]),
      ),
      ...extra,
    },
    log,
    nodeArgs,
  );
}

/** Hive Gateway as it ships (deduplicating in-flight subgraph requests), or with that off. */
export function startHive(supergraphPath: string, log: (line: string) => void, deduplicate = true): Running {
  return start(
    deduplicate ? 'hive' : 'hive-no-dedup',
    'bench/dist/hive-gateway.js',
    {
      PORT: String(deduplicate ? HIVE_PORT : HIVE_NO_DEDUP_PORT),
      SUPERGRAPH_PATH: supergraphPath,
      HIVE_DEDUPLICATE: String(deduplicate),
    },
    log,
  );
}

/** Waits until a URL answers 200 (a health or readiness route). */
export async function waitUntilUp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops processes (SIGTERM, then SIGKILL after 10 s) and waits for each to exit. */
export async function stopAll(running: Running[]): Promise<void> {
  await Promise.all(
    running.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Stops what `stop` stops when the bench is told to end, then exits with the signal's conventional
 * code. Ctrl-C reaches the whole process group, but a SIGTERM from `kill` or `timeout` reaches the
 * bench alone, and would leave the platform's processes holding their ports for the next run.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => void stop().then(() => process.exit(code)));
}

/** Peak resident memory so far (Linux VmHWM) of a process and its children (cluster workers), in MiB. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  const read = (p: number): number => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
      return (match ? Number(match[1]) : 0) + children.reduce((sum, child) => sum + read(child), 0);
    } catch {
      return 0;
    }
  };
  const kb = read(pid);
  return kb ? Math.round(kb / 1024) : null;
}
