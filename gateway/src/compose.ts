import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Every subgraph of the platform: its name in the supergraph, its folder, its default local URL. */
export const SUBGRAPHS = [
  { name: 'organizations', folder: 'organizations', url: 'http://localhost:4001/graphql' },
  { name: 'cases', folder: 'cases', url: 'http://localhost:4002/graphql' },
  { name: 'planning', folder: 'planning', url: 'http://localhost:4003/graphql' },
  { name: 'waste_metrics', folder: 'waste-metrics', url: 'http://localhost:4004/graphql' },
] as const;

const servicesDir = join(__dirname, '..', '..', 'services');

/** Composes the schema files of the services that exist. */
export function composeSupergraph(): { supergraphSdl: string; subgraphs: string[] } | { errors: string[] } {
  const present = SUBGRAPHS.filter((s) => existsSync(join(servicesDir, s.folder, 'schema.graphql')));
  const result = composeServices(
    present.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(readFileSync(join(servicesDir, s.folder, 'schema.graphql'), 'utf8')),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, subgraphs: present.map((s) => s.name) };
}
