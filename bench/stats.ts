export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Median latency in ms over `runs` timed runs after one warm-up. */
export async function medianMs(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ median: number; all: number[] }> {
  await fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await timeIt(fn));
  return { median: median(all), all };
}
