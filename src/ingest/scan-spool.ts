import { isUtf8 } from 'node:buffer';
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
/** Bytes both parsers look for. */
export const LF = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const TAB = 0x09;
export const QUOTE = 0x22;

export const NEED = 0;
export const BATCH = 1;
export const DONE = 2;
export type Step = typeof NEED | typeof BATCH | typeof DONE;

export interface RecordParser {
  buf: Buffer;
  pos: number;
  final: boolean;
  /** buf holds invalid UTF-8: check each record (DuckDB fails a whole batch on one bad byte) */
  checkUtf8: boolean;
  run(): Step;
}

/** Whether the complete lines of buf from `from` on hold invalid UTF-8 (native check, GB/s). */
export function invalidUtf8(buf: Buffer, from: number, final: boolean): boolean {
  // A multi-byte character never contains an LF byte, so cutting after one splits none.
  const to = final ? buf.length : buf.lastIndexOf(LF) + 1;
  return to > from && !isUtf8(buf.subarray(from, to));
}

export const INVALID_UTF8 = 'invalid UTF-8 byte sequence (the file is not entirely UTF-8; convert it)';

/** Cap on the rejects held per batch, so a file of garbage cannot exhaust memory. */
export const MAX_REJECTS_PER_BATCH = 10_000;
export const MAX_RAW_BYTES = 4096;
/** A record longer than this is not a CSV/NDJSON record; holding it would defeat streaming. */
export const MAX_RECORD_BYTES = 8 << 20;

const OUT_BYTES = 4 << 20;
const IN_BYTES = 4 << 20;

/**
 * `raw` for a reject: source text truncated to 4 KB on a UTF-8 boundary, with the CRs of CRLF line
 * breaks inside removed; `end` excludes the record's own line break.
 */
export function rawText(buf: Buffer, start: number, end: number): string {
  let e = end;
  if (e - start > MAX_RAW_BYTES) {
    e = start + MAX_RAW_BYTES;
    while (e > start && ((buf[e] ?? 0) & 0xc0) === 0x80) e--;
  }
  let s = buf.toString('utf8', start, e);
  if (s.includes('\r')) s = s.replace(/\r\n/g, '\n');
  return s;
}

export class SpoolWriter {
  rows = 0;
  rejects: StructuralReject[] = [];
  // Output buffer and parser input share one ArrayBuffer, so a record is copied with
  // copyWithin, a plain memmove; Buffer#copy allocates a view per call and costs twice as much.
  private readonly arena = new Uint8Array(Buffer.allocUnsafeSlow(OUT_BYTES + IN_BYTES).buffer);
  private readonly out = Buffer.from(this.arena.buffer, 0, OUT_BYTES);
  /** the same memory: V8 indexes a plain Uint8Array faster than a Buffer */
  private readonly out8 = new Uint8Array(this.arena.buffer, 0, OUT_BYTES);
  /** the last buffer inputBuffer() handed out from the arena (identity is cheaper than `.buffer`) */
  private input: Buffer | undefined;
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
    if (this.pos + len + 24 > OUT_BYTES) {
      this.flush();
      if (len + 24 > OUT_BYTES) return this.writeLarge(line, src.subarray(start, end));
    }
    const out = this.out8;
    let p = writeUint(out, this.pos, line);
    out[p++] = this.delim;
    if (src === this.input) this.arena.copyWithin(p, OUT_BYTES + start, OUT_BYTES + end);
    else src.copy(this.out, p, start, end);
    p += len;
    out[p++] = LF;
    this.pos = p;
    this.rows++;
  }

  /** Writes `line`, the delimiter and an already-formatted record (no trailing newline). */
  writeString(line: number, record: string): void {
    const worst = record.length * 3 + 24;
    if (this.pos + worst > OUT_BYTES) {
      this.flush();
      if (worst > OUT_BYTES) return this.writeLarge(line, Buffer.from(record));
    }
    const out = this.out8;
    let p = writeUint(out, this.pos, line);
    out[p++] = this.delim;
    p += this.out.write(record, p, 'utf8');
    out[p++] = LF;
    this.pos = p;
    this.rows++;
  }

  /**
   * A buffer of `size` bytes for the parser's next input: part of the arena when it fits. Only one
   * such buffer is valid at a time: the next call reuses the memory.
   */
  inputBuffer(size: number): Buffer {
    this.input = size <= IN_BYTES ? Buffer.from(this.arena.buffer, OUT_BYTES, size) : undefined;
    return this.input ?? Buffer.allocUnsafe(size);
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

  /** A record larger than the output buffer: written straight through (the buffer is flushed). */
  private writeLarge(line: number, record: Buffer): void {
    const head = Buffer.from(`${line}${String.fromCharCode(this.delim)}`);
    for (const part of [head, record, Buffer.from('\n')]) this.writeAll(part, part.length);
    this.rows++;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.writeAll(this.out, this.pos);
    this.pos = 0;
  }

  private writeAll(buf: Buffer, len: number): void {
    if (this.fd < 0) this.fd = openSync(this.path, 'w');
    for (let off = 0; off < len;) off += writeSync(this.fd, buf, off, len - off);
  }
}

/** ASCII digits of a non-negative integer, without allocating a string. */
function writeUint(out: Uint8Array, pos: number, n: number): number {
  if (n > 0x7fffffff) {
    const digits = String(n);
    for (let j = 0; j < digits.length; j++) out[pos + j] = digits.charCodeAt(j);
    return pos + digits.length;
  }
  let p =
    pos +
    (n < 1e4
      ? n < 10
        ? 1
        : n < 100
          ? 2
          : n < 1000
            ? 3
            : 4
      : n < 1e6
        ? n < 1e5
          ? 5
          : 6
        : n < 1e7
          ? 7
          : n < 1e8
            ? 8
            : n < 1e9
              ? 9
              : 10);
  const after = p;
  do {
    const q = (n / 10) | 0;
    out[--p] = 48 + n - q * 10;
    n = q;
  } while (n > 0);
  return after;
}
