// Copies the persisted-documents manifest codegen wrote (hash → operation text) to
// apps/console/persisted-documents.json, the committed file the platform's schema checks read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'src/generated/persisted-documents.json'), 'utf8'));
const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(root, 'persisted-documents.json'), `${JSON.stringify(sorted, null, 2)}\n`);
