import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Registry } from 'prom-client';
import { platformCatalogue } from '../../catalogue';
import { ensureTopics } from '../../kafka';
import { ParquetSink } from '../../sink/sink';
import { kafkaFromEnv, onSignal, type Command } from './common';

export const sink: Command = {
  summary: 'write every platform topic into Parquet files (by topic and day) through DuckDB, for analysts',
  usage: `pcc-events sink [--out <folder>] [--group <group>] [--metrics-port <port>]

  Consumes every pcc.* topic in its own consumer group (default pcc-events-sink) into
  <folder>/parquet/topic=<topic>/day=<yyyy-mm-dd>/events.parquet (default folder: ./analytics),
  each event id exactly once, also across restarts (<folder>/sink.duckdb remembers them). Prints its
  lag on stderr while it runs and serves it as pcc_sink_lag_events{topic} on
  http://127.0.0.1:<metrics-port>/metrics (default 9466). Ctrl-C stops it.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        out: { type: 'string', default: 'analytics' },
        group: { type: 'string', default: 'pcc-events-sink' },
        'metrics-port': { type: 'string', default: '9466' },
      },
    });
    const { kafka, config } = kafkaFromEnv('pcc-events-sink');
    const topics = platformCatalogue.topics();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics, {
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      historyRetentionMs: config.KAFKA_HISTORY_RETENTION_MS,
    });
    await admin.disconnect();
    const registry = new Registry();
    const folder = resolve(values.out);
    const live = process.stderr.isTTY;
    const sinkRunner = new ParquetSink({
      kafka,
      folder,
      topics,
      group: values.group,
      registry,
      onLag: (lag, kept) => {
        const behind = [...lag.values()].reduce((a, b) => a + b, 0);
        const total = Object.values(kept).reduce((a, b) => a + b, 0);
        const line = `sink: ${total} events in ${folder}/parquet, ${behind} behind${behind === 0 ? ' (caught up)' : ''}`;
        process.stderr.write(live ? `\r${line.padEnd(100)}` : `${line}\n`);
      },
    });
    const metrics = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      void registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
    });
    metrics.listen(Number(values['metrics-port']), '127.0.0.1');
    await sinkRunner.start();
    await new Promise<void>((done) =>
      onSignal(async () => {
        await sinkRunner.stop();
        metrics.close();
        done();
      }),
    );
    return 0;
  },
};
