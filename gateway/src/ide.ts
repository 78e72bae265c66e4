import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * GraphiQL at `/graphql` for browsers, served entirely from this process (React and GraphiQL
 * from node_modules): the IDE works on a network with no internet.
 */
// The UMD builds are not in the packages' `exports`, so they are found next to package.json.
const inPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);
const assets: Record<string, { file: string; type: string }> = {
  'react.js': { file: inPackage('react', 'umd/react.production.min.js'), type: 'application/javascript' },
  'react-dom.js': { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'application/javascript' },
  'graphiql.js': { file: inPackage('graphiql', 'graphiql.min.js'), type: 'application/javascript' },
  'graphiql.css': { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>PCC GraphQL — Phuket Clinic Center</title>
  <link rel="stylesheet" href="/ide/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #ide { height: 100vh; }</style>
</head>
<body>
  <div id="ide">Loading…</div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const defaultQuery = '# Paste a token from \`npm run token\` into Headers as {"Authorization": "Bearer …"}\\n' +
      '{\\n  organizations(first: 19) {\\n    totalCount\\n    edges { node { code nameTh nameEn type district } }\\n  }\\n}\\n';
    ReactDOM.createRoot(document.getElementById('ide')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
    );
  </script>
</body>
</html>`;

export function wantsIde(accept: string | undefined, query: unknown): boolean {
  const hasQuery = typeof query === 'object' && query !== null && 'query' in query;
  return !hasQuery && (accept ?? '').includes('text/html');
}

export function registerIde(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { asset: string } }>('/ide/:asset', async (request, reply) => {
    const asset = assets[request.params.asset];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(asset.file);
    if (!body) {
      body = readFileSync(asset.file);
      cache.set(asset.file, body);
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(body);
  });
}

export const idePage = page;
