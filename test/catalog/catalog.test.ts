import { expect, test } from 'vitest';
import { buildCatalog, catalog } from '../../src/catalog/index.js';
import { MEASURES } from '../../src/catalog/measures.js';
import { METRICS } from '../../src/catalog/metrics.js';

test('the shipped catalog validates and holds every metric of the sections in scope', () => {
  const ids = new Set(catalog().metrics.map((m) => m.id));
  for (const id of [
    'dials',
    'leads_dialed',
    'answered',
    'human_answered',
    'machines',
    'drops',
    'contacts',
    'leads_contacted',
    'conversations',
    'wins',
    'leads_won',
    'dnc',
    'unknown_status_calls',
    'answer_rate',
    'contact_rate',
    'lead_contact_rate',
    'conversion_rate',
    'conversion_rate_leads',
    'conversion_rate_dials',
    'close_rate',
    'drop_rate',
    'drop_rate_of_dials',
    'dials_per_win',
    'list_penetration',
    'offered',
    'handled',
    'abandoned',
    'short_abandons',
    'abandon_rate',
    'abandon_rate_excl_short',
    'inbound_answer_rate',
    'asa_sec',
    'service_level',
    'sl_answered_only',
    'sl_all_offered',
    'sl_abandon_credit',
    'sl_ignore_early_abandons',
    'handled_calls',
    'handle_sec',
    'aht_sec',
    'avg_talk_sec',
    'avg_hold_sec',
    'avg_wrap_sec',
    'hold_rate',
    'login_sec',
    'available_sec',
    'state_talk_sec',
    'state_hold_sec',
    'state_wrap_sec',
    'pause_sec',
    'occupancy',
    'utilization',
    'calls_per_hour',
    'wins_per_hour',
    'agents_worked',
  ])
    expect(ids.has(id), id).toBe(true);
});

test('validation reports every problem at once, each with its entry', () => {
  const bad = [
    ...METRICS,
    {
      id: 'broken',
      label: 'B',
      unit: 'ratio',
      direction: 'higher',
      section: 'x',
      description: 'x',
      ratio: { num: ['nope'], den: ['dials'] },
    },
    {
      id: 'dials',
      label: 'D',
      unit: 'count',
      direction: 'higher',
      section: 'x',
      description: 'x',
      measure: 'dials',
    },
  ];
  const measures = [
    ...MEASURES,
    {
      id: 'weird',
      source: 'calls',
      agg: 'sum',
      of: ['no_counter'],
      where: ['flag:purple'],
      description: 'x',
    },
  ];
  expect(() => buildCatalog(measures, bad)).toThrow(
    /measure weird: unknown rollup counter "no_counter"[\s\S]*measure weird: unknown condition "flag:purple"[\s\S]*metric broken: unknown measure "nope"[\s\S]*metric dials: duplicate id/,
  );
});

test('a ratio is Σnum ÷ Σden; zero or unknown denominators give null', () => {
  const c = catalog();
  expect(
    c.evaluate(c.metric('abandon_rate_excl_short'), { abandoned: 60, short_abandons: 10, offered: 1060 }),
  ).toBe(50 / 1050);
  expect(c.evaluate(c.metric('answer_rate'), { answered: 3, dials: 0 })).toBeNull();
  expect(c.evaluate(c.metric('calls_per_hour'), { handled_calls: 9, login_sec: 7200 })).toBe(4.5);
  expect(
    c.evaluate(
      c.metric('conversion_rate'),
      { outbound_wins: 2, dials: 8, contacts: 4 },
      { conversion_rate: 'dials' },
    ),
  ).toBe(0.25);
  expect(() => c.metric('answr_rate')).toThrow(/unknown metric "answr_rate"/);
  expect(c.formula(c.metric('service_level'))).toBe(
    'handled_within_t ÷ (handled + abandoned − short_abandons)',
  );
});
