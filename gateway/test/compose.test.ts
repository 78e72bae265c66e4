import { composeSupergraph } from '../src/compose';
import { readSupergraph } from '../src/supergraph';

describe('the committed supergraph', () => {
  it('composes without errors and equals gateway/supergraph.graphql (run `npm run compose` after a schema change)', () => {
    const result = composeSupergraph();
    if ('errors' in result) throw new Error(`composition failed:\n${result.errors.join('\n')}`);
    expect(result.subgraphs).toContain('organizations');
    expect(readSupergraph()).toBe(result.supergraphSdl);
  });
});
