import type { ComponentChildren } from 'preact';
import { definitionOf, labelOf, unitOf } from '../catalog';
import { formatValue } from '../format';
import { InfoTip } from './InfoTip';

interface Props {
  metric: string;
  value: number | null | undefined;
  currency?: string | null | undefined;
  definitions?: Record<string, string>;
  label?: string;
  sub?: ComponentChildren;
  tone?: 'good' | 'bad';
}

/** One headline figure; data-value keeps the API's unrounded number for tests and copy. */
export function KpiTile({ metric, value, currency, definitions, label, sub, tone }: Props) {
  return (
    <div
      class={`tile${tone ? ` tone-${tone}` : ''}`}
      data-metric={metric}
      data-value={typeof value === 'number' ? String(value) : ''}
    >
      <div class="tile-label">
        {label ?? labelOf(metric)}
        <InfoTip text={definitionOf(metric, definitions)} />
      </div>
      <div class="tile-value" title={formatValue(value, unitOf(metric), currency)}>
        {formatValue(value, unitOf(metric), currency, { whole: true })}
      </div>
      {sub && <div class="tile-sub">{sub}</div>}
    </div>
  );
}
