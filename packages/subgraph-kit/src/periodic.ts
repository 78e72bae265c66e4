import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

export interface PeriodicJob {
  /** What the job found, for the log line ("projects found delayed"). */
  found: string;
  /** What failed, for the warning ("delay watch"). */
  what: string;
  /** One round; returns how many things it found (logged when more than none). */
  run: (dataSource: DataSource) => Promise<number>;
  intervalMs: number;
  /** The first round, a little after start (the consumers and relay are up by then). */
  firstAfterMs?: number;
}

/**
 * A watch that time alone gives work to (delays, deadlines), as a subgraph's `background`: a round
 * shortly after start and then every `intervalMs`. Timers ignore what their callback returns, so a
 * round's failure is logged right here and the next round retries; nothing is lost.
 */
export function periodicJob(job: PeriodicJob) {
  return ({ dataSource, log }: { dataSource: DataSource; log: Logger }): (() => Promise<void>) => {
    const round = () =>
      void job.run(dataSource).then(
        (count) => count && log.info({ count }, job.found),
        (error: unknown) => log.warn({ err: error }, `${job.what} failed; will retry`),
      );
    const first = setTimeout(round, job.firstAfterMs ?? 5_000);
    const every = setInterval(round, job.intervalMs);
    return async () => {
      clearTimeout(first);
      clearInterval(every);
    };
  };
}

/** Several watches as one `background`: each on its own timer (one failing never holds the other back), stopped together. */
export function periodicJobs(...jobs: PeriodicJob[]) {
  const starters = jobs.map(periodicJob);
  return (deps: { dataSource: DataSource; log: Logger }): (() => Promise<void>) => {
    const stops = starters.map((start) => start(deps));
    return async () => {
      await Promise.all(stops.map((stop) => stop()));
    };
  };
}
