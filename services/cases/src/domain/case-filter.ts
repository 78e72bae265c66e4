import type { CaseCategory, CaseKind, CaseStatus, District } from './vocabulary';

/** What a case list may be narrowed by (the GraphQL CaseFilter, as the reader takes it). */
export interface CaseFilter {
  status?: CaseStatus[] | null;
  kind?: CaseKind | null;
  category?: CaseCategory | null;
  organization?: string | null;
  district?: District | null;
  overdue?: boolean | null;
  text?: string | null;
  openedBetween?: { from?: Date | string | null; to?: Date | string | null } | null;
}
