/**
 * CPU time spent by each part of the platform over a measured phase, read from Linux's `/proc`
 * (user + system time of a process and its children). Divided by the requests served it says where
 * the cost of one request goes — a figure that, unlike requests/s, holds when other work shares the
 * machine, so it can guide the work even on a busy one.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat`'s times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds in a `/proc` stat file (0 once its process or thread has gone). */
function statCpuMs(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses): utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** One process, all its threads. */
const processCpuMs = (pid: number): number => statCpuMs(`/proc/${pid}/stat`);

/** One thread of a process. */
const taskCpuMs = (pid: number, tid: string): number => statCpuMs(`/proc/${pid}/task/${tid}/stat`);

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * CPU milliseconds of a JVM's JIT compiler threads (HotSpot names them `C1 CompilerThread0`, `C2
 * CompilerThread1`, …; Linux keeps the first 15 characters). A broker started for the run is still
 * compiling well into the load: counted with the broker, that one-off cost reads as a cost per request.
 * A compiler thread the JVM ends within a phase (it may end idle ones beyond the first of each kind)
 * moves its CPU back to the process's row: the split can shift, never the process's total.
 */
function jitCompilersCpuMs(pid: number): number {
  let total = 0;
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const tid of threads) {
    try {
      if (/^C[12] CompilerThre/.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8')))
        total += taskCpuMs(pid, tid);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}

/** A process and its descendants (cluster workers). */
function treeCpuMs(pid: number): number {
  return processCpuMs(pid) + childrenOf(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
}

/** PostgreSQL backends serving databases whose name starts with `prefix` (their title names the database). */
function postgresBackendsCpuMs(prefix: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${prefix}`)) total += processCpuMs(Number(entry));
    } catch {
      // the backend ended between the listing and the read
    }
  }
  return total;
}

export interface CpuParts {
  /** Named processes (a subgraph, a gateway) by pid. */
  processes: Record<string, number | undefined>;
  /** The prefix of the databases whose backends count as "postgres". */
  databasePrefix: string;
}

export type CpuSnapshot = Record<string, number>;

export function cpuSnapshot(parts: CpuParts): CpuSnapshot {
  const snapshot: CpuSnapshot = {};
  for (const [name, pid] of Object.entries(parts.processes)) {
    snapshot[name] = pid ? treeCpuMs(pid) : 0;
    // A JVM's compilers get a row of their own, taken out of the process's (the total is unchanged).
    const compiling = pid ? jitCompilersCpuMs(pid) : 0;
    if (compiling > 0) {
      snapshot[name] -= compiling;
      snapshot[`${name}: JIT compilers`] = compiling;
    }
  }
  snapshot.postgres = postgresBackendsCpuMs(parts.databasePrefix);
  const own = process.cpuUsage();
  snapshot['load driver'] = (own.user + own.system) / 1000;
  return snapshot;
}

/** CPU milliseconds per request of each part between two snapshots, and their sum. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  const rows = Object.keys(after).map((part) => ({
    part,
    'CPU ms / request': Number(((after[part]! - (before[part] ?? 0)) / Math.max(1, requests)).toFixed(2)),
  }));
  const total = rows.reduce((sum, r) => sum + r['CPU ms / request'], 0);
  return [...rows, { part: 'total', 'CPU ms / request': Number(total.toFixed(2)) }];
}
