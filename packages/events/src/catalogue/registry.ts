import { z } from 'zod';
import { defineEvent } from './define';
import { isoDateTime, text, uuid } from './common';
import { TOPICS } from './topics';

/** What every decision of the schema registry names: the publication it decided on. */
const publication = {
  /** The publication's id (`npm run schema:publish` or a subgraph's start). */
  publicationId: uuid,
  subgraph: text(64),
  version: text(128),
  url: z.url().max(2048),
  publishedAt: isoDateTime,
};

/**
 * The schema registry's decisions (`@pcc/schema-registry`), keyed by subgraph name: analysts and
 * operators read why a change was accepted or refused. No personal data: schemas and reasons only.
 */
export const registryEvents = [
  defineEvent({
    type: 'pcc.registry.supergraph-accepted',
    topic: TOPICS.schemaDecision,
    description: 'A subgraph publication composed and passed the checks (or was forced): gateways now serve it.',
    schema: z
      .object({
        ...publication,
        supergraphHash: z.string().regex(/^[0-9a-f]{64}$/),
        /** The reason given with `--force`, when a refused change was accepted anyway. */
        forced: text(1000).nullable(),
        /** The breaking changes accepted with it (none used by a registered operation, unless forced). */
        breakingChanges: z.array(text(2000)).max(1000),
        changes: z.array(text(2000)).max(5000),
      })
      .strict(),
  }),
  defineEvent({
    type: 'pcc.registry.schema-rejected',
    topic: TOPICS.schemaDecision,
    description: 'A subgraph publication was refused: gateways keep the last accepted supergraph.',
    schema: z
      .object({
        ...publication,
        reasons: z.array(text(4000)).min(1).max(1000),
        changes: z.array(text(2000)).max(5000),
      })
      .strict(),
  }),
];
