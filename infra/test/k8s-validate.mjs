// Validates Kubernetes objects against the API's own OpenAPI schemas (kubernetes-models, which ships
// them as ES modules only; Jest's loader cannot import those, so infra/test/k8s.test.ts runs this with
// Node). Reads a JSON array of objects on stdin; prints, as JSON, each object's `kind/name` and whether
// it validated, or that the package has no model for its API (custom resources: checked by the test).
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const id = `${object.kind}/${object.metadata?.name}`;
  // `v1` is the core group; `apps/v1` and the like are named groups.
  let models;
  try {
    models = await import(`kubernetes-models/${object.apiVersion}`);
  } catch {
    results.push({ id, apiVersion: object.apiVersion, model: false });
    continue;
  }
  const Model = models[object.kind];
  if (!Model) {
    results.push({ id, apiVersion: object.apiVersion, model: false });
    continue;
  }
  try {
    new Model(object).validate();
    results.push({ id, apiVersion: object.apiVersion, model: true, valid: true });
  } catch (error) {
    results.push({
      id,
      apiVersion: object.apiVersion,
      model: true,
      valid: false,
      error: String(error?.message ?? error),
    });
  }
}
process.stdout.write(JSON.stringify(results));
