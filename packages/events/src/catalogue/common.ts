import { z } from 'zod';

/** Field shapes that recur across event payloads. */
export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
/**
 * Text bounded by the domain's input rule (`max` characters): every string and list of an event
 * has a bound, so the largest event the catalogue allows is known and stays under Kafka's limit.
 */
export const text = (max: number) => z.string().min(1).max(max);
/** Organizations on a case, signatories of an MOU: the network has a few dozen; ample room. */
export const MAX_ORGANIZATIONS = 1000;
/**
 * The aggregate's version, set by the Outbox (1, 2, … per event key, in commit order): consumers
 * order an aggregate's events by it, never by `time`. Absent only in events written before it existed.
 */
export const version = z.number().int().positive().optional();
/** The identity that made a change: user id (JWT `sub`), role and, for officers, their org code. */
export const actor = z.object({
  sub: z.string().min(1).max(255),
  role: z.enum(['NETWORK_ADMIN', 'LGO_OFFICER', 'ANALYST', 'PUBLIC', 'SYSTEM']),
  org: z.string().max(64).nullable(),
});
