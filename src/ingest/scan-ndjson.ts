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

// NDJSON → spool records: one object per line, the requested columns written as CSV fields.

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const KEY_CACHE_MAX = 10_000;
const NEEDS_QUOTES = /[",\r\n]/;

export class NdjsonParser implements RecordParser {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  final = false;
  line = 1;
  /** trimmed lower-case column name → output position */
  private readonly colIndex = new Map<string, number>();
  /** object key as written → output position (-1: not a column); keys repeat on every line */
  private readonly keyCache = new Map<string, number>();
  private readonly values: unknown[];
  private readonly keys: string[];

  constructor(
    private readonly sink: SpoolWriter,
    private readonly label: string,
    columns: readonly string[],
  ) {
    columns.forEach((c, i) => this.colIndex.set(c.trim().toLowerCase(), i));
    this.values = new Array<unknown>(columns.length);
    this.keys = new Array<string>(columns.length).fill('');
  }

  run(): Step {
    const buf = this.buf;
    const end = buf.length;
    const sink = this.sink;
    let pos = this.pos;
    for (;;) {
      if (sink.full() || pos >= end) {
        this.pos = pos;
        return sink.full() ? BATCH : this.final ? DONE : NEED;
      }
      const lf = buf.indexOf(LF, pos);
      if (lf < 0 && !this.final) {
        if (end - pos > MAX_RECORD_BYTES) {
          throw badInput(`${this.label}: line ${this.line}: line longer than ${MAX_RECORD_BYTES >> 20} MB`);
        }
        this.pos = pos;
        return NEED;
      }
      let e = lf < 0 ? end : lf;
      if (e > pos && buf[e - 1] === CR) e--;
      let s = pos;
      while (s < e && (buf[s] === SP || buf[s] === TAB || buf[s] === CR)) s++;
      if (s < e) this.record(pos, e);
      this.line++;
      pos = lf < 0 ? end : lf + 1;
    }
  }

  private record(start: number, end: number): void {
    const line = this.line;
    const text = this.buf.toString('utf8', start, end);
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      this.sink.reject(
        line,
        rawText(this.buf, start, end),
        `line ${line}: invalid JSON (${shortJsonError(err)})`,
      );
      return;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      const found = obj === null ? 'null' : Array.isArray(obj) ? 'an array' : `a ${typeof obj}`;
      this.sink.reject(
        line,
        rawText(this.buf, start, end),
        `line ${line}: invalid JSON (expected an object, found ${found})`,
      );
      return;
    }
    const values = this.values;
    const keys = this.keys;
    values.fill(undefined);
    const o = obj as Record<string, unknown>;
    for (const key in o) {
      let idx = this.keyCache.get(key);
      if (idx === undefined) {
        idx = this.colIndex.get(key.trim().toLowerCase()) ?? -1;
        if (this.keyCache.size >= KEY_CACHE_MAX) this.keyCache.clear();
        this.keyCache.set(key, idx);
      }
      if (idx >= 0) {
        values[idx] = o[key];
        keys[idx] = key;
      }
    }
    let out = '';
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (j > 0) out += ',';
      if (v == null) continue;
      if (typeof v === 'string') {
        out += NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
      } else if (typeof v === 'number') {
        const t = String(v);
        // JSON.parse rounds long numbers (ids beyond 2^53, many decimals): keep the source digits.
        out += t.length < 16 && !t.includes('e') ? t : (rawNumber(text, keys[j]!) ?? t);
      } else if (typeof v === 'boolean') {
        out += v ? 'true' : 'false';
      } else {
        this.sink.reject(
          line,
          rawText(this.buf, start, end),
          `line ${line}: field "${keys[j]}": nested value not allowed`,
        );
        return;
      }
    }
    this.sink.writeString(line, out);
  }
}

/** V8's message without the echo of the input it appends ("..., "{bad" is not valid JSON"). */
function shortJsonError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const short = msg
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected token '(.)', .*/s, "Unexpected token '$1'");
  return short.length > 120 ? `${short.slice(0, 117)}...` : short;
}

/** Source text of a top-level number member of an already validated JSON object (last one wins). */
function rawNumber(text: string, key: string): string | undefined {
  let found: string | undefined;
  let i = skipWs(text, text.indexOf('{') + 1);
  while (text[i] === '"') {
    const kEnd = stringEnd(text, i);
    const k = JSON.parse(text.slice(i, kEnd)) as string;
    i = skipWs(text, skipWs(text, kEnd) + 1);
    const vStart = i;
    i = valueEnd(text, i);
    if (k === key) found = text.slice(vStart, i);
    i = skipWs(text, i);
    if (text[i] !== ',') break;
    i = skipWs(text, i + 1);
  }
  return found;
}

function skipWs(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\r' || t[i] === '\n')) i++;
  return i;
}

function stringEnd(t: string, i: number): number {
  for (i++; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '"') return i + 1;
  }
  return i;
}

function valueEnd(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return stringEnd(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < t.length; i++) {
      const d = t[i];
      if (d === '"') i = stringEnd(t, i) - 1;
      else if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return i + 1;
    }
    return i;
  }
  while (i < t.length && !',}] \t\r\n'.includes(t[i]!)) i++;
  return i;
}
