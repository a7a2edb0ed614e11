import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DrillContext, type DrillRequest } from '../drill';
import { ReadyContext, type ReadyTracker } from '../ready';
import { DrillPanel } from './DrillPanel';

export type PageState = 'loading' | 'empty' | 'error' | 'ready';

interface Props {
  name: string;
  state: PageState;
  title: string;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
}

/** The root of every page: test hooks (data-page, data-state, data-ready), title and drill panel. */
export function Page({ name, state, title, subtitle, actions, children }: Props) {
  const root = useRef<HTMLElement>(null);
  const pending = useRef(new Set<string>());
  const stateRef = useRef(state);
  stateRef.current = state;
  const [drill, setDrill] = useState<DrillRequest | null>(null);

  const sync = useCallback(() => {
    const el = root.current;
    if (!el) return;
    const s = stateRef.current;
    const ready = s === 'ready' && pending.current.size === 0;
    el.dataset.state = ready ? 'ready' : s === 'ready' ? 'loading' : s;
    if (ready) el.dataset.ready = 'true';
    else delete el.dataset.ready;
  }, []);

  const tracker = useMemo<ReadyTracker>(
    () => ({
      begin: (id) => {
        pending.current.add(id);
        sync();
      },
      end: (id) => {
        if (pending.current.delete(id)) queueMicrotask(sync);
      },
    }),
    [sync],
  );
  // Effects of the charts (children) run before this one: their begin() is in by now.
  useEffect(sync);
  useEffect(() => {
    document.title = `${title} · callkpi`;
  }, [title]);

  return (
    <ReadyContext.Provider value={tracker}>
      <DrillContext.Provider value={setDrill}>
        <section class="page" data-page={name} data-state="loading" ref={root}>
          <div class="page-head">
            <div>
              <h1>{title}</h1>
              {subtitle && <p class="page-sub">{subtitle}</p>}
            </div>
            {actions && <div class="page-actions">{actions}</div>}
          </div>
          {children}
        </section>
        {drill && <DrillPanel req={drill} onClose={() => setDrill(null)} />}
      </DrillContext.Provider>
    </ReadyContext.Provider>
  );
}
