import { badInput } from '../errors.js';
import {
  BATCH,
  DONE,
  MAX_RECORD_BYTES,
  NEED,
  rawText,
  type RecordParser,
  type SpoolWriter,
  type Step,
} from './scan-spool.js';

// The CSV hot loop: one pass over the bytes per record, no strings for well-formed records, which
// are copied verbatim into the spool. A record cut off by the end of the buffer is re-parsed from
// its start once more input has arrived, so no parse state has to survive a chunk boundary.

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;

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
    const final = this.final;
    const classes = this.classes;
    const named = this.named;
    const sink = this.sink;
    let pos = this.pos;
    let line = this.line;

    scan: for (;;) {
      if (sink.full()) {
        this.pos = pos;
        this.line = line;
        return BATCH;
      }
      if (pos >= end) {
        this.pos = pos;
        this.line = line;
        return final ? DONE : NEED;
      }
      const start = pos;
      let i = pos;
      let c = b[i]!;
      if (c === LF || c === CR || c === SP || c === TAB) {
        while (i < end && ((c = b[i]!) === SP || c === TAB || c === CR)) i++;
        if (i >= end) {
          if (!final) return this.need(start, line);
          pos = end;
          continue;
        }
        if (c === LF) {
          pos = i + 1;
          line++;
          continue;
        }
        i = start;
      }

      // One loop over the record's bytes; fields are only counted, never extracted.
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
          if (!final) return this.need(start, line);
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
            if (!final) return this.need(start, line);
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
              if (i + 1 >= end && !final) return this.need(start, line);
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
            if (i >= end && !final) return this.need(start, line);
            // Resume after the line the quote opened on, so one stray quote costs one record,
            // not the rest of the file.
            const lf = buf.indexOf(LF, fStart);
            if (lf < 0 && !final) return this.need(start, line);
            const rawEnd = lf < 0 ? end : lf;
            sink.reject(
              line,
              rawText(buf, start, rawEnd),
              `line ${line}: unterminated quoted field ${k + 1}`,
            );
            pos = lf < 0 ? end : lf + 1;
            line += qLines + 1;
            continue scan;
          }
          quoteEnd = i;
          if (i >= end || classes[b[i]!] !== PLAIN) continue;
          bad = AFTER_QUOTE;
        }
        // Malformed: the record ends with the physical line the damage is on.
        const lf = buf.indexOf(LF, i);
        if (lf < 0 && !final) return this.need(start, line);
        recEnd = lf < 0 ? end : lf > start && b[lf - 1] === CR ? lf - 1 : lf;
        next = lf < 0 ? end : lf + 1;
        nl++;
        break;
      }

      const fields = k + 1;
      if (bad !== 0) {
        const reason =
          bad === BARE_CR
            ? `carriage return inside unquoted field ${fields} (quote the field, or use LF or CRLF line endings)`
            : `malformed quoting in field ${fields} (${bad === QUOTE_IN_FIELD ? 'quote inside an unquoted field' : 'text after closing quote'})`;
        sink.reject(line, rawText(buf, start, recEnd), `line ${line}: ${reason}`);
      } else if (fields === named) {
        sink.writeSlice(line, buf, start, recEnd);
      } else if (fields > named && fields <= this.total) {
        const extra = firstNonEmpty(b, namedEnd + 1, recEnd, this.delim, named);
        if (extra < 0) sink.writeSlice(line, buf, start, namedEnd);
        else
          sink.reject(
            line,
            rawText(buf, start, recEnd),
            `line ${line}: value in unnamed column ${extra + 1}`,
          );
      } else {
        sink.reject(
          line,
          rawText(buf, start, recEnd),
          `line ${line}: expected ${named} fields, found ${fields}`,
        );
      }
      line += nl;
      pos = next;
    }
  }

  private need(start: number, line: number): Step {
    if (this.buf.length - start > MAX_RECORD_BYTES) {
      throw badInput(
        `${this.label}: line ${line}: record longer than ${MAX_RECORD_BYTES >> 20} MB (is this CSV?)`,
      );
    }
    this.pos = start;
    this.line = line;
    return NEED;
  }
}

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
