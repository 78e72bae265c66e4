import { createHash, timingSafeEqual } from 'node:crypto';

/** The reporter's secret is kept as its SHA-256 only: the database never holds what proves a report. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Whether `secret` is the one whose hash is stored (in constant time). */
export const secretMatches = (secret: string, storedHash: string): boolean =>
  timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), Buffer.from(storedHash, 'hex'));
