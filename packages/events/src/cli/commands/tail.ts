import { parseArgs } from 'node:util';
import { platformCatalogue } from '../../catalogue';
import { fromKafkaMessage } from '../../cloudevents';
import { readTopics } from '../../tools/read';
import { kafkaFromEnv, onSignal, parseSince, UsageError, writeLine, type Command } from './common';

/** A type filter: exact, or a prefix ending in `*` (`pcc.case.*`). */
const matches = (patterns: readonly string[], type: string) =>
  patterns.length === 0 || patterns.some((p) => (p.endsWith('*') ? type.startsWith(p.slice(0, -1)) : p === type));

const column = (value: string, width: number) =>
  value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);

export const tail: Command = {
  summary: 'print events as JSON lines or a table, filtered by type, subject and time',
  usage: `pcc-events tail [--type <type|prefix*>]… [--subject <id>] [--topic <topic>]… [--since <time>] [--until <time>]
                 [--format json|table] [--follow]

  Reads every platform topic (or --topic) from --since (ISO 8601, or 90s, 15m, 2h, 7d back; default:
  the start of today, UTC) and prints each event that matches. Stops at the end of what is there,
  unless --follow. A throwaway consumer group: nothing is committed.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        type: { type: 'string', multiple: true, default: [] },
        subject: { type: 'string' },
        topic: { type: 'string', multiple: true, default: [] },
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string', default: 'json' },
        follow: { type: 'boolean', default: false },
      },
    });
    if (values.format !== 'json' && values.format !== 'table') throw new UsageError('--format is json or table');
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const since = values.since ? parseSince(values.since) : today;
    const until = values.until ? parseSince(values.until) : undefined;
    const topics = values.topic.length > 0 ? values.topic : platformCatalogue.topics();
    const table = values.format === 'table';
    if (table) process.stdout.write(`${column('time', 25)} ${column('type', 40)} ${column('subject', 37)} where\n`);
    const { kafka } = kafkaFromEnv('pcc-events-tail');
    const reading = await readTopics(kafka, {
      topics,
      since,
      follow: values.follow,
      onMessage: (topic, partition, message) => {
        let event;
        try {
          event = fromKafkaMessage(message);
        } catch (error) {
          if (!table) writeLine({ topic, partition, offset: message.offset, invalid: String(error) });
          return;
        }
        if (!matches(values.type, event.type) || (values.subject && event.subject !== values.subject)) return;
        const time = new Date(event.time);
        if (time < since || (until && time > until)) return;
        if (table)
          process.stdout.write(
            `${column(event.time, 25)} ${column(event.type, 40)} ${column(event.subject, 37)} ${topic}/${partition}@${message.offset}\n`,
          );
        else
          writeLine({
            topic,
            partition,
            offset: message.offset,
            id: event.id,
            type: event.type,
            subject: event.subject,
            time: event.time,
            data: event.data,
          });
      },
    });
    onSignal(reading.stop);
    await reading.done;
    return 0;
  },
};
