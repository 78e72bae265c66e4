import { SUBDISTRICTS } from '@pcc/cases/areas';
import { TOPICS, createKafka } from '@pcc/events';
import { connect } from './databases';
import { load, type Request } from './load';
import { operation } from './operations';

/**
 * Public intake through the gateway: `openCase` at `connections` for `seconds`, each request the next
 * of `requests` in turn, then every event counted as it arrives on Kafka (`pcc.case.opened`, from the
 * cases service's outbox relay). Also counts how many of the cases intake routed to an organization.
 */
export async function intake(requests: readonly Request[], connections: number, seconds: number) {
  const db = await connect('cases');
  const startedAt = new Date();
  // Only the cases opened since this call (`status`: only those now in it), through the index on
  // opening time: counting the whole table scanned a million rows each time (about 200 ms of
  // PostgreSQL's CPU per count on a slow machine), which the profile then charged to the intake.
  const count = async (status?: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          'SELECT count(*) AS n FROM "case" WHERE opened_at >= $1 AND ($2::text IS NULL OR status = $2)',
          [startedAt, status ?? null],
        )
      ).rows[0]!.n,
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
    const routedBefore = await count('TRIAGED');
    const result = await load(requests, connections, seconds);
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
    return {
      ...result,
      casesWritten: written,
      casesRouted: (await count('TRIAGED')) - routedBefore,
      casesPerSecond: Math.round(written / seconds),
      eventsDelivered: events,
    };
  } finally {
    await consumer.disconnect();
    await db.end();
  }
}

/** A citizen's report, as the public intake form sends it, with the tambon the citizen picked (routing reads only that). */
export const intakeInput = (subdistrict: string) => ({
  kind: 'GRIEVANCE',
  category: 'WASTE',
  channel: 'WEB',
  title: 'ขยะตกค้างหน้าซอย (benchmark)',
  description: 'Rubbish has not been collected for five days.',
  location: { lat: 7.8961, lng: 98.2969, address: 'Soi 3, behind the market', subdistrict },
  reporter: { name: 'Bench Reporter', phone: '081 000 0000' },
});

/**
 * Public intake's requests to `url`: a report from each of the province's 17 tambons, sent in turn.
 * Intake routes a case to the organization whose area its tambon is (15 of them; the other two are
 * shared and go to the network centre's queue), so the writes spread over the organizations as
 * citizens' would, each taking its organization's statistics and version rows.
 */
export const intakeRequests = (url: string): Request[] =>
  SUBDISTRICTS.map((s) => ({
    url,
    headers: {},
    body: JSON.stringify({ query: operation('open-case.graphql'), variables: { input: intakeInput(s.code) } }),
  }));
