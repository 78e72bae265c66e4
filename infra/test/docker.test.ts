import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * infra/docker/Dockerfile cannot be built here (no Docker engine), so this checks what it relies
 * on: the Node.js it builds on is the pinned one, and `turbo prune <workspace> --docker`, its first
 * stage, gives each service an image with that service and its local packages only.
 */
const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'infra', 'docker', 'Dockerfile'), 'utf8');

type Manifest = { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Every workspace folder (relative to the root) by its package name. */
const workspaces = new Map(
  ['packages', 'services']
    .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
    .filter((folder) => existsSync(join(root, folder, 'package.json')))
    .map((folder) => [read(join(root, folder)).name, folder] as const),
);

/** A workspace and the local packages it needs, to build and to test (turbo prune keeps both). */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = read(join(root, workspaces.get(name)!));
  for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }))
    if (workspaces.has(dependency)) closure(dependency, seen);
  return seen;
}

const foldersUnder = (dir: string) =>
  ['packages', 'services', 'gateway', 'bench', 'infra'].flatMap((group) =>
    !existsSync(join(dir, group))
      ? []
      : existsSync(join(dir, group, 'package.json'))
        ? [group]
        : readdirSync(join(dir, group)).map((name) => `${group}/${name}`),
  );

describe('infra/docker/Dockerfile', () => {
  it('builds on the slim image of the pinned Node.js major', () => {
    const major = readFileSync(join(root, '.node-version'), 'utf8').trim().split('.')[0];
    expect(dockerfile).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${major}-\\w+-slim$`, 'm'));
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_IMAGE}']);
  });

  it('prunes the repository to the workspace first, then installs from the pruned lockfile', () => {
    expect(dockerfile).toMatch(/prune "\$\{WORKSPACE\}" --docker --out-dir \/pruned/);
    expect(dockerfile.indexOf('COPY --from=prune /pruned/json/ .')).toBeLessThan(dockerfile.indexOf('npm ci'));
    expect(dockerfile.indexOf('npm ci')).toBeLessThan(dockerfile.indexOf('COPY --from=prune /pruned/full/ .'));
  });

  const services = [...workspaces.keys()].filter((name) => workspaces.get(name)!.startsWith('services/'));
  it.each(services)('gives %s an image with that service and its local packages only', (workspace) => {
    const out = mkdtempSync(join(tmpdir(), 'pcc-prune-'));
    try {
      execFileSync(
        process.execPath,
        [require.resolve('turbo/bin/turbo'), 'prune', workspace, '--docker', '--out-dir', out],
        { cwd: root, stdio: 'pipe' },
      );
      const expected = [...closure(workspace)].map((name) => workspaces.get(name)!).sort();
      expect(foldersUnder(join(out, 'full')).sort()).toEqual(expected);
      expect(foldersUnder(join(out, 'json')).sort()).toEqual(expected);
      expect(existsSync(join(out, 'json', 'package-lock.json'))).toBe(true);
      // Every workspace's tsconfig extends the root one: pruned along, or copied by the recipe.
      const provided =
        existsSync(join(out, 'full', 'tsconfig.base.json')) || /^COPY tsconfig.base.json \.\/$/m.test(dockerfile);
      expect(provided).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
