/**
 * CPU time spent by each part of the platform over a measured phase, read from Linux's `/proc`
 * (user + system time of a process and its children). Divided by the requests served it says where
 * the cost of one request goes — a figure that, unlike requests/s, holds when other work shares the
 * machine, so it can guide the work even on a busy one.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat`'s times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds of one process (its own threads; 0 once it has gone). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses): utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
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
  for (const [name, pid] of Object.entries(parts.processes)) snapshot[name] = pid ? treeCpuMs(pid) : 0;
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
