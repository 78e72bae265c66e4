import { spans } from './telemetry-first';
import { SpanKind } from '@opentelemetry/api';
import { stopTelemetry } from '@pcc/telemetry';
import type { ReadableSpan } from '@pcc/telemetry/sdk';
import { TOPICS } from '@pcc/events';
import { waitFor } from '@pcc/testing';
import { Platform } from './platform';

/** The values of the samples in Prometheus text with this metric name and (some of) these labels. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  return text
    .split('\n')
    .filter(
      (l) =>
        (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) &&
        Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    )
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
}
const sample = (text: string, name: string, labels: Record<string, string> = {}) => samples(text, name, labels)[0];

const metricsOf = async (graphqlUrl: string) => (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();

/**
 * Traces and metrics on real parts: the gateway, organizations (with its relay) and cases (with its
 * relay and its organization projection fed by Kafka), an in-process OpenTelemetry SDK keeping spans in memory.
 */
describe('traces from the caller to the consumer, and metrics (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let organizationId: string;

  beforeAll(async () => {
    platform = await Platform.start({ withCases: true });
  });

  afterAll(async () => {
    await platform.stop();
    await stopTelemetry();
  });

  it('gives the consumer in another service the trace id of the request that caused the event', async () => {
    spans.reset();
    const registered = await platform.graphql(
      'mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }',
      {
        input: {
          code: 'TRACED-ORG',
          nameTh: 'อบต.ติดตาม',
          nameEn: 'Traced Org',
          type: 'SUBDISTRICT_ADMINISTRATION',
          district: 'THALANG',
        },
      },
      await Platform.token('NETWORK_ADMIN'),
    );
    expect(registered.body.errors).toBeUndefined();
    organizationId = (registered.body.data!.registerOrganization as { id: string }).id;

    // The caller sent no traceparent: the gateway's HTTP span is the root of a new trace.
    const roots = spans
      .getFinishedSpans()
      .filter((s) => s.kind === SpanKind.SERVER && s.parentSpanContext === undefined);
    expect(roots).toHaveLength(1);
    const traceId = roots[0]!.spanContext().traceId;
    // The subgraph's HTTP span continues it (the gateway passed its context on).
    const subgraphSpans = spans.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER && s !== roots[0]);
    expect(subgraphSpans.map((s) => s.spanContext().traceId)).toContain(traceId);

    const isConsumerSpan = (s: ReadableSpan) =>
      s.kind === SpanKind.CONSUMER &&
      s.attributes['cloudevents.event_subject'] === organizationId &&
      s.attributes['cloudevents.event_type'] === 'pcc.organization.registered';
    const consumed = await waitFor(
      () => spans.getFinishedSpans().filter(isConsumerSpan),
      (found) => found.length > 0,
      60_000,
    );
    expect(consumed).toHaveLength(1);
    expect(consumed[0]!.attributes['messaging.consumer.group.name']).toMatch(/^gateway_cases-test-/);
    expect(consumed[0]!.spanContext().traceId).toBe(traceId);
    expect(consumed[0]!.parentSpanContext?.traceId).toBe(traceId);

    // The relay published it in a batch span linked to the request's trace.
    const published = spans
      .getFinishedSpans()
      .find((s) => s.name === 'outbox publish' && s.links.some((l) => l.context.traceId === traceId));
    expect(published).toBeDefined();
  });

  it("shows the relay's counters on the publishing service's /metrics", async () => {
    const text = await metricsOf(platform.organizationsUrl);
    expect(sample(text, 'pcc_relay_published_events_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcc_relay_batches_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcc_relay_failures_total')).toBe(0);
  });

  it("shows the consumer group's counters and lag per partition on the consuming service's /metrics", async () => {
    const text = await waitFor(
      () => metricsOf(platform.casesUrl!),
      (t) => (sample(t, 'pcc_consumer_handled_events_total') ?? 0) >= 1,
    );
    expect(sample(text, 'pcc_consumer_handled_events_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcc_consumer_duplicate_events_total')).toBe(0);
    expect(sample(text, 'pcc_consumer_dead_lettered_events_total')).toBe(0);
    expect(sample(text, 'pcc_consumer_failures_total')).toBe(0);
    // One gauge per partition of the organization topic (6), all at 0 once the group has caught up.
    const lagOf = (t: string) => samples(t, 'pcc_consumer_lag_messages', { topic: TOPICS.organization });
    const caughtUp = await waitFor(
      () => metricsOf(platform.casesUrl!),
      (t) => lagOf(t).length === 6 && lagOf(t).every((lag) => lag === 0),
    );
    expect(lagOf(caughtUp)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("shows the gateway's fetch latency per subgraph and outcome on its /metrics", async () => {
    const read = await platform.graphql('query ($id: ID!) { organization(id: $id) { id } }', { id: organizationId });
    expect(read.body.errors).toBeUndefined();
    const text = await metricsOf(platform.gatewayUrl);
    expect(
      sample(text, 'pcc_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'organizations', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'pcc_gateway_subgraph_fetch_duration_seconds_bucket', {
        subgraph: 'organizations',
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBeGreaterThanOrEqual(2);
  });
});
