import { useState } from 'preact/hooks';
import { useAppend } from '../append';
import { labelOf, unitOf, useCatalog } from '../catalog';
import { AppendResult } from '../components/AppendResult';

// A monthly goal (spec/inputs.md "goals"). Ratios are typed as percents and stored as fractions,
// as amber_at/red_at (fractions of pace) are.
export function GoalForm({ onSaved }: { onSaved: () => void }) {
  const cat = useCatalog();
  const { state, submit } = useAppend('goals', onSaved);
  const [metric, setMetric] = useState('revenue');
  const unit = unitOf(metric, cat);
  const pct = (v: string): number | undefined => (v === '' ? undefined : Number(v) / 100);
  return (
    <form
      class="card form-card"
      data-form="goals"
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        const s = (k: string): string => String(d.get(k) ?? '').trim();
        const target =
          unit === 'ratio' ? pct(s('target')) : s('target') === '' ? undefined : Number(s('target'));
        const rec: Record<string, unknown> = {
          scope: s('scope'),
          period: s('period'),
          metric: s('metric'),
          target,
        };
        if (s('amber_at')) rec.amber_at = pct(s('amber_at'));
        if (s('red_at')) rec.red_at = pct(s('red_at'));
        void submit([rec]);
      }}
    >
      <h2>Set a goal</h2>
      <div class="form-grid">
        <label>
          <span>Scope</span>
          <input name="scope" defaultValue="*" placeholder="*, campaign:X, team:X, agent:X" />
        </label>
        <label>
          <span>Month</span>
          <input name="period" type="month" defaultValue={new Date().toISOString().slice(0, 7)} />
        </label>
        <label>
          <span>Metric</span>
          <select name="metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
            {[...cat.values()].map((m) => (
              <option key={m.id} value={m.id}>
                {labelOf(m.id, cat)}
              </option>
            ))}
            {!cat.size && <option value="revenue">revenue</option>}
          </select>
        </label>
        <label>
          <span>
            Target{' '}
            {unit === 'ratio' ? '(%)' : unit === 'seconds' ? '(seconds)' : unit === 'money' ? '(amount)' : ''}
          </span>
          <input name="target" type="number" step="any" required />
        </label>
        <label>
          <span>Amber below (% of pace)</span>
          <input name="amber_at" type="number" step="any" placeholder="90" />
        </label>
        <label>
          <span>Red below (% of pace)</span>
          <input name="red_at" type="number" step="any" placeholder="75" />
        </label>
      </div>
      <div class="form-foot">
        <button type="submit" class="btn" data-action="append-goal" disabled={state.status === 'saving'}>
          {state.status === 'saving' ? 'Saving…' : 'Set goal'}
        </button>
        <AppendResult state={state} />
      </div>
    </form>
  );
}
