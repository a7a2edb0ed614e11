import { isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { badInput, usageError } from '../errors.js';
import { openSource, type Source } from './open-source.js';
import { CsvParser } from './scan-csv.js';
import { NdjsonParser } from './scan-ndjson.js';
import {
  BATCH,
  NEED,
  SpoolWriter,
  invalidUtf8,
  type RecordParser,
  type SpoolBatch,
  type StructuralReject,
} from './scan-spool.js';

// Streaming front end of the import: checks the structure of every record of a CSV or NDJSON
// source and spools the well-formed ones, prefixed with their physical line number, into files
// DuckDB reads in parallel. Typing and validation happen later, in SQL.

export type { SpoolBatch, StructuralReject } from './scan-spool.js';

export interface ScanOptions {
  /** spool directory (exists) */
  spoolDir: string;
  /** records per spool batch; default 500_000 */
  batchRows?: number;
  /** for NDJSON: the column names to emit, in order (keys are matched case-insensitively, trimmed). */
  columns?: string[];
  /** headerless CSV (e.g. Asterisk CDR): use these names instead of reading a header line */
  headerless?: string[];
  /** bytes of the (compressed) input consumed */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  /** overrides detectFormat(source); needed for NDJSON on stdin */
  format?: 'csv' | 'ndjson';
  /** @internal read size; tests make it tiny so records straddle chunk boundaries */
  highWaterMark?: number;
  /** @internal stands in for process.stdin (tests) */
  stdin?: Readable;
}

export interface ScanHeader {
  names: string[];
  delimiter: string;
  format: 'csv' | 'ndjson';
}

export interface Scanner {
  header: ScanHeader;
  /** 'stdin' or the path, as used in error messages */
  label: string;
  totalBytes: number | undefined;
  /**
   * Each batch's file is complete when yielded and belongs to the consumer, who deletes it. A batch
   * is cut at batchRows records or 10 000 rejects; the last one may hold no rows (only rejects).
   * A source with no records yields nothing. Can be iterated once; ending the iteration early
   * (break) closes the input and removes the unfinished batch.
   */
  batches(): AsyncGenerator<{ batch: SpoolBatch; rejects: StructuralReject[] }>;
  /** Releases the input when batches() is not going to be iterated (e.g. the header was unusable). */
  close(): void;
}

const SNIFF_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'];
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export function detectFormat(source: string): 'csv' | 'ndjson' {
  const name = source.toLowerCase().replace(/\.gz$/, '');
  return name.endsWith('.ndjson') || name.endsWith('.jsonl') ? 'ndjson' : 'csv';
}

export async function openScanner(source: string, opts: ScanOptions): Promise<Scanner> {
  const format = opts.format ?? detectFormat(source);
  const batchRows = opts.batchRows ?? 500_000;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw usageError(`batchRows must be a positive integer`);
  const label = source === '-' ? 'stdin' : source;
  if (format === 'ndjson') {
    if (!opts.columns || opts.columns.length === 0) {
      throw badInput(`${label}: NDJSON input needs the list of columns to read`);
    }
  }
  if (opts.headerless && opts.headerless.length === 0)
    throw usageError('headerless needs at least one column name');

  if (!statSync(opts.spoolDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw usageError(`spool directory ${opts.spoolDir} does not exist`);
  }

  const src = await openSource(source, { highWaterMark: opts.highWaterMark, stdin: opts.stdin });
  try {
    const input = new Input(src);
    await input.fill(SNIFF_BYTES);
    sniff(input, label, format === 'csv' && !opts.headerless ? 'no header line' : 'no records');
    let header: ScanHeader;
    let parser: RecordParser;
    let spool: SpoolWriter;
    if (format === 'ndjson') {
      header = { names: [...opts.columns!], delimiter: ',', format };
      spool = new SpoolWriter(opts.spoolDir, 0x2c, batchRows);
      parser = new NdjsonParser(spool, label, opts.columns!);
    } else {
      const first = await firstLine(input, label, opts.headerless ? 'no records' : 'no header line');
      const delimiter = detectDelimiter(input.buf, first.start, first.end);
      const d = delimiter.charCodeAt(0);
      let names: string[];
      let total: number;
      let line: number;
      if (opts.headerless) {
        names = [...opts.headerless];
        total = names.length;
        line = 1;
      } else {
        const all = headerNames(input.buf, first, d, label);
        total = all.length;
        let named = total;
        while (named > 0 && all[named - 1] === '') named--;
        if (named === 0) throw badInput(`${label}: line ${first.line}: header line has no column names`);
        names = all.slice(0, named);
        input.pos = first.next;
        line = first.line + 1;
      }
      header = { names, delimiter, format };
      spool = new SpoolWriter(opts.spoolDir, d, batchRows);
      parser = new CsvParser(spool, label, d, names.length, total, line, names);
    }
    parser.buf = input.buf;
    parser.pos = input.pos;
    parser.final = input.eof;
    parser.checkUtf8 = invalidUtf8(input.buf, input.pos, input.eof);
    return {
      header,
      label,
      totalBytes: src.totalBytes,
      ...batchesOnce(src, parser, spool, opts.onProgress),
    };
  } catch (err) {
    src.close();
    throw err;
  }
}

/** The start of the input, read ahead far enough to sniff it and find the header line. */
class Input {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  eof = false;
  constructor(readonly src: Source) {}
  async fill(bytes: number): Promise<void> {
    const parts = [this.buf];
    let have = this.buf.length;
    while (have < bytes && !this.eof) {
      const c = await this.src.next();
      if (!c) this.eof = true;
      else {
        parts.push(c);
        have += c.length;
      }
    }
    if (parts.length > 1) this.buf = Buffer.concat(parts);
  }
}

function sniff(input: Input, label: string, missing: string): void {
  const b = input.buf;
  const bom = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  const encoding = bom(0xff, 0xfe, 0, 0)
    ? 'UTF-32LE'
    : bom(0, 0, 0xfe, 0xff)
      ? 'UTF-32BE'
      : bom(0xff, 0xfe)
        ? 'UTF-16LE'
        : bom(0xfe, 0xff)
          ? 'UTF-16BE'
          : undefined;
  if (encoding)
    throw badInput(`${label}: file is ${encoding} encoded (byte-order mark); convert it to UTF-8`);
  if (b.subarray(0, SNIFF_BYTES).includes(0))
    throw badInput(`${label}: binary file (not CSV or NDJSON text)`);
  if (bom(0xef, 0xbb, 0xbf)) input.pos = 3;
  // Invalid UTF-8 this early means another encoding, not a stray byte: one clear error beats a
  // reject for every line with an accent.
  const head = input.eof ? b : b.subarray(0, b.lastIndexOf(LF, SNIFF_BYTES) + 1);
  if (!isUtf8(head)) {
    throw badInput(`${label}: not UTF-8 text (Latin-1 or Windows-1252?); convert it to UTF-8`);
  }
  if (input.eof && isBlank(b, input.pos, b.length)) {
    throw badInput(`${label}: empty file (${missing})`);
  }
}

function isBlank(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== CR && c !== LF) return false;
  }
  return true;
}

