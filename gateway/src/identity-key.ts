import type { Identity } from '@pcc/http';

/**
 * An identity as a cache key: a JSON tuple, so no `org` or `sub` (free text from the caller's token)
 * can make two identities read the same, as joining them with a separator could.
 */
export const identityKey = (identity: Identity): string => JSON.stringify([identity.role, identity.org, identity.sub]);
