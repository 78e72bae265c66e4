/** An Organization as this subgraph knows it: a federation reference, resolved by its owner. */
export interface OrganizationRef {
  id: string;
}