/** The first non-blank line: the header, or for headerless input the line to detect the delimiter on. */
async function firstLine(input: Input, label: string, missing: string) {
  let pos = input.pos;
  let line = 1;
  for (;;) {
    let lf = input.buf.indexOf(LF, pos);
    while (lf < 0 && !input.eof) {
      if (input.buf.length - pos > MAX_HEADER_BYTES) {
        throw badInput(`${label}: line ${line}: no line break in the first ${MAX_HEADER_BYTES >> 20} MB`);
      }
      await input.fill(input.buf.length + 1);
      lf = input.buf.indexOf(LF, pos);
    }
    const next = lf < 0 ? input.buf.length : lf + 1;
    let end = lf < 0 ? input.buf.length : lf;
    if (end > pos && input.buf[end - 1] === CR) end--;
    if (!isBlank(input.buf, pos, end)) {
      if (input.buf.subarray(pos, end).includes(CR)) {
        throw badInput(
          `${label}: line ${line} contains a bare carriage return (old Mac line endings?); convert to LF or CRLF`,
        );
      }
      return { start: pos, end, next, line };
    }
    if (lf < 0) throw badInput(`${label}: empty file (${missing})`);
    pos = next;
    line++;
  }
}

/** The candidate seen most often outside quotes; ties go to the earlier candidate, none to ','. */
function detectDelimiter(b: Buffer, start: number, end: number): string {
  const counts = new Map<number, number>(DELIMITERS.map((d) => [d.charCodeAt(0), 0]));
  let inQuotes = false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      const n = counts.get(c);
      if (n !== undefined) counts.set(c, n + 1);
    }
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d.charCodeAt(0))!;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function headerNames(
  b: Buffer,
  { start, end, line }: { start: number; end: number; line: number },
  delim: number,
  label: string,
): string[] {
  const names: string[] = [];
  const where = `${label}: line ${line}`;
  let i = start;
  for (;;) {
    let name: string;
    if (b[i] === QUOTE) {
      const open = i++;
      for (;;) {
        if (i >= end)
          throw badInput(`${where}: unterminated quoted name in header column ${names.length + 1}`);
        if (b[i] === QUOTE) {
          if (b[i + 1] === QUOTE && i + 1 < end) i += 2;
          else break;
        } else i++;
      }
      name = b.toString('utf8', open + 1, i).replaceAll('""', '"');
      i++;
      if (i < end && b[i] !== delim) {
        throw badInput(`${where}: malformed header (text after closing quote in column ${names.length + 1})`);
      }
    } else {
      const s = i;
      while (i < end && b[i] !== delim) {
        if (b[i] === QUOTE) {
          throw badInput(`${where}: malformed header (quote inside unquoted column ${names.length + 1})`);
        }
        i++;
      }
      name = b.toString('utf8', s, i);
    }
    names.push(name.trim());
    if (i >= end) return names;
    i++; // delimiter
  }
}

