/**
 * The writer thread of the events benchmark: appends benchmark events to the outbox, either as
 * fast as it can in transactions of 100 (rate 0: the throughput phases) or one event per
 * transaction at a fixed rate, open loop. Reports how many it sent and when it started and finished.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { createDataSource } from '@pcc/db';
import { defineEvent, EventCatalogue, Outbox } from '@pcc/events';

interface Job {
  url: string;
  topic: string;
  phase: string;
  total: number;
  rate: number;
  seconds: number;
  keys: number;
}
const job = workerData as Job;
const catalogue = new EventCatalogue([
  defineEvent({
    type: 'pcc.bench.ticked',
    topic: job.topic,
    description: 'benchmark event',
    schema: z.object({ phase: z.string(), i: z.number().int() }),
  }),
]);
const keyOf = (i: number) => `00000000-0000-4000-8000-${String(i % job.keys).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const dataSource = createDataSource({ url: job.url, applicationName: 'bench-writer', poolSize: 20 });
  await dataSource.initialize();
  const outbox = new Outbox(catalogue, '/services/bench');
  const append = (from: number, count: number) =>
    dataSource.transaction((tx) =>
      outbox.append(
        tx,
        ...Array.from({ length: count }, (_, j) => ({
          type: 'pcc.bench.ticked',
          subject: keyOf(from + j),
          data: { phase: job.phase, i: from + j },
        })),
      ),
    );
  const startedAt = Date.now();
  let sent = 0;
  if (job.rate === 0) {
    for (; sent < job.total; sent += 100) await append(sent, Math.min(100, job.total - sent));
    sent = job.total;
  } else {
    const perTick = Math.max(1, Math.round(job.rate / 100));
    const inFlight: Array<Promise<unknown>> = [];
    for (let tick = 0; tick < job.seconds * 100; tick += 1) {
      const due = startedAt + tick * 10;
      if (due > Date.now()) await sleep(due - Date.now());
      for (let k = 0; k < perTick; k += 1) inFlight.push(append(sent++, 1));
    }
    await Promise.all(inFlight);
  }
  const finishedAt = Date.now();
  await dataSource.destroy();
  parentPort!.postMessage({ sent, startedAt, finishedAt });
}

void main();
