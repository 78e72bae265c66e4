import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';

/**
 * The schema a subgraph really serves (its schema.graphql plus what federation adds: `_entities`,
 * `_service`, `_Any`), as SDL, so test documents that call `_entities` are typed too.
 */
export function subgraphSdl(schemaFile = 'schema.graphql'): string {
  return printSchema(buildSubgraphSchema({ typeDefs: parse(readFileSync(schemaFile, 'utf8')) }));
}

/**
 * GraphQL Code Generator settings for a workspace's test documents: the client preset reads every
 * `graphql(`…`)` in test/ and writes a typed `graphql()` into test/generated/ (git-ignored, produced
 * by the workspace's `codegen` script, which typecheck and test run).
 */
export function testDocumentsConfig(schema: string) {
  return {
    schema,
    documents: ['test/**/*.ts', '!test/generated/**'],
    generates: {
      'test/generated/': {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          enumsAsTypes: true,
          useTypeImports: true,
          defaultScalarType: 'unknown',
          scalars: {
            Date: 'string',
            DateTime: 'string',
            Decimal: 'string',
            _Any: '{ __typename: string; [field: string]: unknown }',
          },
        },
      },
    },
    ignoreNoDocuments: true,
    silent: true,
  };
}
