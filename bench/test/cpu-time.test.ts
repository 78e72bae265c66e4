import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuPerRequest, cpuSnapshot } from '../src/cpu-time';

/** Keeps a CPU busy for `ms` of wall time (a measured subject, not a wait). */
function spin(ms: number): number {
  const until = Date.now() + ms;
  let x = 0;
  while (Date.now() < until) x += Math.sqrt(x + 1);
  return x;
}

describe('CPU time per part', () => {
  it('counts the CPU a process spends between two snapshots', () => {
    const parts = { processes: { self: process.pid }, databasePrefix: 'pcc_no_such_database_' };
    const before = cpuSnapshot(parts);
    spin(300);
    const after = cpuSnapshot(parts);
    // At least part of the 300 ms was on a CPU (the machine may be shared); /proc counts in 10 ms ticks.
    expect(after.self! - before.self!).toBeGreaterThanOrEqual(30);
    expect(after.postgres).toBe(0);
    expect(after['load driver']! - before['load driver']!).toBeGreaterThanOrEqual(30);
  });

  it('counts a child process of a part with it (cluster workers)', async () => {
    const child = spawn(process.execPath, ['-e', 'const u=Date.now()+400;let x=0;while(Date.now()<u)x++;'], {
      stdio: 'ignore',
    });
    const parts = { processes: { tree: process.pid }, databasePrefix: 'pcc_no_such_database_' };
    const before = cpuSnapshot(parts);
    let during = before;
    await new Promise<void>((resolve) => {
      const check = () => {
        during = cpuSnapshot(parts); // read while the child is still ours to see
        if (child.exitCode === null) setTimeout(check, 50);
      };
      child.once('exit', () => resolve());
      check();
    });
    expect(during.tree! - before.tree!).toBeGreaterThanOrEqual(30);
  });

  it("gives a JVM's JIT compilers a row of their own, and a Node.js process none", async () => {
    // A Java program run from source (the launcher compiles it with javac in the JVM, which the JIT
    // compiles in turn), kept alive until the test closes its input.
    const dir = mkdtempSync(join(tmpdir(), 'pcc-jit-'));
    const source = join(dir, 'Busy.java');
    writeFileSync(
      source,
      `public class Busy {
        public static void main(String[] args) throws Exception {
          double x = 0;
          for (int i = 0; i < 50_000_000; i++) x += Math.sqrt(i);
          System.out.println("ready " + x);
          System.in.read();
        }
      }`,
    );
    const jvm = spawn('java', [source], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await Promise.race([
        once(jvm.stdout, 'data'),
        once(jvm, 'exit').then(() => Promise.reject(new Error('java exited before it was ready'))),
      ]);
      const snapshot = cpuSnapshot({ processes: { jvm: jvm.pid, node: process.pid }, databasePrefix: 'pcc_no_such_' });
      expect(snapshot['jvm: JIT compilers']).toBeGreaterThan(0);
      expect(snapshot.jvm).toBeGreaterThan(0);
      expect(snapshot).not.toHaveProperty(['node: JIT compilers']);
    } finally {
      jvm.stdin.end();
      await once(jvm, 'exit');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('divides by the requests served and sums the parts', () => {
    const rows = cpuPerRequest({ a: 100, b: 50 }, { a: 300, b: 150 }, 100);
    expect(rows).toEqual([
      { part: 'a', 'CPU ms / request': 2 },
      { part: 'b', 'CPU ms / request': 1 },
      { part: 'total', 'CPU ms / request': 3 },
    ]);
  });
});
