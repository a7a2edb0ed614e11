import { badInput } from '../errors.js';
import { isUtf8 } from 'node:buffer';
import {
  BATCH,
  CR,
  DONE,
  INVALID_UTF8,
  LF,
  MAX_RECORD_BYTES,
  NEED,
  QUOTE,
  rawText,
  SP,
  TAB,
  type RecordParser,
  type SpoolWriter,
  type Step,
} from './scan-spool.js';

// The CSV hot loop. Well-formed records never become strings: they are checked in place and
// copied verbatim into the spool. A record cut off by the end of the buffer is parsed again from
// its start once more input has arrived, so no parse state has to survive a chunk boundary (the
// classic source of bugs with quoted fields and CRLF pairs split between chunks).

/** A quoted field longer than this, or spanning more lines, is taken as a quote that never closes. */
export const MAX_QUOTED_BYTES = 64 * 1024;
export const MAX_QUOTED_LINES = 100;

const QUOTE_IN_FIELD = 1;
const AFTER_QUOTE = 2;
const BARE_CR = 3;

// byte classes of the scan table
const PLAIN = 0;
const DELIM = 1;
const NEWLINE = 2;
const RETURN = 3;
const QUOTE_CLASS = 4;

export class CsvParser implements RecordParser {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  final = false;
  checkUtf8 = false;
  /** physical line number of buf[pos] */
  line: number;
  private readonly classes = new Uint8Array(256);

  constructor(
    private readonly sink: SpoolWriter,
    private readonly label: string,
    private readonly delim: number,
    /** named columns: every spool record gets exactly this many fields */
    private readonly named: number,
    /** named + trailing unnamed header columns */
    private readonly total: number,
    firstLine: number,
    /** header names, to name a damaged field in reject reasons */
    private readonly names: readonly string[] = [],
  ) {
    this.line = firstLine;
    this.classes[delim] = DELIM;
    this.classes[LF] = NEWLINE;
    this.classes[CR] = RETURN;
    this.classes[QUOTE] = QUOTE_CLASS;
  }

  run(): Step {
    const buf = this.buf;
    // V8 indexes a plain Uint8Array faster than a Buffer (a subclass).
    const b = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    const end = b.length;
    const delim = this.delim;
    const named = this.named;
    const sink = this.sink;
    let pos = this.pos;
    let line = this.line;
    // Next quote and CR at or after pos (end: none). Native indexOf finds them far faster than a
    // JS loop, and because they are rare each byte is searched once.
    let nextQuote = -1;
    let nextCR = -1;
    const fast = !this.checkUtf8;

    // Fast path: a record on one line, without quotes or stray CRs. Only its delimiters are
    // counted, in an unrolled branch-free loop. Anything else (quotes, blank lines, damage, the
    // buffer's last line) goes to general(), which parses the record from its start.
    for (;;) {
      if (sink.full()) {
        this.pos = pos;
        this.line = line;
        return BATCH;
      }
      if (pos >= end) {
        this.pos = pos;
        this.line = line;
        return this.final ? DONE : NEED;
      }
      const start = pos;
      const lf = buf.indexOf(LF, start);
      if (lf >= 0 && fast) {
        if (nextQuote < start) {
          nextQuote = buf.indexOf(QUOTE, start);
          if (nextQuote < 0) nextQuote = end;
        }
        if (nextCR < start) {
          nextCR = buf.indexOf(CR, start);
          if (nextCR < 0) nextCR = end;
        }
        const recEnd = nextCR === lf - 1 ? lf - 1 : lf;
        const c0 = b[start];
        if (nextCR >= recEnd && recEnd > start && c0 !== SP && c0 !== TAB && lf - start <= MAX_RECORD_BYTES) {
          const k =
            nextQuote > lf
              ? countByte(b, start, recEnd, delim)
              : countQuoted(buf, b, start, recEnd, delim, nextQuote);
          // Trailing unnamed columns are dropped when all empty: the record then ends in delimiters.
          const drop = k - named + 1;
          const keep =
            drop === 0
              ? recEnd
              : drop > 0 && countByte(b, recEnd - drop, recEnd, delim) === drop
                ? recEnd - drop
                : -1;
          if (k >= 0 && keep >= 0) {
            sink.writeSlice(line, buf, start, keep);
            line++;
            pos = lf + 1;
            continue;
          }
        }
      }
      const next = this.general(buf, b, start, line);
      if (next < 0) return this.need(start, line);
      line += this.lines;
      pos = next;
    }
  }

