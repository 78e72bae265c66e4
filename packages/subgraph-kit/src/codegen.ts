/**
 * The GraphQL Code Generator settings every service uses (resolver types from its schema.graphql,
 * federation-aware, so no `any` around __resolveReference); a service's codegen.ts names its mappers.
 */
export function resolverTypesConfig(mappers: Record<string, string>, scalars: Record<string, string> = {}) {
  return {
    schema: 'schema.graphql',
    generates: {
      'src/generated/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useIndexSignature: true,
          enumsAsTypes: true,
          contextType: '../context#Context',
          mappers,
          scalars: { Date: 'string', DateTime: 'Date | string', Decimal: 'string', ...scalars },
        },
      },
    },
    silent: true,
  };
}
