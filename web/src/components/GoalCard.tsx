import { definitionOf, labelOf, unitOf } from '../catalog';
import { formatValue } from '../format';
import type { GoalRow, Status } from '../types';
import { InfoTip } from './InfoTip';

// Status is said three ways (color, icon, word) so it reads without color and on a grey TV.
export const STATUS: Record<'green' | 'amber' | 'red', { icon: string; label: string }> = {
  green: { icon: '✓', label: 'On track' },
  amber: { icon: '▲', label: 'Behind' },
  red: { icon: '✕', label: 'Off track' },
};

export function StatusBadge({ status, prefix }: { status: Status; prefix?: string }) {
  const s = status && status in STATUS ? STATUS[status as keyof typeof STATUS] : null;
  if (!s)
    return (
      <span class="badge badge-none" data-status="none">
        – No data
      </span>
    );
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      <span aria-hidden="true">{s.icon}</span> {prefix ? `${prefix} ${s.label.toLowerCase()}` : s.label}
    </span>
  );
}

function scopeText(g: GoalRow): string {
  if (g.scope === '*') return 'Whole operation';
  const value = g.scope.replace(/^(campaign|team|agent):/, '');
  return g.scope_kind ? `${g.scope_kind[0]!.toUpperCase()}${g.scope_kind.slice(1)} ${value}` : value;
}

export function GoalCard({
  goal,
  currency,
  definitions,
}: {
  goal: GoalRow;
  currency?: string | null | undefined;
  definitions?: Record<string, string>;
}) {
  const unit = unitOf(goal.metric);
  const f = (v: number | null): string => formatValue(v, unit, currency, { whole: true });
  const pct = goal.attainment === null ? null : Math.max(0, Math.min(goal.attainment, 1.5));
  return (
    <article
      class={`goal goal-${goal.status && goal.status in STATUS ? goal.status : 'none'}`}
      data-goal={`${goal.scope}|${goal.metric}`}
      data-status={goal.status ?? ''}
    >
      <header>
        <div>
          <div class="goal-scope">{scopeText(goal)}</div>
          <h3>
            {labelOf(goal.metric)}
            <InfoTip text={definitionOf(goal.metric, definitions)} />
          </h3>
        </div>
        <StatusBadge status={goal.status} />
      </header>
      <div class="goal-figures">
        <div data-metric={goal.metric} data-value={goal.actual === null ? '' : String(goal.actual)}>
          <span class="goal-actual">{f(goal.actual)}</span>
          <span class="muted"> of {f(goal.target)}</span>
        </div>
      </div>
      <div
        class="goal-bar"
        role="img"
        aria-label={`attainment ${pct === null ? 'unknown' : `${Math.round((goal.attainment ?? 0) * 100)}%`} of pace`}
      >
        <div class="goal-fill" style={{ width: `${((pct ?? 0) / 1.5) * 100}%` }} />
        <div class="goal-pace" style={{ left: `${(1 / 1.5) * 100}%` }} title="pace" />
      </div>
      <dl class="goal-meta">
        <div>
          <dt>Pace today</dt>
          <dd>{f(goal.pace)}</dd>
        </div>
        <div>
          <dt>Attainment</dt>
          <dd>{goal.attainment === null ? '–' : `${Math.round(goal.attainment * 100)}%`}</dd>
        </div>
        <div>
          <dt>Month-end projection</dt>
          <dd>
            {f(goal.projection)}
            {goal.projection_low !== null && goal.projection_high !== null && (
              <span class="muted range">
                {' '}
                80%: {f(goal.projection_low)} – {f(goal.projection_high)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Projected</dt>
          <dd>
            <StatusBadge status={goal.projected_status} />
          </dd>
        </div>
      </dl>
    </article>
  );
}
