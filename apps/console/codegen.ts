import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Every operation of the console is a typed document validated against the committed supergraph
 * (codegen fails on one that no longer validates), and written to a persisted-documents manifest
 * (hash → text) that the platform's schema checks read (scripts/write-manifest.mjs copies it to
 * persisted-documents.json beside package.json).
 */
const config: CodegenConfig = {
  schema: '../../gateway/supergraph.graphql',
  documents: ['src/**/*.ts', 'src/**/*.tsx', '!src/generated/**'],
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        defaultScalarType: 'unknown',
        scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' },
      },
    },
  },
  silent: true,
};

export default config;
