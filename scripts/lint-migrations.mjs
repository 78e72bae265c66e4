#!/usr/bin/env node
// `npm run migrations:lint`: every service's migrations through Squawk (.squawk.toml), from the build.
// `npm test` runs the same check (infra/test/migrations.test.ts); this prints the findings for a human.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { lintMigrations } = require('@pcc/db');
const services = execFileSync(process.execPath, [join(root, 'scripts', 'services.mjs'), 'list'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((line) => line.split(' ')[0]);
const migrations = services.flatMap((name) => require(`@pcc/${name}`).migrations);
const violations = await lintMigrations(migrations, {
  squawk: join(root, 'node_modules', '.bin', 'squawk'),
  config: join(root, '.squawk.toml'),
});
for (const v of violations) console.error(`${v.migration}: ${v.rule}: ${v.message}`);
console.log(
  `${new Set(migrations.map((m) => m.name)).size} migrations of ${services.join(', ')}; ${violations.length} violations`,
);
process.exit(violations.length ? 1 : 0);
