import type { WhereDim } from '../filters';
import { useFetch } from '../fetch';

export type DimensionValues = { dimension: string; values: { value: string; label: string }[] };
export const useDimension = (dim: WhereDim, range: URLSearchParams) =>
  useFetch<DimensionValues>(`/dimensions/${dim}`, range);

const LABELS: Record<WhereDim, string> = { campaign: 'Campaign', list: 'List', team: 'Team', agent: 'Agent' };

/** A filter list from GET /dimensions/{dim}; the URL's value stays selectable even if not listed. */
export function DimensionSelect({
  dim,
  value,
  range,
}: {
  dim: WhereDim;
  value: string;
  range: URLSearchParams;
}) {
  const list = useDimension(dim, range);
  const values = list.status === 'done' ? list.data.values : [];
  const known = values.some((v) => v.value === value);
  return (
    <label>
      <span>{LABELS[dim]}</span>
      <select name={dim} value={value} disabled={list.status === 'loading' && !value}>
        <option value="">All</option>
        {value && !known && <option value={value}>{value}</option>}
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label && v.label !== v.value ? v.label : v.value || '(none)'}
          </option>
        ))}
      </select>
    </label>
  );
}
