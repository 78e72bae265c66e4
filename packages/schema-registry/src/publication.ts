import { createHash, randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { ensureRegistryTopics, REGISTRY_TOPICS, type RegistryTopics } from './topics';

export type { RegistryTopics } from './topics';

/** What a subgraph publishes to the registry: its SDL, the version it is, and where the gateway calls it. */
export const publicationSchema = z
  .object({
    id: z.uuid(),
    subgraph: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/),
    version: z.string().min(1).max(128),
    url: z.url({ protocol: /^https?$/ }).max(2048),
    sdl: z.string().min(1).max(2_000_000),
    publishedAt: z.iso.datetime({ offset: true }),
    /** Set by `schema:publish --force "<why>"`: accept even a refused change, recorded with its reason. */
    force: z.string().min(1).max(1000).nullable(),
  })
  .strict();

export type Publication = z.infer<typeof publicationSchema>;

/** A subgraph's default version: a digest of its SDL, so an unchanged schema has an unchanged version. */
export const sdlVersion = (sdl: string): string =>
  `sha256:${createHash('sha256').update(sdl).digest('hex').slice(0, 12)}`;

/**
 * Publishes a subgraph's schema to the registry (key = subgraph name, on a compacted topic: the
 * latest publication of each subgraph is kept). The composer decides; this only tells.
 */
export async function publishSchema(
  kafka: Kafka,
  input: { subgraph: string; url: string; sdl: string; version?: string | undefined; force?: string | undefined },
  options: { topics?: RegistryTopics; replicationFactor?: number } = {},
): Promise<Publication> {
  const topics = options.topics ?? REGISTRY_TOPICS;
  const publication = publicationSchema.parse({
    id: randomUUID(),
    subgraph: input.subgraph,
    version: input.version ?? sdlVersion(input.sdl),
    url: input.url,
    sdl: input.sdl,
    publishedAt: new Date().toISOString(),
    force: input.force ?? null,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureRegistryTopics(admin, topics, options.replicationFactor ?? 1);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic: topics.subgraphs,
      acks: -1,
      messages: [{ key: publication.subgraph, value: JSON.stringify(publication) }],
    });
  } finally {
    await producer.disconnect();
  }
  return publication;
}
