import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { Forbidden } from './components/Forbidden';
import { allowed, itemOf } from './nav';
import { Agent } from './pages/Agent';
import { Agents } from './pages/Agents';
import { Compliance } from './pages/Compliance';
import { Executive } from './pages/Executive';
import { Funnel } from './pages/Funnel';
import { Live } from './pages/Live';
import { NotFound } from './pages/NotFound';
import { Quality } from './pages/Quality';
import { Roi } from './pages/Roi';
import { Service } from './pages/Service';
import { Settings } from './pages/Settings';
import { navigate, useLocation } from './router';
import { useSession } from './session';

const PAGES: Record<string, () => JSX.Element> = {
  executive: Executive,
  roi: Roi,
  funnel: Funnel,
  agents: Agents,
  service: Service,
  quality: Quality,
  compliance: Compliance,
  live: Live,
  settings: Settings,
};

/** Path → page, with the role rules: an agent's Agents page is their own drill-down. */
export function Routes() {
  const loc = useLocation();
  const { session } = useSession();
  const item = itemOf(loc.path);
  const own = session.role === 'agent' && session.agent;
  const redirect =
    own && loc.path === '/agents'
      ? `/agents/${encodeURIComponent(own)}${loc.query.size ? `?${loc.query}` : ''}`
      : null;
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  if (redirect) return null;
  if (!item) return <NotFound />;
  if (!allowed(item, session)) return <Forbidden page={item.page} label={item.label} />;
  const agentPath = /^\/agents\/(.+)$/.exec(loc.path);
  if (agentPath) return <Agent id={decodeURIComponent(agentPath[1]!)} />;
  const Page = PAGES[item.page]!;
  return <Page />;
}
