// GraphQL Code Generator: resolver types from schema.graphql (federation-aware), so resolvers are
// typed end to end with no `any` around __resolveReference. Output is generated at build time.
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
        mappers: {
          Organization: '../store/entities#OrganizationEntity',
          Member: '../store/entities#MemberEntity',
          Agreement: '../store/entities#AgreementEntity',
        },
        scalars: { Date: 'string', DateTime: 'Date | string', Decimal: 'string' },
      },
    },
  },
  silent: true,
};
export default config;
