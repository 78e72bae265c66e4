import { parseArgs } from 'node:util';
import { groupLag, lagByTopic } from '../../tools/lag';
import { kafkaFromEnv, writeLine, type Command } from './common';

export const lag: Command = {
  summary: 'consumer groups and their lag per topic',
  usage: `pcc-events lag [--group <group>]… [--format json|table]

  For each consumer group (all the broker knows, except the tools' throwaway ones, unless --group):
  the events of each topic it has not yet committed (high watermark minus committed offset).`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { group: { type: 'string', multiple: true, default: [] }, format: { type: 'string', default: 'table' } },
    });
    const { kafka } = kafkaFromEnv('pcc-events-lag');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups =
        values.group.length > 0
          ? values.group
          : (await admin.listGroups()).groups
              .map((g) => g.groupId)
              .filter((g) => !g.startsWith('pcc-events-cli-'))
              .sort();
      const rows: Array<{ group: string; topic: string; lag: number }> = [];
      for (const group of groups)
        for (const [topic, behind] of [...lagByTopic(await groupLag(admin, group))].sort())
          rows.push({ group, topic, lag: behind });
      if (values.format !== 'table') rows.forEach(writeLine);
      else {
        const g = Math.max(5, ...rows.map((r) => r.group.length));
        const t = Math.max(5, ...rows.map((r) => r.topic.length));
        process.stdout.write(`${'group'.padEnd(g)}  ${'topic'.padEnd(t)}  lag\n`);
        for (const r of rows) process.stdout.write(`${r.group.padEnd(g)}  ${r.topic.padEnd(t)}  ${r.lag}\n`);
      }
      return 0;
    } finally {
      await admin.disconnect();
    }
  },
};
