import type { Session } from './types';

// The pages of the dashboard and who may open them (docs/api.md "Authentication and roles"):
// agents get the reports filtered to themselves (funnel, roi, quality), their own drill-down and
// their goals; service, staffing, settings and the executive money view are not theirs.

export type Role = NonNullable<Session['role']>;

export interface NavItem {
  path: string;
  page: string;
  label: string;
  /** a short glyph for the sidebar; text so it survives any font */
  icon: string;
  roles: readonly Role[];
  /** the label an agent sees, when the page shows them something narrower */
  agentLabel?: string;
}

const ALL: readonly Role[] = ['admin', 'supervisor', 'agent'];
const STAFF: readonly Role[] = ['admin', 'supervisor'];

export const NAV: readonly NavItem[] = [
  {
    path: '/executive',
    page: 'executive',
    label: 'Executive',
    icon: '◆',
    roles: ALL,
    agentLabel: 'My goals',
  },
  { path: '/roi', page: 'roi', label: 'ROI', icon: '$', roles: ALL },
  { path: '/funnel', page: 'funnel', label: 'Funnel', icon: '▽', roles: ALL },
  { path: '/agents', page: 'agents', label: 'Agents', icon: '☺', roles: ALL, agentLabel: 'My performance' },
  { path: '/service', page: 'service', label: 'Service', icon: '☎', roles: STAFF },
  { path: '/quality', page: 'quality', label: 'Quality', icon: '★', roles: ALL },
  { path: '/compliance', page: 'compliance', label: 'Compliance', icon: '⚖', roles: STAFF },
  { path: '/live', page: 'live', label: 'Live wallboard', icon: '◉', roles: STAFF },
  { path: '/settings', page: 'settings', label: 'Settings', icon: '⚙', roles: STAFF },
];

export function allowed(item: NavItem, s: Session): boolean {
  return s.role !== null && item.roles.includes(s.role);
}

/** The nav item a path belongs to (`/` is Executive, `/agents/7` is Agents). */
export function itemOf(path: string): NavItem | undefined {
  if (path === '/' || path === '') return NAV[0];
  return NAV.find((n) => path === n.path || path.startsWith(`${n.path}/`));
}
