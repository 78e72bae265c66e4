import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import type { Service } from '@pcc/config';
import { parse } from 'graphql';
// The subgraphs' declarations (development dependencies: composing is a build-time step, never done by
// the running gateway, which loads the committed supergraph).
import { service as organizations } from '@pcc/organizations/service';
import { service as cases } from '@pcc/cases/service';
import { service as planning } from '@pcc/planning/service';
import { service as wasteMetrics } from '@pcc/waste-metrics/service';
import { service as notifications } from '@pcc/notifications/service';

const SERVICES: readonly Service[] = [organizations, cases, planning, wasteMetrics, notifications];

/** Every subgraph of the platform, from its service's declaration: supergraph name, workspace, local URL. */
export const SUBGRAPHS = SERVICES.map((s) => ({
  name: s.subgraph,
  service: s.name,
  url: `http://localhost:${s.port}/graphql`,
}));

/** The schema file a service serves (exported by its package). */
const schemaFileOf = (service: string): string => require.resolve(`@pcc/${service}/schema.graphql`);

/** Composes the services' schema files. */
export function composeSupergraph(): { supergraphSdl: string; subgraphs: string[] } | { errors: string[] } {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(readFileSync(schemaFileOf(s.service), 'utf8')),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, subgraphs: SUBGRAPHS.map((s) => s.name) };
}
