import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository's root, where every workspace's `dist/index.js` is. */
const ROOT = join(__dirname, '..', '..', '..');

/** A port nobody listens on now, for a process that must come back on the same one after a restart. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Every child still running: should the test runner exit first (a timed-out hook), none outlives it. */
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/**
 * One process of the platform as it runs in production (`node <workspace>/dist/index.js`), on a port of
 * its own, for tests of what happens when a process dies: `kill('SIGKILL')` ends it without any of its
 * shutdown, `start()` brings it back on the same port with the same environment. Its output is kept
 * (the last 200 chunks) for a failing test's message.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];

  constructor(
    readonly name: string,
    /** The entry point, from the repository's root: `services/planning/dist/index.js`. */
    private readonly entry: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until `readyPath` answers 2xx (or fails with its output). */
  async start(readyPath = '/readyz', timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, this.entry)], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    const keep = (chunk: Buffer) => {
      this.output.push(`[${this.name}] ${chunk.toString()}`);
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.logs()}`);
      try {
        if ((await fetch(`${this.url}${readyPath}`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.name} was not ready in ${timeoutMs} ms:\n${this.logs()}`);
  }

  /** Sends `signal` and waits until the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  /** What the process printed, for an assertion's message. */
  logs(): string {
    return this.output.join('');
  }
}
