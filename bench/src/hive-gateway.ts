/**
 * Hive Gateway (pure JavaScript) on the same supergraph as ours, for the A/B runs. It forwards the
 * caller's `Authorization` header to the subgraphs as is: the benchmark sends it an internal token
 * signed with the platform's internal secret, which the subgraphs accept (our gateway signs one per
 * request from the caller's JWT; Hive has no such step, so it gets a ready one).
 * By default Hive coalesces identical subgraph requests that are in flight at the same time (its HTTP
 * executor's `deduplicateInflightRequests`); HIVE_DEDUPLICATE=false turns that off, for a comparison
 * on equal terms (our gateway never answers one caller with a fetch made for another).
 * Env: SUPERGRAPH_PATH, PORT, HIVE_DEDUPLICATE.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const supergraph = readFileSync(process.env.SUPERGRAPH_PATH ?? '', 'utf8');
const gateway = createGatewayRuntime({
  supergraph: () => supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  ...(process.env.HIVE_DEDUPLICATE === 'false'
    ? { transportEntries: { '*': { options: { deduplicateInflightRequests: false } } } }
    : {}),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
});
// The adapter's own Node listener: it settles every request itself (errors become a 500), so Node
// gets a plain callback rather than a promise nobody waits for.
const server = createServer(gateway.requestListener);
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 5100), '127.0.0.1', () => console.log('hive gateway listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
