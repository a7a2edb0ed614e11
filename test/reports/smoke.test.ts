import { expect, test } from 'vitest';
import { scratch } from '../helpers/store.js';
import { CALLS, DISPOSITIONS, FIXTURE_TZ } from '../helpers/fixture.js';
import { runReport } from '../../src/reports/run.js';

test('smoke', async () => {
  const s = await scratch();
  console.log(await s.load('dispositions', 'd.csv', DISPOSITIONS));
  console.log(await s.load('calls', 'c.csv', CALLS, { timezone: FIXTURE_TZ }));
  const r = await runReport(s.store, 'funnel', {
    from: '2026-03-02',
    to: '2026-03-02',
    timezone: FIXTURE_TZ,
  });
  console.log(JSON.stringify(r, null, 1));
  expect(r.rows.length).toBe(2);
  await s.done();
});
