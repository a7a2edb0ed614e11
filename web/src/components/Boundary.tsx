import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

/** A bug in one page shows as a message with a way out, not as a blank dashboard. */
export function Boundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  if (!error) return <>{children}</>;
  return (
    <section class="page" data-page="crash" data-state="error">
      <div class="state-box state-error" role="alert" data-error="client">
        <div class="state-icon" aria-hidden="true">
          !
        </div>
        <h2>This page hit a problem in the dashboard</h2>
        <p class="error-message">{error instanceof Error ? error.message : String(error)}</p>
        <button type="button" class="btn" data-action="retry" onClick={reset}>
          Try again
        </button>
      </div>
    </section>
  );
}
