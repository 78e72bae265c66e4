/**
 * Which fields an update really changes, comparing the requested values with the current ones.
 * Used to name `changed` in events and to decide what an officer is trying to edit.
 */
export function changedFields(current: Record<string, unknown>, requested: Record<string, unknown>): string[] {
  return Object.entries(requested)
    .filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(current[key] ?? null))
    .map(([key]) => key);
}
