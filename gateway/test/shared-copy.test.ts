import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { sharedCopy } from '../src/subgraph-source';

/**
 * Node-version-dependent behaviour met on the move to Node 24: a subgraph answer carries the fetch
 * `Response` it came in (`http`), and `structuredClone` of a `Response` throws since Node 22.10.
 * Shared reads copy only the GraphQL parts.
 */
describe('the copy each caller of a shared read gets', () => {
  const answer = (): GatewayGraphQLResponse => ({
    data: { organization: { id: 'o1', tags: ['a'] } },
    errors: [{ message: 'partial', extensions: { code: 'NOT_FOUND' } }],
    extensions: { cost: 3 },
    http: new Response('{}', { status: 200 }),
  });

  it('is needed on this runtime: a fetch Response cannot be structured-cloned', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(() => structuredClone(answer())).toThrow();
  });

  it('keeps data, errors and extensions, drops the Response, and shares no object with the original', () => {
    const original = answer();
    const copy = sharedCopy(original);
    expect(copy).toEqual({ data: original.data, errors: original.errors, extensions: original.extensions });
    expect('http' in copy).toBe(false);
    (copy.data as { organization: { tags: string[] } }).organization.tags.push('b');
    expect((original.data as { organization: { tags: string[] } }).organization.tags).toEqual(['a']);
  });
});
