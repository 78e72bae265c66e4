import { z } from 'zod';

/** The latest accepted supergraph, as the registry keeps it (compacted, key `supergraph`) and gateways read it. */
export const acceptedSupergraphSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  supergraphSdl: z.string().min(1),
  acceptedAt: z.iso.datetime({ offset: true }),
  /** The publication that produced it. */
  publicationId: z.uuid(),
  /** Its offset on the subgraph topic: a composer that restarts decides only on what came after it. */
  publicationOffset: z.string().regex(/^\d+$/),
  /** The accepted schema of every subgraph: what the next publication of each is checked against. */
  subgraphs: z.array(
    z.object({ name: z.string(), url: z.string(), sdl: z.string(), version: z.string(), publicationId: z.uuid() }),
  ),
});

export type AcceptedSupergraph = z.infer<typeof acceptedSupergraphSchema>;

/** The key of the one record on the supergraph topic. */
export const SUPERGRAPH_KEY = 'supergraph';
