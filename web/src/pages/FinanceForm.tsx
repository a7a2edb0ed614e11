import { useAppend } from '../append';
import { AppendResult } from '../components/AppendResult';

// A finance version (spec/inputs.md "finance"): empty fields are left out, so the value in force
// carries on. effective_from empty means now.
const FIELDS = [
  ['campaign', 'Campaign (* = default)', 'text', '*'],
  ['effective_from', 'Effective from', 'datetime-local', ''],
  ['revenue_per_sale', 'Revenue per sale', 'number', ''],
  ['cost_per_call', 'Cost per call', 'number', ''],
  ['cost_per_agent_hour', 'Cost per agent hour', 'number', ''],
  ['currency', 'Currency (ISO)', 'text', ''],
  ['commission', 'Commission plan', 'text', ''],
] as const;

export function FinanceForm({ onSaved }: { onSaved: () => void }) {
  const { state, submit } = useAppend('finance', onSaved);
  return (
    <form
      class="card form-card"
      data-form="finance"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const rec: Record<string, unknown> = {};
        for (const [k, , type] of FIELDS) {
          const v = String(data.get(k) ?? '').trim();
          if (v) rec[k] = type === 'number' ? Number(v) : v;
        }
        void submit([rec]);
      }}
    >
      <h2>Append a finance version</h2>
      <div class="form-grid">
        {FIELDS.map(([k, label, type, def]) => (
          <label key={k}>
            <span>{label}</span>
            <input
              name={k}
              type={type as 'text'}
              step={type === 'number' ? 'any' : undefined}
              defaultValue={def}
              placeholder={
                k === 'commission' ? 'none, flat:5, percent:0.1…' : k === 'effective_from' ? 'now' : ''
              }
            />
          </label>
        ))}
      </div>
      <div class="form-foot">
        <button type="submit" class="btn" data-action="append-finance" disabled={state.status === 'saving'}>
          {state.status === 'saving' ? 'Saving…' : 'Append version'}
        </button>
        <AppendResult state={state} />
      </div>
    </form>
  );
}
