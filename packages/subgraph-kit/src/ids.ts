const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value is a UUID. Loaders and cursors check keys with it before they reach a `uuid`
 * column: a malformed id is simply not found, never a database error.
 */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
