import { isUtf8 } from 'node:buffer';
import { badInput } from '../errors.js';
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

// NDJSON → spool records: one object per line, the requested columns written as CSV fields.
// JSON.parse is the reference, but building an object per line makes it about three times slower
// than the byte-level fast path below, which handles flat objects and hands anything else (nested
// values, escaped keys, invalid JSON) to JSON.parse. Both write identical output: strings decoded
// and quoted when needed, numbers and booleans as their JSON text, null or missing as empty.

const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const KEY_CACHE_MAX = 10_000;
const NEEDS_QUOTES = /[",\r\n]/;
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];
/** the characters after a backslash that JSON allows, besides u: " \ / b f n r t */
const SIMPLE_ESCAPES = [QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];

// kinds of a column's value in the fast path
const MISSING = 0;
const VERBATIM = 1; // number, boolean or string without escapes: its bytes as they are
const QUOTED = 2; // string without escapes but with a comma: its bytes in quotes
const ESCAPED = 3; // string with escapes: decoded with JSON.parse

export class NdjsonParser implements RecordParser {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  final = false;
  checkUtf8 = false;
  line = 1;
  private b: Uint8Array = new Uint8Array(0);
  /** trimmed lower-case column name → output position */
  private readonly colIndex = new Map<string, number>();
  /** output position → the position its value is stored at */
  private readonly slot: Int32Array;
  /** object key as written → output position (-1: not a column); keys repeat on every line */
  private readonly keyCache = new Map<string, number>();
  private readonly values: unknown[];
  private readonly keys: string[];
  // fast path: value of each column as a byte range of the line, and its kind
  private readonly kind: Uint8Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  // Lines of one file nearly always list their keys in the same order: the key bytes last seen at
  // each member position, with their column, spare building a string per key.
  private readonly shapeKey: Uint8Array[] = [];
  private readonly shapeCol: number[] = [];
  private scratch = Buffer.alloc(4096);
  private scratch8 = new Uint8Array(this.scratch.buffer, this.scratch.byteOffset, this.scratch.length);

  constructor(
    private readonly sink: SpoolWriter,
    private readonly label: string,
    columns: readonly string[],
  ) {
    // Columns that differ only in case or spacing read the same key: they share one slot.
    this.slot = Int32Array.from(columns, (c, i) => {
      const name = c.trim().toLowerCase();
      if (!this.colIndex.has(name)) this.colIndex.set(name, i);
      return this.colIndex.get(name)!;
    });
    this.values = new Array<unknown>(columns.length);
    this.keys = new Array<string>(columns.length).fill('');
    this.kind = new Uint8Array(columns.length);
    this.from = new Int32Array(columns.length);
    this.to = new Int32Array(columns.length);
  }

  run(): Step {
    const buf = this.buf;
    const b = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    this.b = b;
    const end = b.length;
    const sink = this.sink;
    let pos = this.pos;
    for (;;) {
      if (sink.full() || pos >= end) {
        this.pos = pos;
        return sink.full() ? BATCH : this.final ? DONE : NEED;
      }
      const lf = buf.indexOf(LF, pos);
      if ((lf < 0 ? end : lf) - pos > MAX_RECORD_BYTES) {
        throw badInput(`${this.label}: line ${this.line}: line longer than ${MAX_RECORD_BYTES >> 20} MB`);
      }
      if (lf < 0 && !this.final) {
        this.pos = pos;
        return NEED;
      }
      let e = lf < 0 ? end : lf;
      if (e > pos && b[e - 1] === CR) e--;
      const s = skipWs(b, pos, e);
      if (s < e && (this.checkUtf8 || !this.fast(s, e))) this.slow(pos, e);
      this.line++;
      pos = lf < 0 ? end : lf + 1;
    }
  }

