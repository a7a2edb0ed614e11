import { isoUtc, localDayBase } from './calendar.js';
import { GENERIC_DISPOSITIONS, SIM_CAMPAIGN_DISPOSITIONS, VICIDIAL_DISPOSITIONS } from './dispositions.js';
import { commissionRows, financeRows, goalRows } from './finance.js';
import { planDay, scheduleRows } from './plan.js';
import { money } from './rows.js';
import type { Row, SimTables } from './types.js';
import type { World } from './world.js';

// The small tables: everything except the per-day streams.

export function setupTables(world: World): SimTables {
  return {
    agents: world.agents.map((a) => ({
      agent: a.id,
      name: a.name,
      team: a.team,
      site: a.site,
      hired_on: a.hiredOn,
      active: a.leftOn === null ? '1' : '0',
    })),
    campaigns: world.campaigns.map((c) => ({
      campaign: c.id,
      name: c.name,
      direction: c.direction,
      timezone: world.timezone,
      started_on: c.startedOn,
      drop_group: c.dropGroup,
    })),
    lists: world.lists.map((l) => ({
      list: l.id,
      campaign: l.campaign,
      name: l.name,
      loaded_on: l.loadedOn,
      leads: String(l.leads),
      cost: money(l.cost),
    })),
    dispositions: [...VICIDIAL_DISPOSITIONS, ...GENERIC_DISPOSITIONS, ...SIM_CAMPAIGN_DISPOSITIONS].map(
      (r) => ({ ...r }),
    ),
    finance: financeRows(world),
    commissions: commissionRows(world),
    goals: goalRows(world),
    schedules: world.dates.flatMap((_, i) => scheduleRows(planDay(world, i))),
    annotations: annotationRows(world),
  };
}

function annotationRows(world: World): Row[] {
  const rows: { at: number; row: Row }[] = [];
  const add = (date: string, hour: number, campaign: string, kind: string, label: string): void => {
    if (date < world.start || date >= world.end) return;
    const at = localDayBase(date, world.timezone) + hour * 3600;
    rows.push({ at, row: { at: isoUtc(at), campaign, kind, label } });
  };
  for (const l of world.lists) {
    add(l.loadedOn, 7.5, l.campaign, 'list', `List ${l.id} loaded: ${l.name} (${l.leads} leads)`);
  }
  if (world.hires > 0) {
    const names = world.agents.slice(-world.hires).map((a) => a.id);
    add(world.hireDate, 8, '', 'staffing', `${world.hires} new agents start: ${names.join(', ')}`);
  }
  for (const a of world.agents)
    if (a.leftOn) add(a.leftOn, 8, '', 'staffing', `Agent ${a.id} left the floor`);
  const sc = world.scriptChange;
  add(sc.date, 8, sc.campaign, 'script', `New ${sc.campaign} opener script`);
  add(world.financeChange, 0, 'DEBT', 'other', 'DEBT price and commission plan change');
  add(world.financeChange, 13.5, 'SOLAR', 'other', 'SOLAR price rise and pay rise from 13:30');
  for (const d of world.hotDays) add(d, 8, 'DEBT', 'other', 'DEBT dial level raised');
  return rows.sort((a, b) => a.at - b.at).map((r) => r.row);
}
