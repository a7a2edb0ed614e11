import { useState } from 'preact/hooks';
import { apiSend, ApiError } from './api';

// POST /settings/{kind} { records }: the import summary on success, or a 400 whose body names each
// rejected record's reason. The server's exact reject shape is read loosely (any list of objects
// with a reason under `error`), so the reasons show whatever the field is called.

export interface Reject {
  where: string;
  reason: string;
}

export type AppendState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; summary: unknown }
  | { status: 'failed'; message: string; rejects: Reject[] };

export function rejectsOf(body: unknown): Reject[] {
  const found: Reject[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (item && typeof item === 'object' && 'reason' in item) {
          const o = item as Record<string, unknown>;
          const at =
            o.line !== undefined && o.line !== null
              ? `line ${String(o.line)}`
              : `record ${typeof o.index === 'number' ? o.index + 1 : i + 1}`;
          found.push({ where: `${at}${o.field ? ` (${String(o.field)})` : ''}`, reason: String(o.reason) });
        } else visit(item, depth + 1);
      });
      return;
    }
    for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(body, 0);
  return found;
}

export function useAppend(kind: string, onSaved: () => void) {
  const [state, setState] = useState<AppendState>({ status: 'idle' });
  const submit = async (records: Record<string, unknown>[]): Promise<void> => {
    setState({ status: 'saving' });
    try {
      const summary = await apiSend('POST', `/settings/${kind}`, { records });
      setState({ status: 'saved', summary });
      onSaved();
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      setState({
        status: 'failed',
        message: err?.message ?? String(e),
        rejects: err ? rejectsOf(err.body) : [],
      });
    }
  };
  return { state, submit };
}
