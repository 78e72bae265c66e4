import { createHash } from 'node:crypto';

/** The identity of a supergraph: sha256 of its SDL (what `/readyz` and `/metrics` show). */
export const supergraphHash = (supergraphSdl: string): string =>
  createHash('sha256').update(supergraphSdl).digest('hex');
