import { addDays, dayOfWeek, isoUtc, localDayBase, monthOf } from './calendar.js';
import { money, price } from './rows.js';
import type { Row } from './types.js';
import type { World } from './world.js';

// Money settings and monthly goals of the simulated center.
//
// Commission plans use the syntax of spec/inputs.md:
//   none | flat:<amount per win> | percent:<fraction of revenue>
//   tiered:<brackets> | graduated:<brackets>
// where <brackets> is a comma-separated list of `from-to@rate` with amounts in the currency and rates
// as fractions, the last bracket open-ended as `from+@rate` (e.g. `tiered:0-100@0.10,100+@0.15`).
// tiered pays the whole revenue at the rate of the bracket it reaches; graduated pays each slice at
// its own rate (metrics.md has the test vectors).

interface Money {
  revenue: number;
  perCall: number;
  perHour: number;
  commission: string;
}

// Sized like a small outsourced floor: a fully loaded seat costs about 26 an hour and a sale pays
// the center tens, not hundreds, so margins are thin, and the support queue runs at a loss.
const DEFAULTS: Money = { revenue: 40, perCall: 0.012, perHour: 25, commission: 'none' };
const BY_CAMPAIGN: Readonly<Record<string, Money>> = {
  SOLAR: {
    revenue: 60,
    perCall: 0.012,
    perHour: 27,
    commission: 'tiered:0-3000@0.02,3000-6000@0.03,6000+@0.04',
  },
  INSURE: { revenue: 22, perCall: 0.012, perHour: 25.5, commission: 'flat:1' },
  DEBT: { revenue: 38, perCall: 0.008, perHour: 26, commission: 'percent:0.04' },
  SUPPORT: { revenue: 24, perCall: 0.03, perHour: 22, commission: 'none' },
};
/** DEBT from the middle of the period: better price, dearer carrier, a graduated plan. */
const DEBT_CHANGE: Money = {
  revenue: 41,
  perCall: 0.012,
  perHour: 26,
  commission: 'graduated:0-2000@0.03,2000+@0.05',
};

const midnight = (world: World, date: string): string => isoUtc(localDayBase(date, world.timezone));

const financeRow = (campaign: string, from: string, m: Money): Row => ({
  campaign,
  effective_from: from,
  revenue_per_sale: money(m.revenue),
  cost_per_call: price(m.perCall),
  cost_per_agent_hour: money(m.perHour),
  currency: 'USD',
  commission: m.commission,
});

export function financeRows(world: World): Row[] {
  const rows = [financeRow('*', midnight(world, addDays(world.start, -800)), DEFAULTS)];
  for (const c of world.campaigns) {
    const m = BY_CAMPAIGN[c.id];
    if (m) rows.push(financeRow(c.id, midnight(world, c.startedOn), m));
  }
  rows.push(financeRow('DEBT', midnight(world, world.financeChange), DEBT_CHANGE));
  // A change in the middle of a working day that sets only two fields: the rest carry over, and
  // the calls of that afternoon are valued at the new price, the morning's at the old one.
  const afternoon = isoUtc(localDayBase(world.financeChange, world.timezone) + 13.5 * 3600);
  rows.push({
    campaign: 'SOLAR',
    effective_from: afternoon,
    revenue_per_sale: money(65),
    cost_per_call: '',
    cost_per_agent_hour: money(28.5),
    currency: '',
    commission: '',
  });
  return rows;
}

/** Plans of one team and one agent that override their campaigns' plans. */
export function commissionRows(world: World): Row[] {
  const from = midnight(world, addDays(world.start, -30));
  const rows: Row[] = [
    { agent: '', team: 'Ravens', effective_from: from, commission: 'graduated:0-1500@0.02,1500+@0.04' },
  ];
  const lead = world.agents.find((a) => !a.inbound)?.id;
  if (lead) rows.push({ agent: lead, team: '', effective_from: from, commission: 'flat:1.5' });
  return rows;
}

// Measured on simulated runs (about 11 wins per rostered outbound seat and working day, worth about
// 700 on average, 950 on SOLAR) and set a little above, so the floor runs near pace, not far over it.
const WINS_PER_SEAT_DAY = 12;
const MEAN_WIN_VALUE = 40;
const SOLAR_WIN_VALUE = 62;

/** Goals for every month the simulation touches, sized from the roster so they are reachable. */
export function goalRows(world: World): Row[] {
  const months = [...new Set(world.dates.map(monthOf))];
  const seats = world.agents.filter((a) => !a.inbound).length;
  const solarSeats = world.agents.filter((a) => a.primary === 'SOLAR').length;
  const firstAgent = world.agents[0]?.id;
  const rows: Row[] = [];
  const goal = (
    scope: string,
    period: string,
    metric: string,
    target: number,
    amber = '',
    red = '',
  ): void => {
    rows.push({ scope, period, metric, target: String(target), amber_at: amber, red_at: red });
  };
  for (const period of months) {
    const workdays = daysOfMonth(period).filter((d) => dayOfWeek(d) !== 0).length;
    const revenue = Math.round((seats * workdays * WINS_PER_SEAT_DAY * MEAN_WIN_VALUE) / 1000) * 1000;
    goal('*', period, 'revenue', revenue);
    goal('*', period, 'conversion_rate', 0.11);
    goal('*', period, 'roi_pct', 0.6);
    goal(
      'SOLAR',
      period,
      'revenue',
      Math.round((solarSeats * workdays * WINS_PER_SEAT_DAY * SOLAR_WIN_VALUE) / 1000) * 1000,
    );
    goal('DEBT', period, 'drop_rate', 0.025, '0.95', '0.85');
    goal('SUPPORT', period, 'service_level', 0.8, '0.95', '0.85');
    goal('SUPPORT', period, 'asa_sec', 30);
    goal('Falcons', period, 'conversion_rate', 0.1);
    goal('Ravens', period, 'aht_sec', 330);
    if (firstAgent) goal(firstAgent, period, 'aht_sec', 150);
  }
  return rows;
}

function daysOfMonth(period: string): string[] {
  const out: string[] = [];
  for (let d = `${period}-01`; monthOf(d) === period; d = addDays(d, 1)) out.push(d);
  return out;
}
