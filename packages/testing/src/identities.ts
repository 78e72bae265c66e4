import type { Identity } from '@pcc/http';

/** Callers for tests, as the platform's `Identity`. `org` is an organization code, as in the tokens. */
export const IdentityFactory = {
  admin: (sub = 'admin'): Identity => ({ sub, role: 'NETWORK_ADMIN', org: null }),
  officer: (org: string, sub = `officer-${org.toLowerCase()}`): Identity => ({ sub, role: 'LGO_OFFICER', org }),
  analyst: (sub = 'analyst'): Identity => ({ sub, role: 'ANALYST', org: null }),
  public: (): Identity => ({ sub: 'anonymous', role: 'PUBLIC', org: null }),
};
