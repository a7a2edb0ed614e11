import { useState } from 'preact/hooks';
import { apiSend } from '../api';
import { navigate } from '../router';
import { useSession } from '../session';

/** Who is signed in, and the sign-out (DELETE /session with the CSRF token). */
export function Topbar() {
  const { session, refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const signOut = async (): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      await apiSend('DELETE', '/session');
      await refresh();
      navigate('/signin', { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <header class="topbar">
      <div class="topbar-title">Call center KPIs</div>
      <div class="identity" data-identity data-role={session.role ?? ''} data-agent={session.agent ?? ''}>
        <span class="role-chip">{session.role ?? 'guest'}</span>
        {session.agent && <span class="agent-chip">agent {session.agent}</span>}
        {!session.auth_required && <span class="muted small">single-user mode</span>}
      </div>
      {session.auth_required && session.authenticated && (
        <button type="button" class="btn-ghost" data-action="signout" disabled={busy} onClick={signOut}>
          Sign out
        </button>
      )}
      {error && (
        <span class="error-inline" role="alert">
          {error}
        </span>
      )}
    </header>
  );
}
