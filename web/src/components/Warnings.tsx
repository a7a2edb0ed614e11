import type { Warning } from '../types';

// Readable text for the report warnings the server sends (the codes of src/reports/format.ts
// describeWarning); an unknown code still shows, with its fields.
function describe(w: Warning): string {
  const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
  switch (w.code) {
    case 'unknown_status':
      return `Status "${String(w.status)}" has no disposition: ${String(w.calls)} call(s) counted in dials only.`;
    case 'finance_not_set':
      return `No ${String(w.field)} in force for ${list(w.campaigns)} during part of the period: valued as 0.`;
    case 'several_currencies':
      return `Finance settings use several currencies (${list(w.currencies)}): amounts are added as they are.`;
    case 'aht_from_all_intervals':
      return "Some half hours had no handled calls: their AHT is the whole history's.";
    case 'no_handle_time':
      return 'The queues have no handled calls in the history: no AHT to plan with.';
    case 'unknown_goal_scope':
      return `Goal scope "${String(w.scope)}" is no known campaign, team or agent.`;
    case 'dimension_not_applicable':
      return `${list(w.metrics)}: ${String(w.source)} records have no ${list(w.dimensions)} (shown as –).`;
    default: {
      const { code, ...rest } = w;
      return `${code} ${JSON.stringify(rest)}`;
    }
  }
}

export function Warnings({ warnings }: { warnings: readonly Warning[] | undefined }) {
  if (!warnings?.length) return null;
  const texts = [...new Set(warnings.map(describe))];
  return (
    <details class="warnings">
      <summary>
        ⚠ {texts.length} note{texts.length > 1 ? 's' : ''} on these figures
      </summary>
      <ul>
        {texts.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </details>
  );
}
