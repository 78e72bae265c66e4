/**
 * `npm run schema:check`: the checks the registry runs on a publication, on the repository's schemas
 * before they ship. Composes every service's schema.graphql, then compares the result with the last
 * accepted supergraph — `--against registry` (the one the registry on KAFKA_BROKERS holds), or by
 * default the committed supergraph at `--base` (default: the merge base with `main`, else HEAD) — and
 * validates every registered operation (bench/operations, apps/*\/persisted-documents.json) against it.
 * Exit 1 when composition fails or a breaking change touches a registered operation.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKafka } from '@pcc/events';
import { checkSupergraph, followSupergraph, loadRegisteredOperations, refusalReasons } from '@pcc/schema-registry';
import { composeSupergraph } from '../compose';

const ROOT = join(__dirname, '..', '..', '..');

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** The committed supergraph at the base of this change (merge base with main, else HEAD). */
function committedSupergraph(base: string | undefined): { sdl: string; from: string } {
  let ref = base;
  if (!ref) {
    try {
      ref = git('merge-base', 'HEAD', 'main');
    } catch {
      ref = 'HEAD';
    }
  }
  return {
    sdl: git('show', `${ref}:gateway/supergraph.graphql`),
    from: `gateway/supergraph.graphql at ${ref.slice(0, 12)}`,
  };
}

/** The registry's accepted supergraph (null when it has none yet). */
async function registrySupergraph(): Promise<{ sdl: string; from: string } | null> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  let latest: { sdl: string; from: string } | null = null;
  const following = await followSupergraph(createKafka({ brokers, clientId: 'pcc-schema-check' }), (accepted) => {
    latest = { sdl: accepted.supergraphSdl, from: `the registry's supergraph ${accepted.hash.slice(0, 12)}` };
  });
  await following.caughtUp;
  await following.stop();
  return latest;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { against: { type: 'string', default: 'git' }, base: { type: 'string' } } });
  const composed = composeSupergraph();
  if ('errors' in composed) {
    console.error(`composition failed:\n${composed.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  const previous = values.against === 'registry' ? await registrySupergraph() : committedSupergraph(values.base);
  const operations = loadRegisteredOperations(ROOT);
  const report = await checkSupergraph({ previous: previous?.sdl ?? null, next: composed.supergraphSdl, operations });
  console.log(`compared with ${previous?.from ?? 'nothing (the registry has no supergraph yet)'}`);
  console.log(`${operations.length} registered operations; ${report.changes.length} changes`);
  for (const change of report.changes) console.log(`  ${change}`);
  for (const b of report.breaking)
    console.log(
      `  breaking ${b.path}: ${b.usedBy.length ? `used by ${b.usedBy.join(', ')}` : 'used by no registered operation'}`,
    );
  const reasons = refusalReasons(report);
  if (reasons.length === 0) {
    console.log('schema check passed');
    return 0;
  }
  console.error(`schema check refused:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
