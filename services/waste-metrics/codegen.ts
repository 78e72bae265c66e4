// GraphQL Code Generator: resolver types from schema.graphql (federation-aware), generated at build time.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        mappers: { WasteReport: '../store/entities#WasteReportEntity', Organization: '../providers/organization-ref#OrganizationRef' },
        scalars: { DateTime: 'Date | string', Decimal: 'string' },
      },
    },
  },
  silent: true,
};
export default config;
