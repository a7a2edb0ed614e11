import { createContext } from 'preact';

// A page is ready for a test (data-ready="true") once its data is in and every chart on it has
// drawn (ECharts 'finished'). Charts report here; the page sets the attribute itself, outside the
// render, so a chart that mounts in the same commit as the data can never let "true" slip out early.

export interface ReadyTracker {
  begin(id: string): void;
  end(id: string): void;
}

export const ReadyContext = createContext<ReadyTracker>({ begin: () => undefined, end: () => undefined });
