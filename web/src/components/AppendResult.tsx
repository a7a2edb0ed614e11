import type { AppendState } from '../append';

/** What became of an append: saved, or the server's message and every rejected record's reason. */
export function AppendResult({ state }: { state: AppendState }) {
  if (state.status === 'saved')
    return (
      <p class="notice good" role="status" data-result="saved">
        ✓ Saved. {summaryText(state.summary)}
      </p>
    );
  if (state.status !== 'failed') return null;
  return (
    <div class="notice bad" role="alert" data-result="rejected">
      <p>✕ {state.message}</p>
      {state.rejects.length > 0 && (
        <ul class="rejects">
          {state.rejects.map((r, i) => (
            <li key={i} data-reject>
              <b>{r.where}:</b> {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function summaryText(s: unknown): string {
  if (!s || typeof s !== 'object') return '';
  const o = s as Record<string, unknown>;
  const parts = ['accepted', 'updated', 'unchanged', 'rejected']
    .filter((k) => typeof o[k] === 'number')
    .map((k) => `${String(o[k])} ${k}`);
  return parts.join(', ');
}