  /** Spools a flat object on b[s, e) and returns true; false when JSON.parse has to decide. */
  private fast(s: number, e: number): boolean {
    const b = this.b;
    const kind = this.kind;
    const from = this.from;
    const to = this.to;
    kind.fill(MISSING);
    if (b[s] !== LBRACE) return false;
    let i = skipWs(b, s + 1, e);
    if (b[i] === RBRACE) i++;
    else {
      for (let member = 0; ; member++) {
        if (b[i] !== QUOTE) return false;
        const ks = i + 1;
        const seen = this.shapeKey[member];
        let j = seen ? sameKey(b, ks, seen) : -1;
        let col: number;
        if (j >= 0) col = this.shapeCol[member]!;
        else {
          for (let c = b[(j = ks)]!; j < e && c !== QUOTE; c = b[++j]!)
            if (c === BACKSLASH || c < SP) return false;
          if (j >= e) return false;
          col = this.column(member, ks, j);
        }
        i = skipWs(b, j + 1, e);
        if (b[i] !== COLON) return false;
        i = skipWs(b, i + 1, e);
        const c = b[i]!;
        let k: number;
        let vs = i;
        let ve: number;
        if (c === QUOTE) {
          ve = this.stringEnd(i + 1, e);
          if (ve < 0) return false;
          k = this.escaped ? ESCAPED : this.comma ? QUOTED : VERBATIM;
          vs = i + 1;
          i = ve + 1;
        } else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
          ve = numberEnd(b, i, e);
          if (ve < 0) return false;
          k = VERBATIM;
          i = ve;
        } else if (matches(b, i, e, TRUE) || matches(b, i, e, FALSE)) {
          ve = i + (c === 0x74 ? 4 : 5);
          k = VERBATIM;
          i = ve;
        } else if (matches(b, i, e, NULL)) {
          ve = i + 4;
          k = MISSING;
          i = ve;
        } else return false;
        if (col >= 0) {
          kind[col] = k;
          from[col] = vs;
          to[col] = ve;
        }
        i = skipWs(b, i, e);
        if (b[i] === COMMA) {
          i = skipWs(b, i + 1, e);
          continue;
        }
        if (b[i] !== RBRACE) return false;
        i++;
        break;
      }
    }
    if (skipWs(b, i, e) !== e) return false;

    // Decoded strings are never longer than their escaped source, so this bounds the record.
    const room = e - s + 3 * kind.length + 16;
    if (this.scratch.length < room) {
      this.scratch = Buffer.alloc(2 * room);
      this.scratch8 = new Uint8Array(this.scratch.buffer, this.scratch.byteOffset, this.scratch.length);
    }
    const out = this.scratch8;
    let p = 0;
    for (let c = 0; c < kind.length; c++) {
      if (c > 0) out[p++] = COMMA;
      const col = this.slot[c]!;
      const k = kind[col];
      if (k === MISSING) continue;
      if (k === ESCAPED) {
        const v = JSON.parse(this.buf.toString('utf8', from[col]! - 1, to[col]! + 1)) as string;
        p += this.scratch.write(csvField(v), p, 'utf8');
        continue;
      }
      // Values are short: a JS loop beats a native copy call here.
      if (k === QUOTED) out[p++] = QUOTE;
      for (let x = from[col]!, end = to[col]!; x < end; x++) out[p++] = b[x]!;
      if (k === QUOTED) out[p++] = QUOTE;
    }
    this.sink.writeSlice(this.line, this.scratch, 0, p);
    return true;
  }

  /** set by stringEnd(): the string just scanned holds escapes, a comma */
  private escaped = false;
  private comma = false;

  /** Offset of the closing quote of the string whose content starts at i; -1 if invalid. */
  private stringEnd(i: number, e: number): number {
    const b = this.b;
    this.escaped = false;
    this.comma = false;
    while (i < e) {
      const c = b[i]!;
      if (c === QUOTE) return i;
      if (c < SP) return -1;
      if (c !== BACKSLASH) {
        if (c === COMMA) this.comma = true;
        i++;
        continue;
      }
      this.escaped = true;
      const x = b[i + 1];
      if (x === 0x75) {
        for (let h = i + 2; h < i + 6; h++) if (!isHex(b[h])) return -1;
        i += 6;
      } else if (x !== undefined && SIMPLE_ESCAPES.includes(x)) i += 2;
      else return -1;
    }
    return -1;
  }

  /** Looks up a key not seen at this member position before, and remembers it there. */
  private column(member: number, ks: number, ke: number): number {
    const col = this.colIndex.get(this.buf.toString('utf8', ks, ke).trim().toLowerCase()) ?? -1;
    this.shapeKey[member] = this.b.slice(ks, ke);
    this.shapeCol[member] = col;
    return col;
  }

  private slow(start: number, end: number): void {
    const line = this.line;
    const reject = (reason: string) =>
      this.sink.reject(line, rawText(this.buf, start, end), `line ${line}: ${reason}`);
    if (this.checkUtf8 && !isUtf8(this.buf.subarray(start, end))) return reject(INVALID_UTF8);
    const text = this.buf.toString('utf8', start, end);
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      return reject(`invalid JSON (${shortJsonError(err)})`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      const found = obj === null ? 'null' : Array.isArray(obj) ? 'an array' : `a ${typeof obj}`;
      return reject(`invalid JSON (expected an object, found ${found})`);
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
    let raw: Map<string, string> | undefined;
    let out = '';
    for (let c = 0; c < values.length; c++) {
      const j = this.slot[c]!;
      const v = values[j];
      if (c > 0) out += ',';
      if (v == null) continue;
      if (typeof v === 'string') out += csvField(v);
      // JSON.parse rounds numbers (1.50 → 1.5, ids beyond 2^53): write the source text instead.
      else if (typeof v === 'number') out += (raw ??= rawMembers(text)).get(keys[j]!) ?? String(v);
      else if (typeof v === 'boolean') out += v ? 'true' : 'false';
      else return reject(`field "${keys[j]}": nested value not allowed`);
    }
    this.sink.writeString(line, out);
  }
}

