import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatAST, parse, print } from 'graphql';
import pino from 'pino';
import { z } from 'zod';
import { casesSubgraph } from '@pcc/cases';
import { service as casesService } from '@pcc/cases/service';
import { service as organizationsService } from '@pcc/organizations/service';
import { service as planningService } from '@pcc/planning/service';
import { service as wasteService } from '@pcc/waste-metrics/service';
import { service as notificationsService } from '@pcc/notifications/service';
import type { Service } from '@pcc/config';
import {
  deadLetterTopic,
  EventCatalogue,
  fromKafkaMessage,
  OutboxRelay,
  Outbox,
  platformCatalogue,
  sourceOf,
  TOPICS,
} from '@pcc/events';
import { InternalTokens } from '@pcc/http';
import {
  Composer,
  followTopic,
  loadRegisteredOperations,
  registryTopics,
  type Decision,
  type Following,
} from '@pcc/schema-registry';
import { defineSubgraph, publishServiceSchema } from '@pcc/subgraph-kit';
import { EventTap, waitFor } from '@pcc/testing';
import { INTERNAL_SECRET, Platform } from './platform';

const ROOT = join(__dirname, '..', '..');
const schemaFile = (service: Service) => require.resolve(`@pcc/${service.name}/schema.graphql`);

/**
 * A rolling deploy of the cases subgraph on the real platform, while reads flow through the gateway:
 * a second build with an added field and an added optional event field starts, publishes its schema,
 * the registry accepts it, the gateway swaps it in without a restart, the old build stops — no failed
 * request, and the older planning consumer reads the new events. Then a breaking change is refused.
 */
