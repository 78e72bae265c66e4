/**
 * `npm run compose`: composes the supergraph from every service's schema.graphql with
 * @apollo/composition and writes gateway/supergraph.graphql, and its copy in infra/k8s/base (the
 * Kubernetes ConfigMap's file: kustomize reads files under its own folder only). Fails (exit 1) listing
 * composition errors. The URLs are the services' default local ports; deployments override them (`*_URL`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../compose';
import { DEFAULT_SUPERGRAPH_PATH } from '../supergraph';

const result = composeSupergraph();
if ('errors' in result) {
  console.error(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
const k8sCopy = join(__dirname, '..', '..', '..', 'infra', 'k8s', 'base', 'supergraph.graphql');
for (const path of [DEFAULT_SUPERGRAPH_PATH, k8sCopy]) writeFileSync(path, result.supergraphSdl);
console.log(`wrote ${DEFAULT_SUPERGRAPH_PATH} and ${k8sCopy} from ${result.subgraphs.join(', ')}`);
