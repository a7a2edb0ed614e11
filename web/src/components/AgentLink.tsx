import { carriedQuery } from '../filters';
import { agentLabel, useAgentNames } from '../names';
import { linkClick } from '../router';

/** An agent id that opens the agent's drill-down, keeping the period and zone of the view. */
export function AgentLink({ id }: { id: string }) {
  const names = useAgentNames();
  if (!id) return <span class="muted">(none)</span>;
  const q = new URLSearchParams(carriedQuery(new URLSearchParams(window.location.search)));
  q.delete('agent');
  const s = q.toString();
  const href = `/agents/${encodeURIComponent(id)}${s ? `?${s}` : ''}`;
  return (
    <a
      href={href}
      data-agent-link={id}
      onClick={(e) => {
        e.stopPropagation();
        linkClick(e, href);
      }}
    >
      {agentLabel(id, names)}
    </a>
  );
}
