import { z } from 'zod';

/** Field shapes that recur across event payloads. */
export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
/** The identity that made a change: user id (JWT `sub`), role and, for officers, their org code. */
export const actor = z.object({
  sub: z.string().min(1),
  role: z.enum(['NETWORK_ADMIN', 'LGO_OFFICER', 'ANALYST', 'PUBLIC', 'SYSTEM']),
  org: z.string().nullable(),
});
