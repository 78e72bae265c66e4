import { parseArgs } from 'node:util';
import { platformCatalogue } from '../../catalogue';
import { listDeadLetters, redriveDeadLetters } from '../../tools/dlq';
import { kafkaFromEnv, UsageError, writeLine, type Command } from './common';

export const dlq: Command = {
  summary: 'list dead-lettered messages, or send them back to their topic after a fix',
  usage: `pcc-events dlq list [--topic <topic>]…
pcc-events dlq redrive --topic <topic> [--id <event id>]…

  list: one JSON line per message kept in <topic>.dlq (every platform topic unless --topic): the
  event's id, type and subject, where it failed (topic, partition, offset, consumer group), the
  attempts, when, and the error.
  redrive: sends the messages of <topic>.dlq (all, or those with the given event ids) back to <topic>
  with their key, value and original headers (without the dlq_* ones). Consumers that already handled
  an event skip it (inbox); the others handle it now.`,
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        topic: { type: 'string', multiple: true, default: [] },
        id: { type: 'string', multiple: true, default: [] },
      },
    });
    const { kafka } = kafkaFromEnv('pcc-events-dlq');
    if (action === 'list') {
      const topics = values.topic.length > 0 ? values.topic : platformCatalogue.topics();
      for (const letter of await listDeadLetters(kafka, topics)) writeLine(letter);
      return 0;
    }
    if (action === 'redrive') {
      if (values.topic.length !== 1) throw new UsageError('dlq redrive needs one --topic (the topic to send back to)');
      const sent = await redriveDeadLetters(kafka, values.topic[0]!, values.id);
      for (const letter of sent) writeLine({ redriven: letter.id, type: letter.type, to: values.topic[0] });
      writeLine({ redriven: sent.length });
      return 0;
    }
    throw new UsageError('dlq list|redrive');
  },
};
