import { setQuery } from '../filters';

// The Erlang targets as a form. Percent fields show % and travel as fractions (sl_target=0.8),
// seconds as seconds; an empty field leaves the server's default.
const FIELDS = [
  ['sl_target', 'service_level', 'Service level %', 'pct'],
  ['sl_threshold', 'service_level_sec', 'answered within (s)', 'sec'],
  ['asa_target', 'asa_sec', 'ASA target (s)', 'sec'],
  ['max_occupancy', 'max_occupancy', 'Max occupancy %', 'pct'],
  ['shrinkage', 'shrinkage', 'Shrinkage %', 'pct'],
  ['patience', 'patience_sec', 'Patience (s, Erlang A)', 'sec'],
] as const;

export function StaffingTargets({ targets }: { targets: Record<string, number | null> }) {
  const shown = (meta: string, kind: string): string => {
    const v = targets[meta];
    if (v === null || v === undefined) return '';
    return kind === 'pct' ? String(Math.round(v * 1000) / 10) : String(v);
  };
  const apply = (form: HTMLFormElement): void => {
    const data = new FormData(form);
    const patch: Record<string, string> = {};
    for (const [param, meta, , kind] of FIELDS) {
      const raw = String(data.get(param) ?? '').trim();
      const before = shown(meta, kind);
      if (raw === before) continue;
      patch[param] = raw === '' ? '' : kind === 'pct' ? String(Number(raw) / 100) : raw;
    }
    setQuery(patch);
  };
  return (
    <form
      class="targets"
      data-staffing-targets
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget);
      }}
    >
      {FIELDS.map(([param, meta, label, kind]) => (
        <label key={param}>
          <span>{label}</span>
          <input
            type="number"
            name={param}
            min="0"
            step={kind === 'pct' ? '0.1' : '1'}
            value={shown(meta, kind)}
            placeholder="default"
          />
        </label>
      ))}
      <button type="submit" class="btn" data-action="apply-targets">
        Recalculate
      </button>
    </form>
  );
}
