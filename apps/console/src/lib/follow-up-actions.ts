/** Overdue first, then by due date (the service's order), so what is late is read first. */
export const overdueFirst = <T extends { overdue: boolean; dueOn: string }>(actions: readonly T[]): T[] =>
  [...actions].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
