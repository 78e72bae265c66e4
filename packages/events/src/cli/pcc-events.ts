#!/usr/bin/env node
/**
 * `pcc-events`: the tools around the event streams, one command with subcommands (each with --help).
 * Kafka is KAFKA_BROKERS (default 127.0.0.1:9092).
 */
import { dlq } from './commands/dlq';
import { lag } from './commands/lag';
import { parked } from './commands/parked';
import { query } from './commands/query';
import { replay } from './commands/replay';
import { sink } from './commands/sink';
import { tail } from './commands/tail';
import { USAGE_ERROR, UsageError, type Command } from './commands/common';

const commands: Record<string, Command> = { tail, replay, sink, query, dlq, lag, parked };

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'usage: pcc-events <command> [options]   (pcc-events <command> --help for its options)',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Kafka: KAFKA_BROKERS (default 127.0.0.1:9092).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : USAGE_ERROR;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`pcc-events: unknown command "${name}"\n${help()}\n`);
    return USAGE_ERROR;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // Unknown or missing options (parseArgs) and our own checks: the command's usage, exit 64.
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`pcc-events ${name}: ${(error as Error).message}\n${command.usage}\n`);
      return USAGE_ERROR;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`pcc-events: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
