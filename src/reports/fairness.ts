import { runQuery, type Engine, type QueryRequest } from '../query/plan.js';

// Fresh lists and high-value campaigns flatter whoever works them. The performance index compares
// an agent with the floor on the same leads (metrics.md "Fair comparison of agents"):
// expected_wins = Σ over the (campaign, list) cells the agent worked of the agent's contacts there
// × the cell's conversion (wins ÷ contacts) for everyone; performance_index = wins ÷ expected_wins.

export interface AgentFairness {
  readonly expected_wins: number;
  readonly performance_index: number | null;
}

export async function performanceIndex(
  engine: Engine,
  req: QueryRequest,
): Promise<Map<string, AgentFairness>> {
  // The floor of a list is everyone who worked it, whichever agents the report shows: a report
  // filtered to one agent or team (an agent's own page) must still compare them with the whole floor.
  const { agent: _a, team: _t, site: _s, ...floorWhere } = req.where;
  const cells = await runQuery(engine, {
    ...req,
    where: floorWhere,
    metrics: ['contacts', 'outbound_wins'],
    by: ['agent', 'campaign', 'list'],
    direction: 'outbound',
  });
  const floor = new Map<string, { contacts: number; wins: number }>();
  const key = (r: Record<string, unknown>): string => JSON.stringify([r.campaign, r.list]);
  for (const r of cells.rows) {
    const f = floor.get(key(r)) ?? { contacts: 0, wins: 0 };
    f.contacts += Number(r.contacts ?? 0);
    f.wins += Number(r.outbound_wins ?? 0);
    floor.set(key(r), f);
  }
  const perAgent = new Map<string, { expected: number; wins: number }>();
  for (const r of cells.rows) {
    const agent = String(r.agent ?? '');
    if (!agent) continue;
    const f = floor.get(key(r))!;
    const a = perAgent.get(agent) ?? { expected: 0, wins: 0 };
    if (f.contacts > 0) a.expected += (Number(r.contacts ?? 0) * f.wins) / f.contacts;
    a.wins += Number(r.outbound_wins ?? 0);
    perAgent.set(agent, a);
  }
  return new Map(
    [...perAgent].map(([agent, a]) => [
      agent,
      { expected_wins: a.expected, performance_index: a.expected > 0 ? a.wins / a.expected : null },
    ]),
  );
}
