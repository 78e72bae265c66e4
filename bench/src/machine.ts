import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** A one-line description of the machine a benchmark ran on, for BENCHMARKS.md. */
export function describeMachine(extra: Record<string, string> = {}): Record<string, string> {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    commit: sh('git rev-parse --short HEAD'),
    date: new Date().toISOString(),
    ...extra,
  };
}
