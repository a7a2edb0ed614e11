import { useEffect, useState } from 'preact/hooks';
import { apiSend, ApiError, setCsrf } from '../api';
import { navigate, safeNext, useLocation } from '../router';
import { useSession } from '../session';
import type { Session } from '../types';

/** Token sign-in (POST /session sets an HttpOnly cookie); then back to where the user was going. */
export function SignIn() {
  const { session, refresh } = useSession();
  const loc = useLocation();
  const next = safeNext(loc.query.get('next'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const noAuth = !session.auth_required;
  useEffect(() => {
    // A single-user server has no sign-in: go straight on.
    if (noAuth || session.authenticated) navigate(next, { replace: true });
  }, [noAuth, session.authenticated, next]);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const token = String(new FormData(e.currentTarget as HTMLFormElement).get('token') ?? '').trim();
    if (!token) return setError('Paste the token you were given.');
    setBusy(true);
    setError('');
    try {
      const s = await apiSend<Session>('POST', '/session', { token });
      setCsrf(s.csrf ?? '');
      await refresh();
      navigate(next, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'This token is not valid (or was revoked).'
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" data-page="signin" data-ready="true" data-state="ready">
      <form class="signin-card" onSubmit={submit}>
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            ◢
          </span>
          callkpi
        </div>
        <h1>Sign in</h1>
        <p class="muted">Use the access token your administrator created for you (callkpi token create).</p>
        <label>
          <span>Access token</span>
          <input
            name="token"
            type="password"
            autocomplete="current-password"
            autoFocus
            required
            spellcheck={false}
          />
        </label>
        {error && (
          <p class="error-inline" role="alert" data-error>
            {error}
          </p>
        )}
        <button type="submit" class="btn btn-wide" data-action="signin" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
