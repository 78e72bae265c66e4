import { execFileSync } from 'node:child_process';

/**
 * The module files a fresh Node.js process has loaded after requiring one file (a package's built
 * entry): what importing that entry costs every process that does, whatever the test process itself
 * has loaded already.
 */
export function modulesLoadedBy(file: string): string[] {
  const script = `require(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}
