import { z } from 'zod';
import { kafkaEnv, loadConfigOrExit } from '@pcc/config';
import type { Kafka } from 'kafkajs';
import { createKafka } from '../../kafka';

/** A subcommand: its help text and what it does with its arguments; returns the exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Exit code of a command used wrongly (sysexits EX_USAGE). */
export const USAGE_ERROR = 64;

export class UsageError extends Error {}

/** The Kafka settings every subcommand reads from the environment (KAFKA_BROKERS, …). */
export function kafkaFromEnv(clientId = 'pcc-events'): { kafka: Kafka; config: ReturnType<typeof loadKafkaConfig> } {
  const config = loadKafkaConfig(clientId);
  return { kafka: createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID }), config };
}

const loadKafkaConfig = (clientId: string) => loadConfigOrExit(z.object(kafkaEnv(clientId)));

export const writeLine = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

/** A time given as ISO 8601 or as a duration back from now: `90s`, `15m`, `2h`, `7d`. */
export function parseSince(value: string, now = Date.now()): Date {
  const duration = /^(\d+)([smhd])$/.exec(value);
  if (duration) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(duration[1]) * unit);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`not a time: ${value} (ISO 8601, or 90s, 15m, 2h, 7d)`);
  return date;
}

/** Stops on Ctrl-C or SIGTERM. */
export function onSignal(stop: () => Promise<void>): void {
  const handler = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
