import type { ApiError } from '../api';
import { periodText } from '../format';

export function Skeleton({ tiles = 4, charts = 2 }: { tiles?: number; charts?: number }) {
  return (
    <div class="skeleton" aria-busy="true" aria-label="Loading">
      <div class="tiles">
        {Array.from({ length: tiles }, (_, i) => (
          <div key={i} class="tile sk" />
        ))}
      </div>
      <div class="grid-2">
        {Array.from({ length: charts }, (_, i) => (
          <div key={i} class="card sk sk-chart" />
        ))}
      </div>
    </div>
  );
}

export function EmptyState({ from, to, what = 'calls' }: { from?: string; to?: string; what?: string }) {
  return (
    <div class="state-box" data-empty>
      <div class="state-icon" aria-hidden="true">
        ∅
      </div>
      <h2>No {what} in this period</h2>
      {from && to && <p class="muted">{periodText(from, to)}</p>}
      <p class="muted">Pick another period or clear a filter.</p>
    </div>
  );
}

export function ErrorState({ error, retry }: { error: ApiError; retry: () => void }) {
  return (
    <div class="state-box state-error" role="alert" data-error={error.code}>
      <div class="state-icon" aria-hidden="true">
        !
      </div>
      <h2>{error.status === 403 ? 'Not available for your role' : 'This view could not be loaded'}</h2>
      <p class="error-message">{error.message}</p>
      {error.status !== 403 && (
        <button type="button" class="btn" data-action="retry" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}
