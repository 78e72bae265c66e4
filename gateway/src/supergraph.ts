import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed supergraph (`npm run compose` writes it). */
export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export const readSupergraph = (path = DEFAULT_SUPERGRAPH_PATH): string => readFileSync(path, 'utf8');

/** The subgraphs a supergraph names, with their URLs: `@join__graph(name: "…", url: "…")`. */
export function subgraphsOf(supergraphSdl: string): Array<{ name: string; url: string }> {
  return [...supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)].map((m) => ({
    name: m[1]!,
    url: m[2]!,
  }));
}
