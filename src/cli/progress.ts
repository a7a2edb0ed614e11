// A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json).

const MB = 1024 * 1024;

export interface Progress {
  update(done: number, total: number | undefined): void;
  finish(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const start = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const secs = Math.max((now - start) / 1000, 0.001);
      const rate = done / MB / secs;
      let line: string;
      if (total) {
        const frac = Math.min(done / total, 1);
        const width = 24;
        const filled = Math.round(frac * width);
        const eta = frac > 0 ? Math.round(secs / frac - secs) : 0;
        line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${(done / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB ${rate.toFixed(1)} MB/s ETA ${eta}s`;
      } else {
        line = `${label} ${(done / MB).toFixed(1)} MB ${rate.toFixed(1)} MB/s`;
      }
      stream.write(`\r${line.slice(0, (stream.columns || 100) - 1)}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
