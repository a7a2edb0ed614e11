import type { ComponentChildren } from 'preact';
import { readFilters, setQuery, type WhereDim } from '../filters';
import { useLocation } from '../router';
import { useSession } from '../session';
import { DimensionSelect } from './DimensionSelect';
import { ZoneSelect } from './ZoneSelect';

export type FilterField = 'period' | 'dates' | WhereDim | 'tz';

interface Props {
  fields: readonly FilterField[];
  /** what the report settled on when the URL leaves a value out (the current month, its zone) */
  defaults?: { from?: string; to?: string; timezone?: string; period?: string };
  children?: ComponentChildren;
}

/**
 * The filter form: every value lives in the URL (pushState), so a view is a shareable link.
 * Changing any field applies at once; Apply is there for keyboards and for clarity.
 */
export function FilterBar({ fields, defaults = {}, children }: Props) {
  const loc = useLocation();
  const { session } = useSession();
  const f = readFilters(loc.query);
  const agent = session.role === 'agent';
  const shown = fields.filter((x) => !(agent && (x === 'agent' || x === 'team')));
  const apply = (form: HTMLFormElement): void => {
    const data = new FormData(form);
    const patch: Record<string, string> = {};
    for (const [k, v] of data.entries()) patch[k] = String(v).trim();
    setQuery(patch);
  };
  const range = new URLSearchParams();
  if (f.from) range.set('from', f.from);
  if (f.to) range.set('to', f.to);
  return (
    <form
      class="filters"
      data-filters
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget);
      }}
      onChange={(e) => apply(e.currentTarget)}
    >
      {shown.includes('period') && (
        <label>
          <span>Month</span>
          <input type="month" name="period" value={loc.query.get('period') ?? defaults.period ?? ''} />
        </label>
      )}
      {shown.includes('dates') && (
        <>
          <label>
            <span>From</span>
            <input type="date" name="from" value={f.from || defaults.from || ''} max={f.to || undefined} />
          </label>
          <label>
            <span>To</span>
            <input type="date" name="to" value={f.to || defaults.to || ''} min={f.from || undefined} />
          </label>
        </>
      )}
      {(['campaign', 'list', 'team', 'agent'] as const)
        .filter((d) => shown.includes(d))
        .map((d) => (
          <DimensionSelect key={d} dim={d} value={f[d]} range={range} />
        ))}
      {shown.includes('tz') && <ZoneSelect value={f.tz} fallback={defaults.timezone} />}
      {children}
      <button type="submit" class="btn" data-action="apply">
        Apply
      </button>
    </form>
  );
}