  /** line breaks consumed by the last general() call */
  private lines = 0;

  /**
   * Scans, spools or rejects the record (or blank line) at `start`, and returns where the next
   * one starts; -1 when the buffer ends before the record does and more input may follow.
   */
  private general(buf: Buffer, b: Uint8Array, start: number, line: number): number {
    const end = b.length;
    const final = this.final;
    const classes = this.classes;
    const named = this.named;
    const sink = this.sink;
    let i = start;
    let c = b[i]!;
    if (c === LF || c === CR || c === SP || c === TAB) {
      while (i < end && ((c = b[i]!) === SP || c === TAB || c === CR)) i++;
      if (i >= end) {
        this.lines = 0;
        return final ? end : -1;
      }
      if (c === LF) {
        this.lines = 1;
        return i + 1;
      }
      i = start;
    }

    let k = 0; // delimiters seen = index of the current field
    let fStart = start;
    let nl = 0; // line breaks consumed by this record so far
    let namedEnd = -1; // offset of the delimiter after the last named field
    let quoteEnd = -1; // offset just after the last closing quote
    let bad = 0;
    let recEnd = end;
    let next = end;
    for (;;) {
      let t = PLAIN;
      while (i < end && (t = classes[b[i]!]!) === PLAIN) i++;
      if (i >= end) {
        if (!final) return -1;
        break;
      }
      if (t === DELIM) {
        if (++k === named) namedEnd = i;
        fStart = ++i;
        continue;
      }
      if (t === NEWLINE) {
        recEnd = i;
        next = i + 1;
        nl++;
        break;
      }
      if (t === RETURN) {
        if (i + 1 >= end) {
          if (!final) return -1;
          recEnd = i;
          break;
        }
        if (b[i + 1] === LF) {
          recEnd = i;
          next = i + 2;
          nl++;
          break;
        }
        bad = i === quoteEnd ? AFTER_QUOTE : BARE_CR;
      } else if (i !== fStart) {
        bad = QUOTE_IN_FIELD;
      } else {
        const qLines = nl;
        let closed = false;
        for (i++; i < end;) {
          c = b[i]!;
          if (c === QUOTE) {
            if (i + 1 >= end && !final) return -1;
            if (b[i + 1] === QUOTE) {
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === LF && ++nl - qLines >= MAX_QUOTED_LINES) break;
          if (++i - fStart > MAX_QUOTED_BYTES) break;
        }
        if (!closed) {
          if (i >= end && !final) return -1;
          // Resume after the line the quote opened on, so one stray quote costs one record,
          // not the rest of the file.
          const lf = buf.indexOf(LF, fStart);
          if (lf < 0 && !final) return -1;
          sink.reject(
            line,
            rawText(buf, start, withoutCR(b, start, lf < 0 ? end : lf)),
            `line ${line}: unterminated quoted ${this.field(k + 1)}`,
          );
          this.lines = qLines + 1;
          return lf < 0 ? end : lf + 1;
        }
        quoteEnd = i;
        if (i >= end || classes[b[i]!] !== PLAIN) continue;
        bad = AFTER_QUOTE;
      }
      // Malformed: the record ends with the physical line the damage is on.
      const lf = buf.indexOf(LF, i);
      if (lf < 0 && !final) return -1;
      recEnd = withoutCR(b, start, lf < 0 ? end : lf);
      next = lf < 0 ? end : lf + 1;
      nl++;
      break;
    }

    if (next - start > MAX_RECORD_BYTES) this.tooLong(line);
    const fields = k + 1;
    if (bad !== 0) {
      const reason =
        bad === BARE_CR
          ? `carriage return inside unquoted ${this.field(fields)} (quote the field, or use LF or CRLF line endings)`
          : `malformed quoting in ${this.field(fields)} (${bad === QUOTE_IN_FIELD ? 'quote inside an unquoted field' : 'text after closing quote'})`;
      sink.reject(line, rawText(buf, start, recEnd), `line ${line}: ${reason}`);
    } else if (this.checkUtf8 && !isUtf8(b.subarray(start, recEnd))) {
      sink.reject(line, rawText(buf, start, recEnd), `line ${line}: ${INVALID_UTF8}`);
    } else if (fields === named) {
      sink.writeSlice(line, buf, start, recEnd);
    } else if (fields > named && firstNonEmpty(b, namedEnd + 1, recEnd, this.delim, named) < 0) {
      // Extra fields that are all empty (spreadsheet exports pad rows with delimiters) are dropped.
      sink.writeSlice(line, buf, start, namedEnd);
    } else if (fields > named && fields <= this.total) {
      const extra = firstNonEmpty(b, namedEnd + 1, recEnd, this.delim, named);
      sink.reject(line, rawText(buf, start, recEnd), `line ${line}: value in unnamed column ${extra + 1}`);
    } else {
      sink.reject(
        line,
        rawText(buf, start, recEnd),
        `line ${line}: expected ${named} fields, found ${fields}`,
      );
    }
    this.lines = nl;
    return next;
  }

  /** `field 6 "agent"`: the position finds it in the row, the name says what it is. */
  private field(n: number): string {
    const name = this.names[n - 1];
    return name ? `field ${n} ${JSON.stringify(name)}` : `field ${n}`;
  }

  private need(start: number, line: number): Step {
    if (this.buf.length - start > MAX_RECORD_BYTES) this.tooLong(line);
    this.pos = start;
    this.line = line;
    return NEED;
  }

  /** Holding such a record would defeat streaming, and it is not a CSV record anyway. */
  private tooLong(line: number): never {
    throw badInput(
      `${this.label}: line ${line}: record longer than ${MAX_RECORD_BYTES >> 20} MB (is this CSV?)`,
    );
  }
}

/** `end`, or one less when b[end - 1] is the CR of a line break (CRLF, or CR at the end of input). */
const withoutCR = (b: Uint8Array, start: number, end: number): number =>
  end > start && b[end - 1] === CR ? end - 1 : end;

/**
 * Index of the first non-empty field (neither zero-length nor `""`) among the well-formed fields
 * in b[from, to), numbered from `first`; -1 if all are empty.
 */
function firstNonEmpty(b: Uint8Array, from: number, to: number, delim: number, first: number): number {
  for (let j = from, f = first; j <= to; f++) {
    if (j === to || b[j] === delim) j++;
    else if (b[j] === QUOTE && b[j + 1] === QUOTE && (j + 2 === to || b[j + 2] === delim)) j += 3;
    else return f;
  }
  return -1;
}

/** Occurrences of byte d in b[from, to); unrolled and branch-free, which V8 runs much faster. */
function countByte(b: Uint8Array, from: number, to: number, d: number): number {
  let k = 0;
  let i = from;
  for (; i + 8 <= to; i += 8) {
    k +=
      +(b[i] === d) +
      +(b[i + 1] === d) +
      +(b[i + 2] === d) +
      +(b[i + 3] === d) +
      +(b[i + 4] === d) +
      +(b[i + 5] === d) +
      +(b[i + 6] === d) +
      +(b[i + 7] === d);
  }
  for (; i < to; i++) k += +(b[i] === d);
  return k;
}

/**
 * Delimiters outside quotes in the one-line record b[from, to) whose first quote is at q, for the
 * common case of well-formed quoted fields closing on the same line; -1 for anything else.
 */
function countQuoted(buf: Buffer, b: Uint8Array, from: number, to: number, d: number, q: number): number {
  let k = 0;
  while (q < to) {
    if (q !== from && b[q - 1] !== d) return -1;
    k += countByte(b, from, q, d);
    let c = buf.indexOf(QUOTE, q + 1);
    while (c >= 0 && c < to && b[c + 1] === QUOTE) c = buf.indexOf(QUOTE, c + 2);
    if (c < 0 || c >= to || c - q >= MAX_QUOTED_BYTES) return -1;
    from = c + 1;
    if (from !== to && b[from] !== d) return -1;
    q = buf.indexOf(QUOTE, from);
    if (q < 0) q = to;
  }
  return k + countByte(b, from, to, d);
}
