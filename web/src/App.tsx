import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, getSession, setCsrf, setUnauthorizedHandler } from './api';
import { loadCatalog } from './catalog';
import { Shell } from './components/Shell';
import { ErrorState } from './components/States';
import { Routes } from './Routes';
import { navigate, useLocation } from './router';
import { SessionContext } from './session';
import type { Session } from './types';
import { SignIn } from './pages/SignIn';

/** Loads the session, then shows the sign-in page or the dashboard shell with the current page. */
export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = useCallback(async () => {
    const s = await getSession();
    setCsrf(s.csrf ?? '');
    setSession(s);
    return s;
  }, []);
  const load = useCallback(() => {
    setError(null);
    refresh().catch((e: unknown) =>
      setError(
        e instanceof ApiError
          ? e
          : new ApiError(0, 'network', `Could not reach the server (${String(e)}).`, null),
      ),
    );
  }, [refresh]);
  useEffect(load, [load]);
  useEffect(() => setUnauthorizedHandler(() => setSession((s) => s && { ...s, authenticated: false })), []);

  const signedIn = !!session && (!session.auth_required || session.authenticated);
  // Pages wait for the catalog (labels, units, definitions): one small request, and figures never
  // flash unformatted. Without it (an error) they still show, with ids for labels.
  const [catalogDone, setCatalogDone] = useState(false);
  useEffect(() => {
    if (!session) return;
    if (signedIn)
      loadCatalog().then(
        () => setCatalogDone(true),
        () => setCatalogDone(true),
      );
    else if (loc.path !== '/signin')
      navigate(`/signin?next=${encodeURIComponent(loc.href)}`, { replace: true });
  }, [session, signedIn, loc.path, loc.href]);

  if (error)
    return (
      <main class="boot">
        <ErrorState error={error} retry={load} />
      </main>
    );
  if (!session || (signedIn && !catalogDone && loc.path !== '/signin'))
    return (
      <main class="boot" aria-busy="true">
        <div class="spinner" />
      </main>
    );
  const ctx = { session, refresh };
  return (
    <SessionContext.Provider value={ctx}>
      {loc.path === '/signin' || !signedIn ? (
        <SignIn />
      ) : (
        <Shell>
          <Routes />
        </Shell>
      )}
    </SessionContext.Provider>
  );
}
