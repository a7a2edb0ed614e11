import { expect, test } from 'vitest';
import { applySetting, showSettings } from '../../src/cli/settings.js';
import { runReport } from '../../src/reports/run.js';
import { CALLS, DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { scratch } from '../helpers/store.js';

test('installation settings change definitions, and a new threshold rebuilds the rollups', async () => {
  const s = await scratch();
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('calls', 'c.csv', CALLS, { timezone: FIXTURE_TZ });
  const day = { from: '2026-03-02', to: '2026-03-02', timezone: FIXTURE_TZ, by: [] };

  await applySetting(s.store, 'conversion_denominator', 'dials');
  const f = await runReport(s.store, 'funnel', { ...day, metrics: ['conversion_rate'] });
  expect(f.totals.conversion_rate).toBe(2 / 8); // outbound wins ÷ dials
  expect(f.definitions.conversion_rate).toContain('denominator: dials');

  // T = 30 s: i2 (wait 25) is now within T, and the rollup answers with the new counts.
  await applySetting(s.store, 'sl_threshold_sec', '30');
  const r = await runReport(s.store, 'service', { ...day, metrics: ['sl_answered_only'] });
  expect(r.totals.sl_answered_only).toBe(1);
  expect(r.meta.sources).toEqual({ calls: 'rollup' });
  expect(await showSettings(s.store)).toMatchObject({
    sl_threshold_sec: 30,
    short_abandon_sec: 5,
    conversion_denominator: 'dials',
  });
  await expect(applySetting(s.store, 'conversion_denominator', 'vibes')).rejects.toThrow(
    /one of contacts, leads, dials, conversations/,
  );
  await s.done();
});