describe('shipping the cases subgraph alone (registry, gateway, tolerant consumers)', () => {
  const topics = registryTopics(`rolling-${randomUUID().slice(0, 8)}`);
  let platform: Platform;
  let composer: Composer;
  let dlq: EventTap;
  let admin: string;
  const decisions: Decision[] = [];
  const rejections: Array<Record<string, unknown>> = [];
  let following: Following;
  const stoppers: Array<() => Promise<unknown>> = [];

  const readyz = async () =>
    (await (await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/readyz'))).json()) as {
      supergraph: { hash: string; source: string; changedAt: string };
    };
  const publish = (service: Service, url: string, file = schemaFile(service)) =>
    publishServiceSchema(platform.kafka, service, { HOST: '127.0.0.1', PORT: 0, SUBGRAPH_URL: url }, file, { topics });

  beforeAll(async () => {
    platform = await Platform.start({ withCases: true, withPlanning: true, registry: topics });
    admin = await Platform.token('NETWORK_ADMIN');
    dlq = await EventTap.open([deadLetterTopic(TOPICS.case)]);
    composer = new Composer({
      kafka: platform.kafka,
      topics,
      subgraphs: ['organizations', 'cases', 'planning', 'waste_metrics', 'notifications'],
      operations: () => loadRegisteredOperations(ROOT),
      log: pino({ level: 'silent' }),
    });
    composer.onDecision((d) => decisions.push(d));
    await composer.start();
    following = await followTopic(platform.kafka, topics.decisions, 'rolling-test-analyst', (message) => {
      const event = fromKafkaMessage(message);
      if (event.type === 'pcc.registry.schema-rejected')
        rejections.push(platformCatalogue.read(event.type, event.data) as Record<string, unknown>);
    });
    // Every subgraph as deployed now: the registry's first supergraph, which the gateway follows.
    await publish(organizationsService, platform.organizationsUrl);
    await publish(casesService, platform.casesUrl!);
    await publish(planningService, platform.planningUrl!);
    await publish(wasteService, 'http://127.0.0.1:9/graphql');
    await publish(notificationsService, 'http://127.0.0.1:9/graphql');
    expect((await waitFor(readyz, (r) => r.supergraph.source === 'registry', 30_000)).supergraph.source).toBe(
      'registry',
    );
    await platform.casesKnowOrganizations(19);
  }, 120_000);

  afterAll(async () => {
    await following?.stop();
    await composer?.stop();
    await dlq?.close();
    for (const stop of stoppers.reverse()) await stop();
    await platform?.stop();
  });

  it('deploys a new build under load: no failed request, the new field served, new events read by the old consumer; a breaking change is refused', async () => {
    const opened = await platform.graphql(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      {
        input: {
          kind: 'GRIEVANCE',
          category: 'ROAD',
          channel: 'WEB',
          title: 'Pothole on Thepkasattri Road',
          description: 'A deep pothole in the left lane.',
          location: { lat: 7.8961, lng: 98.2969, address: 'Soi Bangla, Patong', district: 'KATHU' },
          reporter: { name: 'Malee Sukjai', phone: '081 999 0000', email: 'malee@example.org' },
        },
      },
      admin,
    );
    expect(opened.body.errors).toBeUndefined();
    const caseId = (opened.body.data as { openCase: { case: { id: string } } }).openCase.case.id;

    // The load: 20 connections reading cases through the gateway until the deploy is done.
    const LOAD = `query Load { cases(first: 5) { totalCount edges { node { id trackingCode status } } } routingRules { district } }`;
    const outcome = { ok: 0, failed: [] as string[] };
    let loading = true;
    const load = Array.from({ length: 20 }, async () => {
      while (loading) {
        const r = await platform
          .graphql(LOAD, {}, admin)
          .catch((error: Error) => ({ status: 0, body: { errors: [{ message: error.message }] } }));
        if (r.status === 200 && !r.body.errors) outcome.ok += 1;
        else outcome.failed.push(`${r.status} ${JSON.stringify(r.body.errors)}`);
      }
    });
    const served = (n: number) =>
      waitFor(
        () => outcome.ok,
        (ok) => ok >= n,
        20_000,
        20,
      );
    await served(100);

    // The new build: the same cases code, one field more, on the migrated database, its own relay and port.
    const nextTypeDefs = concatAST([casesSubgraph.typeDefs, parse('extend type Case { channelNote: String }')]);
    const relay = new OutboxRelay({ databaseUrl: platform.casesDb!.url, kafka: platform.kafka, pollIntervalMs: 200 });
    relay.start();
    stoppers.push(() => relay.stop());
    const nextCase = { ...casesSubgraph.resolvers.Case, channelNote: () => 'from the new build' };
    const nextResolvers: typeof casesSubgraph.resolvers = { ...casesSubgraph.resolvers, Case: nextCase };
    const nextBuild = await defineSubgraph({ ...casesSubgraph, typeDefs: nextTypeDefs, resolvers: nextResolvers })({
      dataSource: platform.casesDb!.dataSource,
      internalTokens: new InternalTokens(INTERNAL_SECRET),
      relay,
      logLevel: 'silent',
    });
    const nextUrl = `${await nextBuild.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    stoppers.push(() => nextBuild.app.close());
    const before = (await readyz()).supergraph;
    const nextSchema = join(tmpdir(), `cases-next-${randomUUID()}.graphql`);
    writeFileSync(nextSchema, print(nextTypeDefs));
    await publish(casesService, nextUrl, nextSchema);
    const after = (await waitFor(readyz, (r) => r.supergraph.hash !== before.hash, 30_000)).supergraph;
    expect(after).toMatchObject({ source: 'registry' });
    expect(new Date(after.changedAt).getTime()).toBeGreaterThan(new Date(before.changedAt).getTime());
    const metrics = await (await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toContain(`pcc_gateway_supergraph_info{hash="${after.hash}",source="registry"`);

    // Requests now go to the new build; once more of them are served, the old build stops.
    await served(outcome.ok + 100);
    await platform.servers.get('gateway_cases')!.app.close();
    await served(outcome.ok + 100);

    const field = await platform.graphql(
      `query ($id: ID!) { case(id: $id) { id channelNote } }`,
      { id: caseId },
      admin,
    );
    expect(field.body).toEqual({ data: { case: { id: caseId, channelNote: 'from the new build' } } });

    // The new build's producer writes an event with an added optional field; planning (the older build) reads it.
    const nextCatalogue = new EventCatalogue(
      platformCatalogue
        .all()
        .map((d) =>
          d.type === 'pcc.case.opened'
            ? { ...d, schema: (d.schema as z.ZodObject).extend({ channelDetail: z.string().optional() }) }
            : d,
        ),
    );
    const newCase = randomUUID();
    await platform.casesDb!.dataSource.transaction((tx) =>
      new Outbox(nextCatalogue, sourceOf('cases')).append(tx, {
        type: 'pcc.case.opened',
        subject: newCase,
        data: {
          case: {
            id: newCase,
            trackingCode: 'PCC-2569-999001',
            kind: 'GRIEVANCE',
            category: 'ROAD',
            channel: 'LINE',
            status: 'RECEIVED',
            priority: 'NORMAL',
            district: 'THALANG',
            leadOrganizationId: null,
            supportingOrganizationIds: [],
            openedAt: new Date().toISOString(),
            dueAt: null,
          },
          actor: { sub: 'test', role: 'SYSTEM', org: null },
          channelDetail: 'LINE official account',
        },
      }),
    );
    const projected = await waitFor(
      async () =>
        (
          await platform.planningDb!.dataSource.query<Array<{ id: string }>>(
            'SELECT id FROM case_projection WHERE id = $1',
            [newCase],
          )
        ).length,
      (n) => n === 1,
      30_000,
    );
    expect(projected).toBe(1);
    expect(dlq.messages.filter((m) => m.key === newCase)).toEqual([]);

    loading = false;
    await Promise.all(load);
    expect(outcome.failed).toEqual([]);
    expect(outcome.ok).toBeGreaterThan(300);

    // A breaking change: the new build without `trackingCode`, which the benchmark's case list reads.
    const lastGood = (await readyz()).supergraph.hash;
    const broken = join(tmpdir(), `cases-broken-${randomUUID()}.graphql`);
    writeFileSync(broken, print(nextTypeDefs).replace(/\n\s*trackingCode: String!\n/, '\n'));
    const publication = await publish(casesService, nextUrl, broken);
    const rejection = await waitFor(
      () => rejections.find((r) => r.publicationId === publication.id),
      (r) => r !== undefined,
      20_000,
    );
    expect((rejection!.reasons as string[]).join('\n')).toMatch(/bench\/operations\/case-list\.graphql.*trackingCode/);
    expect(decisions.at(-1)).toMatchObject({ outcome: 'rejected' });
    expect((await readyz()).supergraph.hash).toBe(lastGood);
    const still = await platform.graphql(`query { cases(first: 1) { edges { node { trackingCode } } } }`, {}, admin);
    expect(still.body.errors).toBeUndefined();
  }, 120_000);
});