const csvField = (v: string): string => (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Offset of the closing quote if the key starting at ks is `key`; -1 otherwise. */
function sameKey(b: Uint8Array, ks: number, key: Uint8Array): number {
  const n = key.length;
  for (let x = 0; x < n; x++) if (b[ks + x] !== key[x]) return -1;
  return b[ks + n] === QUOTE ? ks + n : -1;
}

function skipWs(b: Uint8Array, i: number, e: number): number {
  for (let c = b[i]; i < e && (c === SP || c === TAB || c === CR); c = b[++i]);
  return i;
}

function matches(b: Uint8Array, i: number, e: number, word: readonly number[]): boolean {
  if (i + word.length > e) return false;
  for (let x = 0; x < word.length; x++) if (b[i + x] !== word[x]) return false;
  return true;
}

const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** End of a JSON number starting at i (strict grammar); -1 if malformed. */
function numberEnd(b: Uint8Array, i: number, e: number): number {
  if (b[i] === MINUS) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i])) while (i < e && isDigit(b[i])) i++;
  else return -1;
  if (b[i] === DOT) {
    if (!isDigit(b[++i])) return -1;
    while (i < e && isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === PLUS || b[i] === MINUS) i++;
    if (!isDigit(b[i])) return -1;
    while (i < e && isDigit(b[i])) i++;
  }
  return i > e ? -1 : i;
}

/** V8's message without the echo of the input it appends ("..., "{bad" is not valid JSON"). */
function shortJsonError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const short = msg
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected token '(.)', .*/s, "Unexpected token '$1'");
  return short.length > 120 ? `${short.slice(0, 117)}...` : short;
}

/** Source text of the top-level members of a valid JSON object, by key (the last one wins). */
function rawMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = ws(text, text.indexOf('{') + 1);
  while (text[i] === '"') {
    const kEnd = strEnd(text, i);
    const key = JSON.parse(text.slice(i, kEnd)) as string;
    i = ws(text, ws(text, kEnd) + 1);
    const vStart = i;
    i = valueEnd(text, i);
    members.set(key, text.slice(vStart, i));
    i = ws(text, i);
    if (text[i] !== ',') break;
    i = ws(text, i + 1);
  }
  return members;
}

function ws(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\r' || t[i] === '\n')) i++;
  return i;
}

function strEnd(t: string, i: number): number {
  for (i++; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '"') return i + 1;
  }
  return i;
}

function valueEnd(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return strEnd(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < t.length; i++) {
      const d = t[i];
      if (d === '"') i = strEnd(t, i) - 1;
      else if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return i + 1;
    }
    return i;
  }
  while (i < t.length && !',}] \t\r\n'.includes(t[i]!)) i++;
  return i;
}
