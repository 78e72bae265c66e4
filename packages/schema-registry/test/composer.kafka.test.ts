import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import { fromKafkaMessage, platformCatalogue } from '@pcc/events';
import { testKafka, waitFor } from '@pcc/testing';
import {
  Composer,
  followSupergraph,
  followTopic,
  loadRegisteredOperations,
  publishSchema,
  registryTopics,
  type AcceptedSupergraph,
  type Decision,
  type Following,
  type SubgraphSchema,
} from '../src';
import { cases, organizations } from './fixtures/subgraphs';

const kafka = testKafka('registry-test');
const log = pino({ level: 'silent' });
const topics = registryTopics(`test-${randomUUID().slice(0, 8)}`);
const operations = () => loadRegisteredOperations(join(__dirname, 'fixtures', 'root'));
const publish = (s: SubgraphSchema, force?: string) =>
  publishSchema(kafka, { subgraph: s.name, url: s.url, sdl: s.sdl, force }, { topics });

describe('the composer on Kafka', () => {
  const followers: Following[] = [];
  let composer: Composer;
  const decisions: Decision[] = [];
  const accepted: AcceptedSupergraph[] = [];
  const events: Array<{ id: string; type: string; data: Record<string, unknown> }> = [];
  const startComposer = async () => {
    composer = new Composer({ kafka, topics, subgraphs: ['organizations', 'cases'], operations, log });
    composer.onDecision((d) => decisions.push(d));
    await composer.start();
  };

  beforeAll(async () => {
    await startComposer();
    // What gateways and analysts read: the supergraph topic and the decision events.
    followers.push(await followSupergraph(kafka, (s) => accepted.push(s), { topics }));
    followers.push(
      await followTopic(kafka, topics.decisions, 'registry-test-analyst', (message) => {
        const event = fromKafkaMessage(message);
        events.push({
          id: event.id,
          type: event.type,
          data: platformCatalogue.read(event.type, event.data) as Record<string, unknown>,
        });
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await composer.stop();
    for (const follower of followers) await follower.stop();
  });

  const decided = (n: number) =>
    waitFor(
      () => decisions.length,
      (count) => count >= n,
      20_000,
    );

  it('waits for every subgraph, then composes and records the accepted supergraph', async () => {
    await publish(organizations());
    await publish(cases());
    await decided(2);
    expect(decisions.map((d) => d.outcome)).toEqual(['waiting', 'accepted']);
    await waitFor(
      () => accepted.length,
      (n) => n === 1,
      10_000,
    );
    expect(accepted[0]!.subgraphs.map((s) => s.name)).toEqual(['cases', 'organizations']);
    expect(composer.current?.hash).toBe(accepted[0]!.hash);
  }, 30_000);

  it('refuses a change that breaks a registered operation; the accepted supergraph stays; the reason is readable', async () => {
    const before = composer.current!.hash;
    const publication = await publish(
      cases({ caseFields: 'status: CaseStatus! priority: Priority! note: String organization: Organization' }),
    );
    await decided(3);
    expect(decisions[2]!.outcome).toBe('rejected');
    const event = await waitFor(
      () => events.find((e) => e.type === 'pcc.registry.schema-rejected' && e.data.publicationId === publication.id),
      (e) => e !== undefined,
      10_000,
    );
    expect((event!.data.reasons as string[]).join('\n')).toMatch(/case-list\.graphql.*'title' was removed/);
    expect(composer.current!.hash).toBe(before);
    expect(accepted).toHaveLength(1);
  }, 30_000);

  it('accepts it when forced, and records why', async () => {
    const publication = await publish(
      cases({ caseFields: 'status: CaseStatus! priority: Priority! note: String organization: Organization' }),
      'the console no longer shows titles (ticket 42)',
    );
    await decided(4);
    expect(decisions[3]!.outcome).toBe('accepted');
    const event = await waitFor(
      () =>
        events.find((e) => e.type === 'pcc.registry.supergraph-accepted' && e.data.publicationId === publication.id),
      (e) => e !== undefined,
      10_000,
    );
    expect(event!.data).toMatchObject({
      forced: 'the console no longer shows titles (ticket 42)',
      breakingChanges: [expect.stringMatching(/'title' was removed/)],
    });
    await waitFor(
      () => accepted.length,
      (n) => n === 2,
      10_000,
    );
  }, 30_000);

  it('restarted, it resumes from the accepted state without deciding again', async () => {
    const hash = composer.current!.hash;
    await composer.stop();
    const before = decisions.length;
    await startComposer();
    expect(composer.current!.hash).toBe(hash);
    expect(decisions).toHaveLength(before);
    await publish(organizations('description: String'));
    await decided(before + 1);
    expect(decisions[before]!.outcome).toBe('accepted');
  }, 60_000);
});
