import { createWriteStream } from 'node:fs';

// Canonical calls CSV for benchmarks: realistic shape (4 campaigns, 12 lists, 40 agents, VICIdial
// statuses in plausible shares, customers and durations), deterministic, written at disk speed.

export const CALL_COLUMNS =
  'call_id,started_at,direction,campaign,status,list,lead,customer,agent,ring_sec,wait_sec,talk_sec,hold_sec,wrap_sec,amount,resolved,topic,upsell_amount';

const CAMPAIGNS = ['SOLAR', 'INSURE', 'DEBT', 'SUPPORT'];
const OUT_STATUSES: [string, number, boolean][] = [
  // status, cumulative share, reaches an agent
  ['NA', 0.45, false],
  ['B', 0.5, false],
  ['A', 0.62, false],
  ['AA', 0.66, false],
  ['DC', 0.7, false],
  ['DROP', 0.715, false],
  ['NI', 0.85, true],
  ['CALLBK', 0.9, true],
  ['DEC', 0.95, true],
  ['DNC', 0.96, true],
  ['SALE', 1, true],
];

export async function writeCallsCsv(
  path: string,
  opts: { rows: number; start: Date; days: number; seed?: number },
): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  let x = (opts.seed ?? 1) * 2654435761 || 1;
  const rnd = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const span = opts.days * 86_400;
  const t0 = Math.floor(opts.start.getTime() / 1000);
  let buf = CALL_COLUMNS + '\n';
  for (let i = 0; i < opts.rows; i++) {
    // Calls arrive in time order, as dialers write them.
    const t = t0 + Math.floor((i / opts.rows) * span);
    const c = Math.floor(rnd() * 4);
    const campaign = CAMPAIGNS[c]!;
    const iso = new Date(t * 1000).toISOString().slice(0, 19) + 'Z';
    if (campaign === 'SUPPORT') {
      const abandoned = rnd() < 0.08;
      const wait = Math.floor(rnd() * (abandoned ? 90 : 60));
      const agent = abandoned ? '' : `agent${Math.floor(rnd() * 40)}`;
      buf += `c${i},${iso},inbound,SUPPORT,${abandoned ? 'DROP' : 'SALE'},,,+1555${Math.floor(rnd() * 1e7)},${agent},,${wait},${abandoned ? '' : 60 + Math.floor(rnd() * 400)},${abandoned ? '' : Math.floor(rnd() * 30)},${abandoned ? '' : Math.floor(rnd() * 60)},,${abandoned ? '' : rnd() < 0.8 ? 'Y' : 'N'},billing,\n`;
    } else {
      const r = rnd();
      let k = 0;
      while (r > OUT_STATUSES[k]![1]) k++;
      const [status, , live] = OUT_STATUSES[k]!;
      const list = `${campaign}-L${Math.floor(rnd() * 3)}`;
      const agent = live ? `agent${Math.floor(rnd() * 40)}` : '';
      const talk = live ? 20 + Math.floor(rnd() * 400) : '';
      const amount = status === 'SALE' ? (100 + rnd() * 900).toFixed(2) : '';
      buf += `c${i},${iso},outbound,${campaign},${status},${list},L${Math.floor(rnd() * 3e6)},+1555${Math.floor(rnd() * 1e7)},${agent},${Math.floor(rnd() * 30)},${status === 'DROP' ? 2 : live ? 1 : ''},${talk},${live && rnd() < 0.15 ? Math.floor(rnd() * 60) : ''},${live ? Math.floor(rnd() * 60) : ''},${amount},,,\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}