function batchesOnce(
  src: Source,
  parser: RecordParser,
  spool: SpoolWriter,
  onProgress: ScanOptions['onProgress'],
): Pick<Scanner, 'batches' | 'close'> {
  let started = false;
  const close = (): void => {
    spool.abort();
    src.close();
  };
  async function* batches(): ReturnType<Scanner['batches']> {
    if (started) throw usageError('Scanner.batches() can be iterated only once');
    started = true;
    let last = -1;
    const report = (): void => {
      const bytes = src.bytesRead();
      if (onProgress && bytes !== last) onProgress(bytes, src.totalBytes);
      last = bytes;
    };
    try {
      report();
      for (;;) {
        const step = parser.run();
        if (step === BATCH) {
          yield spool.cut();
        } else if (step === NEED) {
          await feed(src, parser, spool);
          report();
        } else {
          report();
          if (spool.rows > 0 || spool.rejects.length > 0) yield spool.cut();
          return;
        }
      }
    } finally {
      close();
    }
  }
  return {
    batches,
    close: () => {
      if (!started) {
        started = true;
        close();
      }
    },
  };
}

/**
 * Appends input to the unparsed tail. The tail is a record cut off by the chunk boundary; the
 * parser re-reads it from its start, so enough input is gathered to at least double it: a long
 * record arriving in tiny chunks is then re-read a logarithmic, not linear, number of times.
 */
async function feed(src: Source, parser: RecordParser, spool: SpoolWriter): Promise<void> {
  const tail = parser.buf.subarray(parser.pos);
  const chunks: Buffer[] = [];
  let got = 0;
  do {
    const c = await src.next();
    if (!c) {
      parser.final = true;
      break;
    }
    chunks.push(c);
    got += c.length;
  } while (got < tail.length);
  const buf = spool.inputBuffer(tail.length + got);
  // The tail may already lie in the same memory, further on: copyWithin moves it safely.
  if (tail.buffer === buf.buffer) {
    new Uint8Array(buf.buffer).copyWithin(buf.byteOffset, tail.byteOffset, tail.byteOffset + tail.length);
  } else tail.copy(buf, 0);
  let off = tail.length;
  for (const c of chunks) off += c.copy(buf, off);
  parser.buf = buf;
  parser.pos = 0;
  parser.checkUtf8 = invalidUtf8(buf, 0, parser.final);
}
