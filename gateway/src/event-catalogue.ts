import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The analysts' event catalogue at `/events` (HTML) and `/events/asyncapi.json`: the files
 * `@pcc/events` generates and commits, served as they are (no code of that package is loaded).
 */
export function registerEventCatalogue(app: FastifyInstance): void {
  const page = readFileSync(require.resolve('@pcc/events/published/catalogue.html'));
  const asyncapi = readFileSync(require.resolve('@pcc/events/published/asyncapi.json'));
  app.get('/events', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(page),
  );
  app.get('/events/asyncapi.json', async (_request, reply) =>
    reply.type('application/json').header('cache-control', 'public, max-age=300').send(asyncapi),
  );
}
