/** Entities of other subgraphs as this one knows them: federation references, resolved by their owners. */
export interface OrganizationRef {
  id: string;
}

export interface CaseRef {
  id: string;
}
