import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
// The built module, as `npm run bench` runs it (the test task builds the package first).
const PROCESSES = join(__dirname, '..', 'dist', 'processes.js');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A bench that starts one platform process the way the benchmarks do, then waits to be stopped. */
describe("the bench's processes end with it", () => {
  let dir: string;
  let bench: ChildProcess | undefined;
  let platformPid: number | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcc-bench-processes-'));
    // A platform process that runs until it is stopped.
    writeFileSync(join(dir, 'server.js'), 'setInterval(() => {}, 60_000);\n');
    writeFileSync(
      join(dir, 'bench.js'),
      `const { start, stopAll, stopOnSignals } = require(${JSON.stringify(PROCESSES)});
const running = [start('server', ${JSON.stringify(relative(ROOT, join(dir, 'server.js')))}, {}, () => {})];
stopOnSignals(() => stopAll(running));
console.log(running[0].process.pid);
`,
    );
  });
  afterEach(() => {
    // A failed assertion must not leave either process behind.
    if (platformPid && alive(platformPid)) process.kill(platformPid, 'SIGKILL');
    if (bench?.exitCode === null && bench.signalCode === null) bench.kill('SIGKILL');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('on %s the bench stops the processes it started, then exits with %i', async (signal, code) => {
    bench = spawn(process.execPath, [join(dir, 'bench.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: bench.stdout! }), 'line')) as [string];
    platformPid = Number(line);
    expect(alive(platformPid)).toBe(true);

    const exited = once(bench, 'exit');
    bench.kill(signal);
    const [exitCode] = (await exited) as [number | null];
    expect(exitCode).toBe(code);
    // The bench exits only after its processes have: none is left holding the bench's ports.
    expect(alive(platformPid)).toBe(false);
  });
});
