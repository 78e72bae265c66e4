import { Client } from 'pg';
import { DataVersion1767000000000 } from '@pcc/db';
import { parse } from 'graphql';
import { createTestDatabase, expectNoGraphQLErrors, graphqlClient, IdentityFactory, waitFor } from '@pcc/testing';
import type { TestDatabase } from '@pcc/testing';
import {
  createSubgraphServer,
  dataVersionOf,
  DEFAULT_RESPONSE_CACHE,
  InternalTokens,
  type BaseContext,
  type Identity,
  type ResponseCacheSettings,
} from '../src';

const SECRET = 'kit-response-cache-internal-secret-0123456789';

/**
 * The whole-answer cache of a subgraph, on a real PostgreSQL and over real HTTP: answers repeat from
 * memory for the same caller at the same data version, and never outlive a committed write or
 * the moment the clock changes them.
 */
describe('subgraph response cache', () => {
  const tokens = new InternalTokens(SECRET);
  let db: TestDatabase;
  /** Statements the resolvers ran (the cache's own version read is not one of them). */
  let statements = 0;
  /** Reads of the data version the response cache asked for. */
  let versionReads = 0;
  /** While true, reading the data version fails (the database refuses that statement). */
  let versionFails = false;
  /** Calls of the mutation's resolver. */
  let mutations = 0;
  /** How long the clock-dependent field says its value holds, from when it is computed (ms). */
  const CLOCK_VALIDITY_MS = 1_500;

  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query {
      "The value of the caller's organization (or of the network for everyone else)."
      myValue: Int
      "When the answer was computed and until when it holds by the clock (epoch ms)."
      clock: Clock!
      failing: Int
    }
    type Mutation {
      setValue(owner: String!, value: Int!): Int
    }
    type Clock {
      computedAt: Float!
      validUntil: Float!
    }
    type Item @key(fields: "owner") {
      owner: String!
      value: Int
    }
  `);
  const valueOf = async (owner: string) => {
    statements += 1;
    const rows = await db.dataSource.query<Array<{ value: number }>>('SELECT value FROM item WHERE owner = $1', [
      owner,
    ]);
    return rows[0]?.value ?? null;
  };
  const ownerOf = (identity: Identity) => identity.org ?? 'network';

  const start = async (settings: ResponseCacheSettings) => {
    const version = dataVersionOf(db.dataSource);
    const server = await createSubgraphServer<BaseContext>({
      name: 'response-cache-test',
      typeDefs,
      resolvers: {
        Query: {
          myValue: (_p: unknown, _a: unknown, { identity }: BaseContext) => valueOf(ownerOf(identity)),
          clock: (_p: unknown, _a: unknown, { answer }: BaseContext) => {
            const computedAt = Date.now();
            answer.validUntil(computedAt + CLOCK_VALIDITY_MS);
            return { computedAt, validUntil: computedAt + CLOCK_VALIDITY_MS };
          },
          failing: () => {
            statements += 1;
            throw new Error('always fails');
          },
        },
        Mutation: {
          setValue: async (_p: unknown, args: { owner: string; value: number }) => {
            mutations += 1;
            await db.dataSource.query('UPDATE item SET value = $2 WHERE owner = $1', [args.owner, args.value]);
            return args.value;
          },
        },
        Item: {
          __resolveReference: async (reference: { owner: string }) => ({
            owner: reference.owner,
            value: await valueOf(reference.owner),
          }),
        },
      },
      internalTokens: tokens,
      createContext: (base) => base,
      logLevel: 'silent',
      responseCache: {
        settings,
        version: () => {
          versionReads += 1;
          return versionFails ? Promise.reject(new Error('connection terminated')) : version();
        },
      },
    });
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const client = graphqlClient(`${address}/graphql`, { sign: (identity: Identity) => tokens.sign(identity) });
    const metric = async (name: string) => {
      const text = await (await fetch(`${address}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
      return line ? Number(line.split(' ').pop()) : null;
    };
    /** One POST as the gateway sends it, with the body and headers exactly as given. */
    const post = async (body: string, as: Identity, headers: Record<string, string> = {}) => {
      const response = await fetch(`${address}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.sign(as)}`, ...headers },
        body,
      });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    return { server, address, client, metric, post };
  };

  let on: Awaited<ReturnType<typeof start>>;
  const patong = IdentityFactory.officer('PATONG');
  const kathu = IdentityFactory.officer('KATHU');

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'kit_response_cache' });
    await db.dataSource.query('CREATE TABLE item (owner text PRIMARY KEY, value int NOT NULL)');
    await db.dataSource.query(`INSERT INTO item VALUES ('PATONG', 1), ('KATHU', 2), ('network', 3)`);
    // The version every service's migrations end with, attached to `item`.
    const runner = db.dataSource.createQueryRunner();
    await new DataVersion1767000000000().up(runner);
    await runner.release();
    on = await start(DEFAULT_RESPONSE_CACHE);
  });
  afterAll(async () => {
    await on?.server.app.close();
    await db?.drop();
  });

  const myValue = async (client: typeof on.client, as: Identity) =>
    expectNoGraphQLErrors(await client.execute<{ myValue: number | null }>({ document: '{ myValue }', as })).myValue;

  /**
   * Whether `ask`, repeated at once, was answered without a resolver statement. Other databases of the
   * PostgreSQL server (other tests') commit all the while: the data version of this one does not move.
   */
  const repeatServedFromMemory = async (ask: () => Promise<unknown>) => {
    await ask();
    const [before, hits] = [statements, await on.metric('pcc_subgraph_response_cache_hits_total')];
    await ask();
    return statements === before && (await on.metric('pcc_subgraph_response_cache_hits_total')) === hits! + 1;
  };

  it('answers a caller’s repeated query from memory, and another caller with its own answer', async () => {
    expect(await repeatServedFromMemory(async () => expect(await myValue(on.client, patong)).toBe(1))).toBe(true);
    // Same query text and variables, another organization: computed for it, never the first's answer.
    const before = statements;
    expect(await myValue(on.client, kathu)).toBe(2);
    expect(statements).toBe(before + 1);
    // Another role without an organization: its own answer too.
    expect(await myValue(on.client, IdentityFactory.analyst())).toBe(3);
    expect(statements).toBe(before + 2);
  });

  it('serves the caller’s own committed write, never the answer kept from before it', async () => {
    expect(await myValue(on.client, patong)).toBe(1);
    expect(await myValue(on.client, patong)).toBe(1);
    // Through the subgraph's mutation…
    expect(
      expectNoGraphQLErrors(
        await on.client.execute({ document: 'mutation { setValue(owner: "PATONG", value: 10) }', as: patong }),
      ),
    ).toEqual({ setValue: 10 });
    expect(await myValue(on.client, patong)).toBe(10);
    // …and directly in SQL on another connection, committed before the read is sent.
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query(`UPDATE item SET value = 11 WHERE owner = 'PATONG'`);
    } finally {
      await other.end();
    }
    expect(await myValue(on.client, patong)).toBe(11);
    expect(await myValue(on.client, patong)).toBe(11);
  });

  it('keeps an entity fetch (_entities) the same way, keyed by its representations', async () => {
    const entities = (owner: string) =>
      on.client.execute<{ _entities: Array<{ owner: string; value: number }> }>({
        document: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { owner value } } }',
        variables: { r: [{ __typename: 'Item', owner }] },
        as: patong,
      });
    const kathuItem = async () =>
      expect(expectNoGraphQLErrors(await entities('KATHU'))._entities).toEqual([{ owner: 'KATHU', value: 2 }]);
    expect(await repeatServedFromMemory(kathuItem)).toBe(true);
    // Other representations: another key.
    const before = statements;
    expect(expectNoGraphQLErrors(await entities('network'))._entities).toEqual([{ owner: 'network', value: 3 }]);
    expect(statements).toBe(before + 1);
  });

  it('does not keep an answer with errors', async () => {
    const before = statements;
    await on.client.execute({ document: '{ failing }', as: patong });
    await on.client.execute({ document: '{ failing }', as: patong });
    expect(statements).toBe(before + 2);
  });

  it('never serves a clock-dependent answer past the moment its resolver said it changes', async () => {
    type Clock = { clock: { computedAt: number; validUntil: number } };
    const ask = async () => {
      const sentAt = Date.now();
      const { clock } = expectNoGraphQLErrors(
        await on.client.execute<Clock>({ document: '{ clock { computedAt validUntil } }', as: patong }),
      );
      return { sentAt, ...clock };
    };
    const first = await ask();
    const answers = [first];
    // Ask until an answer computed after the first one's validity comes back.
    await waitFor(
      async () => {
        answers.push(await ask());
        return answers[answers.length - 1]!;
      },
      (latest) => latest.computedAt !== first.computedAt,
      10_000,
      50,
    );
    // It was kept meanwhile (the first answer came back from memory at least once)…
    expect(answers.filter((a) => a.computedAt === first.computedAt).length).toBeGreaterThan(1);
    // …and no request sent at or after an answer's validUntil was given that answer.
    expect(answers.filter((a) => a.sentAt >= a.validUntil)).toEqual([]);
    expect(answers[answers.length - 1]!.computedAt).toBeGreaterThan(first.computedAt);
  });

  it('answers a kept request with the very bytes and content type it sent before, and counts the operation', async () => {
    const body = JSON.stringify({ query: 'query MyValue { myValue }', operationName: 'MyValue' });
    const operations = async () => {
      const text = await (await fetch(`${on.address}/metrics`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('pcc_graphql_operation_duration_seconds_count{') &&
            l.includes('operation="MyValue"') &&
            l.includes('outcome="ok"'),
        );
      return line ? Number(line.split(' ').pop()) : null;
    };
    const first = await on.post(body, kathu);
    const [before, hits, counted] = [
      statements,
      await on.metric('pcc_subgraph_response_cache_hits_total'),
      await operations(),
    ];
    const again = await on.post(body, kathu);
    expect(again).toEqual(first);
    expect(first).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: '{"data":{"myValue":2}}' });
    expect(statements).toBe(before);
    expect(await on.metric('pcc_subgraph_response_cache_hits_total')).toBe(hits! + 1);
    // The hit never reached Apollo Server's metrics plugin, and is counted all the same.
    expect(await operations()).toBe(counted! + 1);
  });

  it('keys by the Accept header, which chooses the content type, and never keeps a mutation', async () => {
    const body = JSON.stringify({ query: '{ myValue }' });
    await on.post(body, kathu);
    const before = statements;
    const negotiated = await on.post(body, kathu, { accept: 'application/graphql-response+json' });
    expect(negotiated.type).toBe('application/graphql-response+json; charset=utf-8');
    expect(statements).toBe(before + 1);

    const mutation = JSON.stringify({ query: 'mutation { setValue(owner: "network", value: 3) }' });
    const [reads, calls] = [versionReads, mutations];
    const answers = [await on.post(mutation, kathu), await on.post(mutation, kathu)];
    expect(answers.map((a) => a.body)).toEqual(['{"data":{"setValue":3}}', '{"data":{"setValue":3}}']);
    // Run every time, and not even looked up: no version read for it.
    expect([mutations - calls, versionReads - reads]).toEqual([2, 0]);
    // One written so that it is looked up (a comment first): still run every time, never kept.
    const commented = JSON.stringify({ query: '# set it\nmutation { setValue(owner: "network", value: 3) }' });
    expect((await on.post(commented, kathu)).body).toBe('{"data":{"setValue":3}}');
    expect((await on.post(commented, kathu)).body).toBe('{"data":{"setValue":3}}');
    expect([mutations - calls, versionReads - reads]).toEqual([4, 2]);
  });

  it('refuses a body that is not JSON, or poisons prototypes, as a subgraph without the cache does', async () => {
    const off = await start({ ...DEFAULT_RESPONSE_CACHE, enabled: false });
    try {
      for (const body of ['{ "query": ', '{"query":"{ myValue }","__proto__":{"x":1}}']) {
        const refused = await on.post(body, kathu);
        expect(refused.status).toBe(400);
        expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
        expect(refused).toEqual(await off.post(body, kathu));
      }
    } finally {
      await off.server.app.close();
    }
  });

  it('answers without the cache while the data version cannot be read, and keeps nothing then', async () => {
    const body = JSON.stringify({ query: '{ myValue }' });
    const hits = await on.metric('pcc_subgraph_response_cache_hits_total');
    versionFails = true;
    try {
      const before = statements;
      const answers = [await on.post(body, patong), await on.post(body, patong)];
      expect(answers.map((a) => [a.status, a.body])).toEqual([
        [200, `{"data":{"myValue":${await valueOf('PATONG')}}}`],
        [200, `{"data":{"myValue":${await valueOf('PATONG')}}}`],
      ]);
      expect(statements).toBe(before + 4);
    } finally {
      versionFails = false;
    }
    expect(await on.metric('pcc_subgraph_response_cache_hits_total')).toBe(hits);
  });

  it('keeps nothing when switched off', async () => {
    const off = await start({ ...DEFAULT_RESPONSE_CACHE, enabled: false });
    try {
      const before = statements;
      expect(await myValue(off.client, kathu)).toBe(2);
      expect(await myValue(off.client, kathu)).toBe(2);
      expect(statements).toBe(before + 2);
      expect(await off.metric('pcc_subgraph_response_cache_hits_total')).toBeNull();
    } finally {
      await off.server.app.close();
    }
  });
});
