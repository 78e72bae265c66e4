import { join } from 'node:path';
import { modulesLoadedBy } from '@pcc/testing';

const loadedBy = (entry: string) => modulesLoadedBy(join(__dirname, '..', 'dist', entry));
const composing = (files: string[]) =>
  files.filter((file) => file.includes('@apollo/composition') || file.includes('@graphql-inspector'));

describe("the package's entries", () => {
  it('follows the accepted supergraph without loading composition or the breaking-change checks', () => {
    const loaded = loadedBy('following.js');
    expect(loaded.some((file) => file.includes('/dist/supergraph-follower.js'))).toBe(true);
    expect(composing(loaded)).toEqual([]);
  });

  it('loads them from the main entry, where the composer needs them', () => {
    const loaded = composing(loadedBy('index.js'));
    expect(loaded.some((file) => file.includes('@apollo/composition'))).toBe(true);
    expect(loaded.some((file) => file.includes('@graphql-inspector/core'))).toBe(true);
  });
});
