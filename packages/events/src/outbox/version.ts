/**
 * The aggregate version an event carries (`data.version`); 0 for events written before versions
 * existed, which therefore never override a versioned state.
 */
export function versionOf(data: unknown): number {
  const version = (data as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? version : 0;
}
