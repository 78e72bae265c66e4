import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@pcc/testing';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/** Every private server still running: should the test runner exit first, none outlives it. */
const running = new Set<PrivatePostgres>();
process.once('exit', () => running.forEach((server) => server.destroySync()));

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, its own port, trust auth), for
 * scenarios that stop or restart the database: the machine's server is shared and never touched. initdb
 * refuses to run as root, so as root the tools run as the `postgres` OS user (`runuser`).
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'pcc-faults-pg-'));
    const server = new PrivatePostgres(dir, await freePort());
    running.add(server);
    try {
      if (process.getuid?.() === 0) {
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
        const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
        chownSync(dir, uid, gid);
      }
      // No fsync: the data is thrown away with the directory, and the shared disk is slow.
      await server.tool('initdb', ['-D', server.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
      await server.ctl('start');
      return server;
    } catch (error) {
      server.destroySync();
      throw error;
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  /** `pg_ctl stop -m fast`: sessions are ended, the server shuts down cleanly. */
  stop(): Promise<void> {
    return this.ctl('stop');
  }

  /** Starts the stopped server again, on the same port and data. */
  restart(): Promise<void> {
    return this.ctl('start');
  }

  /** Stops the server (immediately) and deletes its directory. */
  async destroy(): Promise<void> {
    this.destroySync();
  }

  destroySync(): void {
    if (!running.delete(this)) return;
    try {
      if (existsSync(join(this.data, 'postmaster.pid')))
        execFileSync(...this.command('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']), { stdio: 'pipe' });
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async ctl(action: 'start' | 'stop'): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    const args = ['-D', this.data, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-m', 'fast', '-o', options];
    await this.tool('pg_ctl', [...args, action]);
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const [file, argv] = this.command(name, args);
    await run(file, argv, { timeout: 90_000 });
  }

  private command(name: string, args: string[]): [string, string[]] {
    return process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, name), ...args]]
      : [join(BIN, name), args];
  }
}
