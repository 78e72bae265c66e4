/**
 * `npm run compose`: composes the supergraph from every service's schema.graphql with
 * @apollo/composition and writes gateway/supergraph.graphql. Fails (exit 1) listing composition
 * errors. The URLs are the services' default local ports; deployments override them (`*_URL`).
 */
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../compose';
import { DEFAULT_SUPERGRAPH_PATH } from '../supergraph';

const result = composeSupergraph();
if ('errors' in result) {
  console.error(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
writeFileSync(DEFAULT_SUPERGRAPH_PATH, result.supergraphSdl);
console.log(`wrote ${DEFAULT_SUPERGRAPH_PATH} from ${result.subgraphs.join(', ')}`);
