import { expect, test } from 'vitest';
import { ensureBuiltinDispositions } from '../../src/ingest/builtins.js';
import { scratch } from '../helpers/store.js';

test('a new database gets VICIdial’s 50 default statuses and the generic codes, once', async () => {
  const s = await scratch();
  await ensureBuiltinDispositions(s.store);
  await ensureBuiltinDispositions(s.store);
  const n = await s.store.one<{ n: number }>(`SELECT count(*) AS n FROM dispositions`);
  expect(n?.n).toBe(50 + 8);
  // dialers.md: SALE is sale + human + completed; as a win it is also a contact and answered.
  const sale = await s.store.one(
    `SELECT answered, human, contact, win, completed, "drop" FROM dispositions WHERE code = 'SALE'`,
  );
  expect(sale).toEqual({
    answered: true,
    human: true,
    contact: true,
    win: true,
    completed: true,
    drop: false,
  });
  // AA has no flag in VICIdial but is the auto-detected machine; TIMEOT is an inbound queue drop.
  expect(await s.store.one(`SELECT machine, answered, human FROM dispositions WHERE code = 'AA'`)).toEqual({
    machine: true,
    answered: true,
    human: false,
  });
  expect(await s.store.one(`SELECT "drop", human, answered FROM dispositions WHERE code = 'TIMEOT'`)).toEqual(
    {
      drop: true,
      human: true,
      answered: true,
    },
  );
  expect(await s.store.one(`SELECT fax, unworkable, answered FROM dispositions WHERE code = 'AFAX'`)).toEqual(
    {
      fax: true,
      unworkable: true,
      answered: true,
    },
  );
  await s.done();
});
