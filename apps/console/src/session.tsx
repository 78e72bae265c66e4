import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Role } from './lib/permissions';

/** Who is using the console: PUBLIC until signed in; the token goes with every request. */
export interface Session {
  role: Role;
  org: string | null;
  token: string | null;
}

const PUBLIC: Session = { role: 'PUBLIC', org: null, token: null };
const KEY = 'pcc.session';

interface SessionContextValue {
  session: Session;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue>({ session: PUBLIC, signIn: () => {}, signOut: () => {} });

function load(): Session {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : PUBLIC;
  } catch {
    return PUBLIC;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>(load);
  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setSession(PUBLIC);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

/**
 * Development sign-in: the gateway's `POST /dev/token` signs what `npm run token` prints. In
 * production the identity provider's token is used instead (README, "Sign-in").
 */
export async function developmentToken(role: Role, org: string | null): Promise<string> {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, org }),
  });
  if (!response.ok) throw new Error(`sign-in failed (${response.status})`);
  return ((await response.json()) as { token: string }).token;
}
