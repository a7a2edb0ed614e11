import { createContext } from 'preact';

// What a click on a chart point asks for: the call rows behind it. The page's filters (period, zone,
// where) are merged by the drill panel; `where` adds the point's own dimension values.

export interface DrillRequest {
  title: string;
  from: string;
  to: string;
  timezone: string;
  where: Record<string, string>;
}

export const DrillContext = createContext<(req: DrillRequest) => void>(() => undefined);
