/**
 * Callers for tests, shaped like the kit's `Identity` (sub, role, org) so they fit wherever one is
 * expected. `org` is an organization code, as in the tokens.
 */
export const IdentityFactory = {
  admin: (sub = 'admin') => ({ sub, role: 'NETWORK_ADMIN' as const, org: null }),
  officer: (org: string, sub = `officer-${org.toLowerCase()}`) => ({ sub, role: 'LGO_OFFICER' as const, org }),
  analyst: (sub = 'analyst') => ({ sub, role: 'ANALYST' as const, org: null }),
  public: () => ({ sub: 'anonymous', role: 'PUBLIC' as const, org: null }),
};

export type TestIdentity = ReturnType<(typeof IdentityFactory)[keyof typeof IdentityFactory]>;
