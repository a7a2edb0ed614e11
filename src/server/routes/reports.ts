import { Hono } from 'hono';
import { CallkpiError, usageError } from '../../errors.js';
import { REPORTS } from '../../reports/definitions.js';
import { agentDrilldown } from '../../reports/drilldown.js';
import { runExecutive } from '../../reports/executive.js';
import { toCsv } from '../../reports/format.js';
import { runGoals } from '../../reports/goals.js';
import { callRows } from '../../reports/rows.js';
import { runReport } from '../../reports/run.js';
import { runStaffing, STAFFING_DEFAULTS } from '../../reports/staffing.js';
import type { Identity } from '../../settings/tokens.js';
import type { DuckStore } from '../../storage/duckdb/connection.js';
import type { Env } from '../env.js';
import {
  drilldownQuery,
  list,
  query,
  reportQuery,
  rowsQuery,
  scopeWhere,
  whereOf,
  type ReportQuery,
} from '../params.js';
import { cachedJson, computeInto } from './answer.js';
import { cacheKey } from '../cache.js';
import type { ServerState } from '../state.js';

export const REPORT_NAMES = [...REPORTS.map((r) => r.name), 'goals', 'executive', 'staffing'];
/** What an agent token may open: reports of their own work, filtered to them. */
const AGENT_REPORTS = new Set(['funnel', 'agents', 'roi', 'quality', 'tickets', 'workforce', 'goals']);

type Answer = { readonly rows: readonly object[] };

async function answer(
  store: DuckStore,
  id: Identity,
  name: string,
  q: ReportQuery,
  now: Date,
): Promise<Answer> {
  if (id.role === 'agent' && !AGENT_REPORTS.has(name))
    throw new CallkpiError('forbidden', `an agent token may open only: ${[...AGENT_REPORTS].join(', ')}`);
  const where = scopeWhere(id, whereOf(q.where));
  const period = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  const zone = q.timezone ? { timezone: q.timezone } : {};
  if (name === 'goals') {
    const r = await runGoals(store, {
      now,
      ...(q.period ? { period: q.period } : {}),
      ...zone,
      ...(q.scope ? { scope: q.scope } : {}),
    });
    if (id.role !== 'agent') return r;
    // Goals carry no filters: an agent keeps only the goals set on their own name.
    const mine = (s: string): boolean => s === id.agent || s === `agent:${id.agent}`;
    return { ...r, rows: r.rows.filter((g) => g.scope_kind === 'agent' && mine(g.scope)) };
  }
  if (name === 'executive') return runExecutive(store, { now, ...(q.period ? { period: q.period } : {}) });
  if (name === 'staffing') {
    const asa = q.asa_target;
    const D = STAFFING_DEFAULTS;
    const slTarget = q.sl_target ?? (asa === undefined ? D.slTarget : undefined);
    return runStaffing(store, {
      ...period,
      ...zone,
      now,
      ...(where.campaign ? { campaign: where.campaign } : {}),
      ...(slTarget !== undefined ? { slTarget } : {}),
      slSec: q.sl_threshold ?? D.slSec,
      ...(asa !== undefined ? { asaTargetSec: asa } : {}),
      maxOccupancy: q.max_occupancy ?? D.maxOccupancy,
      shrinkage: q.shrinkage ?? D.shrinkage,
      ...(q.patience !== undefined ? { patienceSec: q.patience } : {}),
    });
  }
  if (!REPORT_NAMES.includes(name))
    throw usageError(`unknown report "${name}" (available: ${REPORT_NAMES.join(', ')})`);
  return runReport(store, name, {
    ...period,
    ...zone,
    now,
    where,
    ...(q.by ? { by: list(q.by) } : {}),
    ...(q.metrics ? { metrics: list(q.metrics) } : {}),
    ...(q.sl_threshold !== undefined ? { slThresholdSec: q.sl_threshold } : {}),
    ...(q.short_abandon !== undefined ? { shortAbandonSec: q.short_abandon } : {}),
    ...(q.raw === '1' || q.raw === 'true' ? { forceRaw: true } : {}),
    ...(q.forecast ? { forecastDays: q.forecast } : {}),
  });
}

const fileName = (s: string): string => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

export function reportRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/reports/:file', async (c) => {
    const file = c.req.param('file');
    const csv = file.endsWith('.csv');
    const name = csv ? file.slice(0, -4) : file;
    const q = query(c, reportQuery);
    const state = c.get('state');
    const id = c.get('identity');
    if (csv)
      c.header(
        'content-disposition',
        `attachment; filename="${fileName(`${name}-${q.from ?? ''}-${q.to ?? q.period ?? ''}`)}.csv"`,
      );
    return cachedJson(c, async () => {
      const r = await state.serial((s) => answer(s, id, name, q, state.now()));
      return csv ? toCsv(r.rows as unknown as Record<string, unknown>[]) : r;
    });
  });
  app.get('/agents/:agent', async (c) => {
    const q = query(c, drilldownQuery);
    const state = c.get('state');
    const id = c.get('identity');
    const agent = c.req.param('agent');
    scopeWhere(id, { agent: [agent] });
    return cachedJson(c, () => state.serial((s) => agentDrilldown(s, agent, { ...q, now: state.now() })));
  });
  app.get('/rows', async (c) => {
    const q = query(c, rowsQuery);
    const state = c.get('state');
    const where = scopeWhere(c.get('identity'), whereOf(q.where));
    const page = await state.serial((s) =>
      callRows(s, {
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.timezone ? { timezone: q.timezone } : {}),
        where,
        ...(q.page ? { page: q.page } : {}),
        ...(q.page_size ? { pageSize: q.page_size } : {}),
        now: state.now(),
      }),
    );
    return c.json(page);
  });
  return app;
}

const EVERYONE: Identity = { role: 'supervisor', agent: null, tokenId: null };

/**
 * Computes the first page everyone opens (the executive overview of the current month) ahead of the
 * first viewer: on a large database that answer takes seconds, and the page should not.
 */
export async function warmDefaults(state: ServerState): Promise<void> {
  const key = cacheKey('all', '/api/v1/reports/executive', []);
  await computeInto(state, key, () => state.serial((s) => answer(s, EVERYONE, 'executive', {}, state.now())));
}
