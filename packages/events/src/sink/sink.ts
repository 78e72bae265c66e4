import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Gauge, Counter, Registry } from 'prom-client';
import { fromKafkaMessage } from '../cloudevents';
import { groupLag, lagByTopic } from '../tools/lag';
import { SinkStore, type SinkRow } from './store';

export interface SinkSettings {
  kafka: Kafka;
  /** Where `sink.duckdb` and `parquet/` live. */
  folder: string;
  topics: readonly string[];
  /** Its own consumer group; the default is `pcc-events-sink`. */
  group?: string;
  /** How often the lag is measured (ms). */
  lagIntervalMs?: number;
  /** Called with the lag per topic each time it is measured (the command prints a progress line). */
  onLag?: (lag: Map<string, number>, kept: Record<string, number>) => void;
  registry?: Registry;
}

/**
 * The analysts' columnar sink: reads every platform topic in its own consumer group into DuckDB and
 * Parquet (see `SinkStore` for the exactly-once rule). An offset is committed only after its events
 * are in DuckDB, and their files rewritten, so a crash repeats work but never skips it.
 */
export class ParquetSink {
  private consumer?: Consumer;
  private store?: SinkStore;
  private timer?: NodeJS.Timeout;
  private readonly group: string;
  private readonly lagGauge: Gauge;
  private readonly added: Counter;
  private lastLag = new Map<string, number>();

  constructor(private readonly settings: SinkSettings) {
    this.group = settings.group ?? 'pcc-events-sink';
    const registers = settings.registry ? [settings.registry] : [];
    this.lagGauge = new Gauge({
      name: 'pcc_sink_lag_events',
      help: 'Events on a topic not yet in the Parquet sink (high watermark minus committed offset).',
      labelNames: ['topic'],
      registers,
    });
    this.added = new Counter({
      name: 'pcc_sink_events_total',
      help: 'Events written to the Parquet sink (each event id once).',
      labelNames: ['topic'],
      registers,
    });
  }

  async start(): Promise<void> {
    this.store = await SinkStore.open(this.settings.folder);
    // Partitions left marked by a crash between the DuckDB commit and the file rewrite.
    await this.store.flush();
    this.consumer = this.settings.kafka.consumer({ groupId: this.group, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.settings.topics], fromBeginning: true });
    await this.consumer.run({ eachBatchAutoResolve: false, eachBatch: (payload) => this.handle(payload) });
    const measure = () => void this.measureLag().catch(() => undefined);
    this.timer = setInterval(measure, this.settings.lagIntervalMs ?? 2_000);
    measure();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.consumer?.disconnect();
    this.store?.close();
  }

  /** The lag per topic last measured. */
  lag(): Map<string, number> {
    return this.lastLag;
  }

  async measureLag(): Promise<Map<string, number>> {
    const admin = this.settings.kafka.admin();
    await admin.connect();
    try {
      const lag = lagByTopic(await groupLag(admin, this.group, this.settings.topics));
      for (const topic of this.settings.topics) this.lagGauge.set({ topic }, lag.get(topic) ?? 0);
      this.lastLag = lag;
      this.settings.onLag?.(lag, (await this.store?.counts()) ?? {});
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const rows: SinkRow[] = [];
    for (const message of batch.messages) {
      try {
        rows.push({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          event: fromKafkaMessage(message),
        });
      } catch {
        // Not a CloudEvent: nothing an analyst could query; the consumers' dead letters hold such messages.
      }
    }
    const added = await this.store!.add(rows);
    await this.store!.flush();
    if (added > 0) this.added.inc({ topic: batch.topic }, added);
    const last = batch.messages.at(-1);
    if (last) payload.resolveOffset(last.offset);
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
  }
}
