import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { env } from '@pcc/config';
import type { Service } from '@pcc/config';
import { publishSchema, type Publication } from '@pcc/schema-registry/publish';
import type { RegistryTopics } from '@pcc/schema-registry/publish';

/** The environment of a subgraph's schema publication (on start, and `npm run schema:publish`). */
export const schemaPublishEnv = () => ({
  /** Where the gateway calls this instance (default `http://localhost:<PORT>/graphql`; in containers, its service name). */
  SUBGRAPH_URL: env.url(undefined, ['http', 'https']).optional(),
  /** Publish the schema to the registry on start (off: the registry does not hear of this instance). */
  SCHEMA_PUBLISH: env.bool(true),
  /** The version published with the schema (an image tag, a commit); default: a digest of the schema. */
  SERVICE_VERSION: z.string().min(1).max(128).optional(),
});

export interface SchemaPublishConfig {
  HOST: string;
  PORT: number;
  SUBGRAPH_URL?: string | undefined;
  SERVICE_VERSION?: string | undefined;
}

/** The URL this instance advertises to the gateway. */
export function advertisedUrl(config: SchemaPublishConfig): string {
  if (config.SUBGRAPH_URL) return config.SUBGRAPH_URL;
  const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? 'localhost' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/graphql`;
}

/** Publishes a service's `schema.graphql`, its version and URL to the schema registry. */
export function publishServiceSchema(
  kafka: Kafka,
  service: Service,
  config: SchemaPublishConfig,
  schemaFile: string,
  options: { force?: string | undefined; replicationFactor?: number; topics?: RegistryTopics } = {},
): Promise<Publication> {
  return publishSchema(
    kafka,
    {
      subgraph: service.subgraph,
      url: advertisedUrl(config),
      sdl: readFileSync(schemaFile, 'utf8'),
      version: config.SERVICE_VERSION,
      force: options.force,
    },
    {
      ...(options.replicationFactor === undefined ? {} : { replicationFactor: options.replicationFactor }),
      ...(options.topics ? { topics: options.topics } : {}),
    },
  );
}
