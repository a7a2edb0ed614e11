import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './types';

// The signed-in identity (GET /session). `auth_required: false` is the single-user loopback
// server: everyone is admin and no sign-in or sign-out is shown.

export interface SessionState {
  session: Session;
  refresh: () => Promise<Session>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the app shell');
  return s;
}

export const isAgent = (s: Session): boolean => s.role === 'agent';
export const isAdmin = (s: Session): boolean => s.role === 'admin';
