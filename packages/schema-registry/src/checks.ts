import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { coordinatesOf, touches, type RegisteredOperation } from './operations';

/** One subgraph's schema as the registry knows it. */
export interface SubgraphSchema {
  name: string;
  url: string;
  sdl: string;
  version: string;
}

/** Composes subgraphs with @apollo/composition, in name order (so equal inputs give an equal supergraph). */
export function compose(subgraphs: readonly SubgraphSchema[]): { supergraphSdl: string } | { errors: string[] } {
  try {
    const result = composeServices(
      [...subgraphs]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
    );
    if (result.errors) return { errors: result.errors.map((e) => e.message) };
    return { supergraphSdl: result.supergraphSdl };
  } catch (error) {
    // A publication that is not even GraphQL (a syntax error) is refused like a composition error.
    return { errors: [error instanceof Error ? error.message : String(error)] };
  }
}

/** The schema clients see: the supergraph without its federation machinery. */
export const apiSchemaOf = (supergraphSdl: string): GraphQLSchema =>
  Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

export interface BreakingChange {
  /** Schema coordinate: `Case.title`, `CaseStatus.RESOLVED`, `Query.cases.first`. */
  path: string;
  message: string;
  /** Registered operations that use what it breaks (empty: nobody uses it, so it may be accepted). */
  usedBy: string[];
}

export interface CheckReport {
  /** Every change of the API schema, breaking or not, as one line each. */
  changes: string[];
  breaking: BreakingChange[];
  /** Registered operations valid on the last accepted schema that the new one does not validate, with graphql-js's reasons. */
  invalidOperations: Array<{ name: string; errors: string[] }>;
}

/**
 * Checks a new supergraph against the last accepted one, as clients see them (their API schemas): the
 * breaking changes (@graphql-inspector/core: removed or retyped fields, removed enum values, arguments
 * made required, …), which registered operations use what each breaks, and whether every registered
 * operation still validates.
 */
export async function checkSupergraph(input: {
  previous: string | null;
  next: string;
  operations: readonly RegisteredOperation[];
}): Promise<CheckReport> {
  const next = apiSchemaOf(input.next);
  const previous = input.previous === null ? null : apiSchemaOf(input.previous);
  // Operations this change breaks: valid before it (an operation a forced change already broke does not
  // block every later publication), invalid after it.
  const invalidOperations = input.operations
    .filter(({ document }) => previous === null || validate(previous, document).length === 0)
    .map(({ name, document }) => ({ name, errors: validate(next, document).map((e) => e.message) }))
    .filter((o) => o.errors.length > 0);
  if (previous === null) return { changes: [], breaking: [], invalidOperations };
  const changes = await diff(previous, next);
  // Coordinates as the operations were written: against the schema they ran on.
  const usage = input.operations.map(({ name, document }) => ({ name, used: coordinatesOf(document, previous) }));
  const breaking = changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => {
      const path = c.path ?? '';
      return {
        path,
        message: c.message,
        usedBy: usage.filter((u) => path !== '' && touches(path, u.used, previous)).map((u) => u.name),
      };
    });
  return { changes: changes.map((c) => `${c.criticality.level}: ${c.message}`), breaking, invalidOperations };
}

/**
 * Why a checked change must be refused (empty when it may be accepted): a registered operation that no
 * longer validates, or a breaking change a registered operation uses. A breaking change nobody uses is
 * accepted (and recorded with the decision).
 */
export function refusalReasons(report: CheckReport): string[] {
  return [
    ...report.invalidOperations.map((o) => `operation ${o.name} no longer validates: ${o.errors.join('; ')}`),
    ...report.breaking
      .filter((b) => b.usedBy.length > 0)
      .map((b) => `breaking change used by ${b.usedBy.join(', ')}: ${b.message}`),
  ];
}
