import { Hono } from 'hono';
import { usageError } from '../../errors.js';
import type { Identity } from '../../settings/tokens.js';
import type { DuckStore } from '../../storage/duckdb/connection.js';
import type { Env } from '../env.js';
import { dimensionQuery, query } from '../params.js';
import { cachedJson } from './answer.js';

// The values a filter list offers: what the settings name plus what the data holds (an agent or a
// campaign seen only in calls still needs to be choosable). Read from the settings tables and the
// coarse rollups, never from the raw calls, so the lists stay instant on a large database.

type Value = { value: string; label: string };

const SQL: Record<string, string> = {
  campaign: `SELECT v AS value, coalesce(max(label), v) AS label FROM (
      SELECT campaign AS v, name AS label FROM campaigns
      UNION ALL SELECT DISTINCT campaign, NULL FROM call_rollup_coarse) t
    WHERE v <> '' GROUP BY v ORDER BY v`,
  list: `SELECT v AS value, coalesce(max(label), v) AS label FROM (
      SELECT list AS v, name AS label FROM lists
      UNION ALL SELECT DISTINCT list, NULL FROM call_rollup_coarse) t
    WHERE v <> '' GROUP BY v ORDER BY v`,
  team: `SELECT DISTINCT team AS value, team AS label FROM agents WHERE coalesce(team, '') <> '' ORDER BY team`,
  agent: `SELECT v AS value, coalesce(max(label), v) AS label FROM (
      SELECT agent AS v, name AS label FROM agents
      UNION ALL SELECT DISTINCT agent, NULL FROM agent_time_hourly) t
    WHERE v <> '' GROUP BY v ORDER BY v`,
};

async function values(store: DuckStore, dim: string, id: Identity): Promise<Value[]> {
  if (id.role === 'agent' && dim === 'agent') {
    const row = await store.one<{ name: string | null }>(`SELECT name FROM agents WHERE agent = $1`, [
      id.agent!,
    ]);
    return [{ value: id.agent!, label: row?.name ?? id.agent! }];
  }
  if (id.role === 'agent' && dim === 'team')
    return store.all<Value>(
      `SELECT team AS value, team AS label FROM agents WHERE agent = $1 AND coalesce(team, '') <> ''`,
      [id.agent!],
    );
  return store.all<Value>(SQL[dim]!);
}

export function dimensionRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/dimensions/:dim', async (c) => {
    query(c, dimensionQuery);
    const dim = c.req.param('dim');
    if (!Object.hasOwn(SQL, dim))
      throw usageError(`dimension ${dim}: lists exist for ${Object.keys(SQL).join(', ')}`);
    const state = c.get('state');
    const id = c.get('identity');
    return cachedJson(c, async () => ({
      dimension: dim,
      values: await state.serial((s) => values(s, dim, id)),
    }));
  });
  return app;
}
