import { definitionOf, labelOf } from '../catalog';
import { formatValue } from '../format';
import { InfoTip } from './InfoTip';

const STEPS = [
  ['dials', null],
  ['answered', 'answer_rate'],
  ['contacts', 'contact_rate'],
  ['wins', 'conversion_rate'],
] as const;

/** dials → answered → contacts → wins, each bar as wide as its share of dials, with the step's rate. */
export function FunnelSteps({
  totals,
  definitions,
}: {
  totals: Record<string, number | null>;
  definitions: Record<string, string>;
}) {
  const dials = totals.dials ?? 0;
  return (
    <div class="funnel-steps card">
      {STEPS.map(([count, rate]) => {
        const v = totals[count] ?? null;
        const w = dials > 0 && v !== null ? Math.max(2, (v / dials) * 100) : 0;
        return (
          <div class="step" key={count}>
            <div class="step-label">
              {labelOf(count)}
              <InfoTip text={definitionOf(count, definitions)} />
            </div>
            <div class="step-bar">
              <div class="step-fill" style={{ width: `${w}%` }} />
            </div>
            <div class="step-value num" data-metric={count} data-value={v === null ? '' : String(v)}>
              {formatValue(v, 'count')}
            </div>
            <div
              class="step-rate num"
              title={rate ? definitionOf(rate, definitions) : undefined}
              {...(rate ? { 'data-metric': rate, 'data-value': String(totals[rate] ?? '') } : {})}
            >
              {rate ? `${labelOf(rate)} ${formatValue(totals[rate], 'ratio')}` : ''}
            </div>
          </div>
        );
      })}
    </div>
  );
}
