import { carriedQuery } from '../filters';
import { allowed, itemOf, NAV } from '../nav';
import { linkClick, useLocation } from '../router';
import { useSession } from '../session';

/** The page list, limited to what the role may open; links carry the filters along. */
export function Sidebar() {
  const { session } = useSession();
  const loc = useLocation();
  const active = itemOf(loc.path);
  const keep = carriedQuery(loc.query);
  const agent = session.role === 'agent';
  return (
    <nav class="sidebar" aria-label="Pages">
      <a class="brand" href={`/${keep}`} onClick={(e) => linkClick(e, `/${keep}`)}>
        <span class="brand-mark" aria-hidden="true">
          ◢
        </span>
        callkpi
      </a>
      <ul>
        {NAV.filter((n) => allowed(n, session)).map((n) => {
          const path =
            agent && n.page === 'agents' && session.agent
              ? `/agents/${encodeURIComponent(session.agent)}`
              : n.path;
          const href = `${path}${keep}`;
          return (
            <li key={n.path}>
              <a
                href={href}
                data-nav={n.page}
                class={active === n ? 'active' : undefined}
                aria-current={active === n ? 'page' : undefined}
                onClick={(e) => linkClick(e, href)}
              >
                <span class="nav-icon" aria-hidden="true">
                  {n.icon}
                </span>
                <span class="nav-label">{agent && n.agentLabel ? n.agentLabel : n.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
