// `npm start` (of this workspace): serves the built console (dist/) and passes the platform's
// endpoints (/graphql, /changes, /dev/token) to the gateway, so the page and the API share one
// origin (no CORS, the token never leaves it). PORT (3000), HOST (0.0.0.0), PCC_GATEWAY_URL.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyHttpProxy from '@fastify/http-proxy';

const root = join(import.meta.dirname, '..', 'dist');
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const gateway = process.env.PCC_GATEWAY_URL || 'http://127.0.0.1:4000';

if (!existsSync(join(root, 'index.html'))) {
  console.error(`console: ${root} has no build; run npm run build --workspace @pcc/console first`);
  process.exit(1);
}

const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'warn' } });
for (const prefix of ['/graphql', '/changes', '/dev/token'])
  await app.register(fastifyHttpProxy, { upstream: gateway, prefix, rewritePrefix: prefix });
await app.register(fastifyStatic, { root, wildcard: false });
app.get('/healthz', async () => ({ status: 'ok' }));
// The console's own routes (/province, /inbox…) are the single page's.
app.setNotFoundHandler((request, reply) =>
  request.method === 'GET' ? reply.sendFile('index.html') : reply.code(404).send({ error: 'not found' }),
);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

const address = await app.listen({ port, host });
console.error(`console: ${address.replace('0.0.0.0', 'localhost')} (gateway ${gateway})`);
