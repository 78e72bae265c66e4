import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '../../catalogue';
import { ANALYST_QUERIES, analystQuery } from '../../sink/queries';
import { runDuckDbQuery } from '../../sink/run-query';
import { UsageError, writeLine, type Command } from './common';

export const query: Command = {
  summary: "run DuckDB SQL, or one of the README's analyst queries, on the sink's Parquet files",
  usage: `pcc-events query [--out <folder>] --name ${Object.keys(ANALYST_QUERIES).join('|')}
pcc-events query "<DuckDB SQL>"

  Prints one JSON line per row. --out is the sink's folder (default ./analytics); in your own SQL,
  read e.g. read_parquet('analytics/parquet/topic=pcc.cases.case.v1/*/*.parquet').`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', default: 'analytics' }, name: { type: 'string' } },
    });
    const named = values.name ? ANALYST_QUERIES[values.name as keyof typeof ANALYST_QUERIES] : undefined;
    if (values.name && !named) throw new UsageError(`no query named ${values.name}`);
    const sql =
      named !== undefined
        ? analystQuery(named, resolve(values.out), {
            cases: TOPICS.case,
            projects: TOPICS.project,
            waste: TOPICS.wasteReport,
            organizations: TOPICS.organization,
          })
        : positionals.join(' ');
    if (!sql.trim()) throw new UsageError('give --name or the SQL to run');
    for (const row of await runDuckDbQuery(sql)) writeLine(row);
    return 0;
  },
};
