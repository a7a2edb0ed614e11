import { randomBytes } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The scanner's output side: spool files of `<line><delim><fields>\n` records, written through one
// large buffer so the hot loop never touches the file system per record.

export interface SpoolBatch {
  path: string;
  rows: number;
  index: number;
}
export interface StructuralReject {
  line: number;
  raw: string;
  reason: string;
}

/** What a parser's run() reports: it needs more input, the current batch is full, or the input is done. */
export const NEED = 0;
export const BATCH = 1;
export const DONE = 2;
export type Step = typeof NEED | typeof BATCH | typeof DONE;

export interface RecordParser {
  buf: Buffer;
  pos: number;
  final: boolean;
  run(): Step;
}

/** Cap on the rejects held per batch, so a file of garbage cannot exhaust memory. */
export const MAX_REJECTS_PER_BATCH = 10_000;
export const MAX_RAW_BYTES = 4096;
/** A record longer than this is not a CSV/NDJSON record; holding it would defeat streaming. */
export const MAX_RECORD_BYTES = 8 << 20;

const OUT_BYTES = 4 << 20;
const LF = 0x0a;

/** `raw` for a reject: source text truncated to 4 KB on a UTF-8 boundary, CR of CRLF removed. */
export function rawText(buf: Buffer, start: number, end: number): string {
  let e = end;
  if (e - start > MAX_RAW_BYTES) {
    e = start + MAX_RAW_BYTES;
    while (e > start && ((buf[e] ?? 0) & 0xc0) === 0x80) e--;
  }
  let s = buf.toString('utf8', start, e);
  if (s.includes('\r')) s = s.replace(/\r\n/g, '\n').replace(/\r$/, '');
  return s;
}

export class SpoolWriter {
  rows = 0;
  rejects: StructuralReject[] = [];
  private out = Buffer.allocUnsafe(OUT_BYTES);
  private pos = 0;
  private fd = -1;
  private index = 0;
  private path: string;
  private readonly prefix: string;

  constructor(
    private readonly dir: string,
    private readonly delim: number,
    readonly batchRows: number,
  ) {
    this.prefix = `scan-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.path = this.pathFor(0);
  }

  full(): boolean {
    return this.rows >= this.batchRows || this.rejects.length >= MAX_REJECTS_PER_BATCH;
  }

  /** Writes `line`, the delimiter and src[start, end) verbatim as one spool record. */
  writeSlice(line: number, src: Buffer, start: number, end: number): void {
    const len = end - start;
    if (this.pos + len + 24 > this.out.length) this.makeRoom(len + 24);
    const out = this.out;
    let p = writeUint(out, this.pos, line);
    out[p++] = this.delim;
    // Buffer#copy costs a native call and a view allocation; short records copy faster in JS.
    if (len < 96) {
      for (let i = start; i < end; i++) out[p++] = src[i]!;
    } else {
      src.copy(out, p, start, end);
      p += len;
    }
    out[p++] = LF;
    this.pos = p;
    this.rows++;
  }

  /** Writes `line`, the delimiter and an already-formatted record (no trailing newline). */
  writeString(line: number, record: string): void {
    const worst = record.length * 3 + 24;
    if (this.pos + worst > this.out.length) this.makeRoom(worst);
    const out = this.out;
    let p = writeUint(out, this.pos, line);
    out[p++] = this.delim;
    p += out.write(record, p, 'utf8');
    out[p++] = LF;
    this.pos = p;
    this.rows++;
  }

  reject(line: number, raw: string, reason: string): void {
    this.rejects.push({ line, raw, reason });
  }

  /** Completes the current batch's file and starts the next batch. */
  cut(): { batch: SpoolBatch; rejects: StructuralReject[] } {
    this.flush();
    if (this.fd < 0) writeFileSync(this.path, '');
    else closeSync(this.fd);
    const result = { batch: { path: this.path, rows: this.rows, index: this.index }, rejects: this.rejects };
    this.fd = -1;
    this.rows = 0;
    this.rejects = [];
    this.index++;
    this.path = this.pathFor(this.index);
    return result;
  }

  /** Drops the unfinished batch (its file was never handed out, so nobody else will delete it). */
  abort(): void {
    this.pos = 0;
    if (this.fd < 0) return;
    try {
      closeSync(this.fd);
      unlinkSync(this.path);
    } catch {
      // best effort: the spool directory is temporary anyway
    }
    this.fd = -1;
  }

  private pathFor(index: number): string {
    return join(this.dir, `${this.prefix}-${String(index).padStart(5, '0')}.csv`);
  }

  private makeRoom(need: number): void {
    this.flush();
    if (need > this.out.length) this.out = Buffer.allocUnsafe(need);
  }

  private flush(): void {
    if (this.pos === 0) return;
    if (this.fd < 0) this.fd = openSync(this.path, 'w');
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.out, off, this.pos - off);
    this.pos = 0;
  }
}

/** ASCII digits of a non-negative integer, without allocating a string. */
function writeUint(out: Buffer, pos: number, n: number): number {
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  let p = pos + digits;
  const after = p;
  do {
    out[--p] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return after;
}
