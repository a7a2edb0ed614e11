import { Hono } from 'hono';
import { CallkpiError, usageError } from '../../errors.js';
import { DISPOSITION_FLAGS } from '../../ingest/records.js';
import { commissionHistory, financeHistory, financeInForce } from '../../settings/finance.js';
import { appendRecords, SETTING_TYPES, type SettingType } from '../../settings/records.js';
import type { DuckStore } from '../../storage/duckdb/connection.js';
import { allow } from '../auth.js';
import type { Env } from '../env.js';
import { body, financeQuery, query, recordsBody } from '../params.js';

// Installation settings, read by supervisors and admins, appended by admins. History is never
// rewritten: finance versions and disposition changes are kept, so older figures stay explained.

const FLAGS = DISPOSITION_FLAGS.join(', ');

async function read(
  store: DuckStore,
  kind: SettingType,
  campaign: string | undefined,
  now: Date,
): Promise<unknown> {
  switch (kind) {
    case 'finance':
      return {
        history: await financeHistory(store, campaign ? { campaign } : {}),
        commissions: await commissionHistory(store),
        in_force: await financeInForce(store, now),
      };
    case 'dispositions':
      return {
        rows: await store.all(
          `SELECT code, campaign, label, ${FLAGS} FROM dispositions ORDER BY campaign, code`,
        ),
      };
    case 'goals':
      return {
        rows: await store.all(
          `SELECT scope, period, metric, target, amber_at, red_at FROM goals ORDER BY period DESC, scope, metric`,
        ),
      };
    case 'campaigns':
      return {
        rows: await store.all(
          `SELECT campaign, name, direction, timezone, CAST(started_on AS VARCHAR) AS started_on, drop_group
           FROM campaigns ORDER BY campaign`,
        ),
      };
  }
}

function kindOf(raw: string): SettingType {
  if (!(SETTING_TYPES as readonly string[]).includes(raw))
    throw usageError(`settings ${raw}: one of ${SETTING_TYPES.join(', ')}`);
  return raw as SettingType;
}

export function settingsRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/settings/:kind', allow('admin', 'supervisor'), async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const { campaign } = query(c, financeQuery);
    const state = c.get('state');
    return c.json({ kind, ...((await state.serial((s) => read(s, kind, campaign, state.now()))) as object) });
  });
  app.post('/settings/:kind', allow('admin'), async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const { records } = await body(c, recordsBody);
    const state = c.get('state');
    const summary = await state.serial((s) => appendRecords(s, kind, records));
    if (summary.accepted || summary.updated) state.changed();
    if (summary.rejected)
      throw new CallkpiError(
        'bad_input',
        `${summary.rejected} of ${records.length} ${kind} records rejected` +
          (summary.rejected < records.length ? '; the others were stored' : ''),
        summary,
      );
    return c.json(summary);
  });
  return app;
}
