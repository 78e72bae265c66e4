#!/usr/bin/env node
// What shell needs to know about the platform's services, read from their built declarations
// (`services/<name>/src/service.ts`, compiled to dist/) so no script repeats a name, a port or a
// database. Run the build first (`npx turbo run build`; `pcc_setup` in scripts/lib.sh does).
//
//   node scripts/services.mjs list          "<name> <port>" per service, in start order
//   node scripts/services.mjs databases     one database name per line
//   node scripts/services.mjs gateway-port  the gateway's default port
//   node scripts/services.mjs json          every declaration, in start order
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Every service's declaration, loaded from its compiled `service.js`. */
function declarations() {
  const folder = join(root, 'services');
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, 'package.json')))
    .map((name) => {
      const file = join(folder, name, 'dist', 'service.js');
      if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx turbo run build)`);
      return require(file).service;
    });
}

/**
 * Start order: a service starts after the services whose topics it consumes, so its seed finds
 * their data in its projections; otherwise by port.
 */
function inStartOrder(services) {
  const byPort = [...services].sort((a, b) => a.port - b.port);
  const started = [];
  while (started.length < byPort.length) {
    const ready = byPort.find(
      (s) =>
        !started.includes(s) &&
        byPort.every(
          (other) => other === s || started.includes(other) || !other.publishes.some((t) => s.consumes.includes(t)),
        ),
    );
    if (!ready) throw new Error('services consume each other’s topics in a cycle: no start order');
    started.push(ready);
  }
  return started;
}

const commands = {
  list: () => inStartOrder(declarations()).map((s) => `${s.name} ${s.port}`),
  databases: () => declarations().map((s) => s.database),
  'gateway-port': () => {
    const { loadConfig } = require(join(root, 'packages', 'config', 'dist', 'index.js'));
    const { configSchema } = require(join(root, 'gateway', 'dist', 'config.js'));
    return [String(loadConfig(configSchema, {}).PORT)];
  },
  json: () => [JSON.stringify(inStartOrder(declarations()), null, 2)],
};

const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(`usage: node scripts/services.mjs ${Object.keys(commands).join('|')}`);
  process.exit(64);
}
try {
  for (const line of command()) console.log(line);
} catch (error) {
  console.error(`services: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
