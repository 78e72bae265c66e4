import { TOPICS, createKafka } from '@pcc/events';
import { connect } from './databases';
import { load, type Request } from './load';

/**
 * Public intake through the gateway: `openCase` at `connections` for `seconds`, then every event
 * counted as it arrives on Kafka (`pcc.case.opened`, from the cases service's outbox relay).
 */
export async function intake(request: Request, connections: number, seconds: number) {
  const db = await connect('cases');
  const startedAt = new Date();
  // Only the cases opened since this call, through the index on opening time: counting the whole
  // table scanned a million rows each time (about 200 ms of PostgreSQL's CPU per count on a slow
  // machine), which the profile then charged to the intake.
  const count = async () =>
    Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM "case" WHERE opened_at >= $1', [startedAt])).rows[0]!.n,
    );
  // The broker the scripts started for the benchmark (KAFKA_BROKERS), as every bench process reads it.
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const kafka = createKafka({ brokers, clientId: 'pcc-bench' }, () => undefined);
  const consumer = kafka.consumer({ groupId: `pcc-bench-${Date.now()}` });
  let events = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.case, fromBeginning: false });
  await consumer.run({
    // A throwaway group that is never resumed: committing its offsets after every fetch (kafkajs's
    // default) only added an offset commit per case to the broker's work that the intake is measured by.
    autoCommit: false,
    eachMessage: async ({ message }) => {
      if (
        message.headers?.ce_type?.toString() === 'pcc.case.opened' &&
        new Date(String(message.headers.ce_time)) >= startedAt
      )
        events += 1;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the group settles before the first write
  try {
    const before = await count();
    const result = await load(request, connections, seconds);
    // Requests still in flight when the load stops may commit after it: count until the number settles
    // and every written case's event has arrived (or a minute has passed).
    let written = (await count()) - before;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = (await count()) - before;
      if (now === written && events >= written) break;
      written = now;
    }
    return { ...result, casesWritten: written, casesPerSecond: Math.round(written / seconds), eventsDelivered: events };
  } finally {
    await consumer.disconnect();
    await db.end();
  }
}

/** A citizen's report, as the public intake form sends it. */
export const intakeInput = () => ({
  kind: 'GRIEVANCE',
  category: 'WASTE',
  channel: 'WEB',
  title: 'ขยะตกค้างหน้าซอย (benchmark)',
  description: 'Rubbish has not been collected for five days.',
  location: { lat: 7.8961, lng: 98.2969, address: 'Soi Bangla, Patong', district: 'KATHU' },
  reporter: { name: 'Bench Reporter', phone: '081 000 0000' },
});
