/** `npm run bench:render -- results/<date>.json`: rewrites the platform section of BENCHMARKS.md from a run's figures. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeBenchmarkSection } from './benchmarks-file';
import { formatReport, type PlatformReport } from './report';

// npm runs workspace scripts in the workspace: the path is taken from where the command was typed.
const file = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : undefined;
if (!file) {
  console.error('usage: npm run bench:render -- bench/results/<date>.json');
  process.exit(64);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as PlatformReport;
writeBenchmarkSection(join(__dirname, '..', '..', 'BENCHMARKS.md'), 'platform', formatReport(report));
console.log(`BENCHMARKS.md: platform section from ${file}`);
