#!/usr/bin/env node
// `npm run events:replay -- --service planning --projection cases [--database-url <url>]`: rebuilds one
// projection of a service from offset 0, by the service's declaration (`projections` in
// services/<name>/src/service.ts, from the build): `pcc-events replay` with its consumer group, topics
// and tables. Stop the service first; start it again afterwards and it consumes everything anew.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { service: { type: 'string' }, projection: { type: 'string' }, 'database-url': { type: 'string' } },
});
const file = values.service && join(root, 'services', values.service, 'dist', 'service.js');
if (!file || !existsSync(file)) {
  console.error(
    'usage: npm run events:replay -- --service <name> --projection <name> [--database-url <url>] (build first)',
  );
  process.exit(64);
}
const { service } = require(file);
const projection = service.projections[values.projection ?? ''];
if (!projection) {
  console.error(`${service.name} keeps these projections: ${Object.keys(service.projections).join(', ') || 'none'}`);
  process.exit(64);
}
const args = [
  join(root, 'packages', 'events', 'dist', 'cli', 'pcc-events.js'),
  'replay',
  '--group',
  service.consumerGroup,
];
for (const topic of projection.topics) args.push('--topic', topic);
for (const table of projection.tables) args.push('--table', table);
args.push('--database-url', values['database-url'] ?? `postgres://postgres@127.0.0.1:5432/${service.database}`);
process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
