import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '@parley/protocol';

const AuthContext = createContext<Me | null>(null);

export function SignedInProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <AuthContext.Provider value={me}>{children}</AuthContext.Provider>;
}

/** The signed-in user and account; only valid inside the signed-in part of the app. */
export function useAuth(): Me {
  const me = useContext(AuthContext);
  if (!me) throw new Error('useAuth() used outside a signed-in route');
  return me;
}

export function isManager(me: Me): boolean {
  return me.user.rights === 'manager';
}

export function homePath(me: Me): string {
  return isManager(me) ? '/chats' : '/console';
}
