import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallkpiError } from '../../src/errors.js';
import {
  detectFormat,
  openScanner,
  type ScanOptions,
  type StructuralReject,
} from '../../src/ingest/scanner.js';

let dir: string;
let spoolDir: string;
let fileNo = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanner-test-'));
  spoolDir = mkdtempSync(join(dir, 'spool-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(content: string | Buffer, name = `f${++fileNo}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Batch {
  index: number;
  rows: number;
  text: string;
  rejects: StructuralReject[];
}
interface Scanned {
  names: string[];
  delimiter: string;
  format: string;
  batches: Batch[];
  spool: string;
  rejects: StructuralReject[];
}

async function scanOnce(source: string, opts: Partial<ScanOptions> = {}): Promise<Scanned> {
  const sc = await openScanner(source, { spoolDir, ...opts });
  const batches: Batch[] = [];
  for await (const { batch, rejects } of sc.batches()) {
    batches.push({ index: batch.index, rows: batch.rows, text: readFileSync(batch.path, 'utf8'), rejects });
    unlinkSync(batch.path);
  }
  return {
    ...sc.header,
    batches,
    spool: batches.map((b) => b.text).join(''),
    rejects: batches.flatMap((b) => b.rejects),
  };
}

// Every scan also runs with tiny read sizes, so records, quoted fields and CRLF pairs straddle
// chunk boundaries, and must give exactly the same result as one big read.
const CHUNKINGS = [1, 2, 3, 7, 64];

async function scan(
  source: string,
  opts: Partial<ScanOptions> = {},
  chunkings = CHUNKINGS,
): Promise<Scanned> {
  const whole = await scanOnce(source, opts);
  for (const highWaterMark of chunkings) {
    expect(await scanOnce(source, { ...opts, highWaterMark }), `highWaterMark ${highWaterMark}`).toEqual(
      whole,
    );
  }
  expect(readdirSync(spoolDir)).toEqual([]);
  return whole;
}

async function scanError(source: string, opts: Partial<ScanOptions> = {}): Promise<CallkpiError> {
  const err: unknown = await scanOnce(source, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CallkpiError);
  expect((err as CallkpiError).code).toBe('bad_input');
  return err as CallkpiError;
}

const reject = (line: number, raw: string, reason: string): StructuralReject => ({ line, raw, reason });

describe('CSV structure', () => {
  it('strips a BOM and CRLF line endings', async () => {
    const r = await scan(file('\uFEFFcall_id,agent,talk_sec\r\nc1,a1,10\r\nc2,a2,20\r\n'));
    expect(r).toMatchObject({ names: ['call_id', 'agent', 'talk_sec'], delimiter: ',', format: 'csv' });
    expect(r.spool).toBe('2,c1,a1,10\n3,c2,a2,20\n');
    expect(r.rejects).toEqual([]);
  });

  it('trims header names, unquotes them and keeps their spelling', async () => {
    const r = await scan(file('"Call ID", Agent ,"say ""x"""\n1,2,3\n'));
    expect(r.names).toEqual(['Call ID', 'Agent', 'say "x"']);
    expect(r.spool).toBe('2,1,2,3\n');
  });

  it('keeps quoted delimiters and newlines, numbering records by their first line', async () => {
    const r = await scan(file('id,note,n\n1,"a,b",x\n2,"line1\nline2\nline3",y\n3,"",z\n'));
    expect(r.spool).toBe('2,1,"a,b",x\n3,2,"line1\nline2\nline3",y\n6,3,"",z\n');
  });

  it('keeps a CRLF inside a quoted field verbatim but strips the record terminator', async () => {
    const r = await scan(file('id,note\r\n1,"a\r\nb"\r\n2,c\r\n'));
    expect(r.spool).toBe('2,1,"a\r\nb"\n4,2,c\n');
  });

  it('copies "" escapes verbatim', async () => {
    const r = await scan(file('id,q\n1,"say ""hi"""\n2,""""\n'));
    expect(r.spool).toBe('2,1,"say ""hi"""\n3,2,""""\n');
  });

  it('handles a last record without a line break', async () => {
    expect((await scan(file('a,b\n1,2'))).spool).toBe('2,1,2\n');
    expect((await scan(file('a,b\n1,"2"'))).spool).toBe('2,1,"2"\n');
    expect((await scan(file('a,b\r\n1,2\r'))).spool).toBe('2,1,2\n');
    expect((await scan(file('a,b\n1,'))).spool).toBe('2,1,\n');
  });

  it('rejects malformed quoting and resumes on the next line', async () => {
    const r = await scan(file('id,a,b\n1,ab"c,x\n2,"ab"c,x\n3,ok,y\n4,"q" ,z\n'));
    expect(r.spool).toBe('4,3,ok,y\n');
    expect(r.rejects).toEqual([
      reject(2, '1,ab"c,x', 'line 2: malformed quoting in field 2 "a" (quote inside an unquoted field)'),
      reject(3, '2,"ab"c,x', 'line 3: malformed quoting in field 2 "a" (text after closing quote)'),
      reject(5, '4,"q" ,z', 'line 5: malformed quoting in field 2 "a" (text after closing quote)'),
    ]);
  });

  it('rejects a multi-line record whose damage is on a later line, as a whole', async () => {
    const r = await scan(file('id,a\r\n1,"x\r\ny"z\r\n2,ok\r\n'));
    expect(r.rejects).toEqual([
      reject(2, '1,"x\ny"z', 'line 2: malformed quoting in field 2 "a" (text after closing quote)'),
    ]);
    expect(r.spool).toBe('4,2,ok\n');
  });

  it('rejects a quote at the start of a later field that never closes, and resumes after its line', async () => {
    const r = await scan(file('id,a,b\n1,"open,x\n2,b,c\n3,d,e\n'));
    expect(r.rejects).toEqual([reject(2, '1,"open,x', 'line 2: unterminated quoted field 2 "a"')]);
    expect(r.spool).toBe('3,2,b,c\n4,3,d,e\n');
  });

  it('gives up on a quoted field spanning more than 100 lines', async () => {
    // line 2 opens a quote; the closing quote is on line 153
    const body = Array.from({ length: 150 }, () => 'x,y').join('\n');
    const r = await scan(file(`id,a\n1,"open\n${body}\nend",z\n5,w\n`));
    expect(r.rejects).toEqual([
      reject(2, '1,"open', 'line 2: unterminated quoted field 2 "a"'),
      reject(153, 'end",z', 'line 153: malformed quoting in field 1 "id" (quote inside an unquoted field)'),
    ]);
    const expected = Array.from({ length: 150 }, (_, i) => `${i + 3},x,y\n`).join('') + '154,5,w\n';
    expect(r.spool).toBe(expected);
  });

  it('accepts a quoted field of exactly 100 lines', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `l${i + 1}`);
    const ok = await scanOnce(file(`id,a\n1,"${lines.join('\n')}"\n2,b\n`));
    expect(ok.rejects).toEqual([]);
    expect(ok.spool).toBe(`2,1,"${lines.join('\n')}"\n102,2,b\n`);

    const tooLong = [...lines, 'l101'];
    const bad = await scanOnce(file(`id,a\n1,"${tooLong.join('\n')}"\n2,b\n`));
    expect(bad.rejects[0]).toEqual(reject(2, '1,"l1', 'line 2: unterminated quoted field 2 "a"'));
    // lines 3..102 (l2 .. l101") are then read as records of one field each
    expect(bad.rejects).toHaveLength(101);
    expect(bad.rejects[100]!.reason).toBe(
      'line 102: malformed quoting in field 1 "id" (quote inside an unquoted field)',
    );
    expect(bad.spool).toBe('103,2,b\n');
  });

  it('gives up on a quoted field longer than 64 KB', async () => {
    const r = await scan(file(`id,a\n1,"${'x'.repeat(70_000)}\n2,b\n`), {}, [7, 1000]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]!.line).toBe(2);
    expect(r.rejects[0]!.reason).toBe('line 2: unterminated quoted field 2 "a"');
    expect(r.rejects[0]!.raw).toBe(`1,"${'x'.repeat(4096 - 3)}`);
    expect(r.spool).toBe('3,2,b\n');
  });

  it('accepts a quoted field of 60 KB', async () => {
    const big = 'y'.repeat(60_000);
    const r = await scanOnce(file(`id,a\n1,"${big}"\n2,b\n`), { highWaterMark: 5 });
    expect(r.spool).toBe(`2,1,"${big}"\n3,2,b\n`);
  });

  it('passes records larger than the output buffer through, and refuses records over 8 MB', async () => {
    const big = 'z'.repeat(5 << 20);
    const r = await scanOnce(file(`a,b\n1,${big}\n2,"${'q'.repeat(100)}"\n`));
    expect(r.spool).toBe(`2,1,${big}\n3,2,"${'q'.repeat(100)}"\n`);

    const path = file(`a,b\n1,2\n3,${'z'.repeat(9 << 20)}\n`);
    expect((await scanError(path)).message).toBe(`${path}: line 3: record longer than 8 MB (is this CSV?)`);
  });

  it('rejects a carriage return inside an unquoted field', async () => {
    const r = await scan(file('a,b\n1,x\ry\n2,z\n'));
    expect(r.rejects).toEqual([
      reject(
        2,
        '1,x\ry',
        'line 2: carriage return inside unquoted field 2 "b" (quote the field, or use LF or CRLF line endings)',
      ),
    ]);
    expect(r.spool).toBe('3,2,z\n');
  });

  it('rejects records with the wrong number of fields', async () => {
    const r = await scan(file('a,b,c\n1,2\n1,2,3,4\n1,2,3\n1,2,3,,x\n'));
    expect(r.rejects).toEqual([
      reject(2, '1,2', 'line 2: expected 3 fields, found 2'),
      reject(3, '1,2,3,4', 'line 3: expected 3 fields, found 4'),
      reject(5, '1,2,3,,x', 'line 5: expected 3 fields, found 5'),
    ]);
    expect(r.spool).toBe('4,1,2,3\n');
  });

  it('accepts a record padded with empty fields past the header, and drops them', async () => {
    // Spreadsheet exports pad rows with delimiters; "" counts as empty too. The last three records
    // (a multi-line quoted field, a leading space, no final line break) take the general path.
    const src = [
      'a,b,c',
      '1,2,3,',
      '4,5,6,,,',
      '7,"8",9,"",',
      '"10",11,"12",,""',
      '13,14,15,,0',
      '"x\ny",5,6,,',
      ' 19,20,21,,',
      '22,23,24,,',
    ];
    const r = await scan(file(src.join('\n')));
    expect(r.names).toEqual(['a', 'b', 'c']);
    expect(r.spool).toBe(
      '2,1,2,3\n3,4,5,6\n4,7,"8",9\n5,"10",11,"12"\n7,"x\ny",5,6\n9, 19,20,21\n10,22,23,24\n',
    );
    expect(r.rejects).toEqual([reject(6, '13,14,15,,0', 'line 6: expected 3 fields, found 5')]);
  });

  it('drops empty trailing unnamed columns from the header and from records', async () => {
    const src = [
      'a,b,,',
      '1,2,,',
      '3,4',
      '5,6,',
      '7,8,x,',
      '9,10,,y',
      '11,12,,,',
      '13',
      '"14",15,"",',
      '16,17,,,z',
      '',
    ];
    const r = await scan(file(src.join('\r\n')));
    expect(r.names).toEqual(['a', 'b']);
    // line 7 has more fields than the header, but all empty: accepted like any padded row
    expect(r.spool).toBe('2,1,2\n3,3,4\n4,5,6\n7,11,12\n9,"14",15\n');
    expect(r.rejects).toEqual([
      reject(5, '7,8,x,', 'line 5: value in unnamed column 3'),
      reject(6, '9,10,,y', 'line 6: value in unnamed column 4'),
      reject(8, '13', 'line 8: expected 2 fields, found 1'),
      reject(10, '16,17,,,z', 'line 10: expected 2 fields, found 5'),
    ]);
  });

  it('skips blank lines but counts them', async () => {
    const r = await scan(file('a,b\n\n1,2\n   \t\n\r\n3,4\n\n'));
    expect(r.spool).toBe('3,1,2\n6,3,4\n');
    expect(r.rejects).toEqual([]);
    expect((await scan(file('\n\r\na,b\n1,2\n'))).spool).toBe('4,1,2\n');
  });

  it('detects ; tab and | delimiters, ignoring quoted text', async () => {
    const semi = await scan(file('a;b;c\n1;"x;y";3\n'));
    expect(semi).toMatchObject({ delimiter: ';', spool: '2;1;"x;y";3\n' });
    const tab = await scan(file('a\tb\n1\t2\n\t3\n'));
    expect(tab).toMatchObject({ delimiter: '\t', names: ['a', 'b'], spool: '2\t1\t2\n3\t\t3\n' });
    expect(await scan(file('a|b\n1|2\n'))).toMatchObject({ delimiter: '|', spool: '2|1|2\n' });
    expect(await scan(file('"x,y,z";w\n1;2\n'))).toMatchObject({ delimiter: ';', names: ['x,y,z', 'w'] });
    expect(await scan(file('single\nv\n'))).toMatchObject({
      delimiter: ',',
      names: ['single'],
      spool: '2,v\n',
    });
  });

  it('reads headerless files with the given names', async () => {
    const r = await scan(file('"x",1\n\ny,2\n'), { headerless: ['k', 'v'] });
    expect(r).toMatchObject({ names: ['k', 'v'], spool: '1,"x",1\n3,y,2\n' });
  });

  it('truncates raw to 4 KB on a character boundary', async () => {
    const r = await scanOnce(file(`a\n1,${'é'.repeat(3000)}\n`));
    // 2 ASCII bytes, then 2047 two-byte characters fill 4096 bytes
    expect(r.rejects[0]!.raw).toBe(`1,${'é'.repeat(2047)}`);
  });
});

/**
 * The CSV rules restated as a slow, obvious model over a string (no size limits: the inputs are
 * small). The scanner has a fast path and a general path; random inputs must come out the same.
 * `names` are the header's named columns; `total` counts its trailing unnamed ones too.
 */
function model(
  text: string,
  names: readonly string[],
  total: number,
): { spool: string; rejects: StructuralReject[] } {
  const d = ',';
  const named = names.length;
  // a damaged field is named by position and, where the header has one, by name
  const field = (n: number) => (names[n - 1] ? `field ${n} ${JSON.stringify(names[n - 1])}` : `field ${n}`);
  const len = text.length;
  const clean = (s: string) => s.replace(/\r\n/g, '\n').replace(/\r$/, '');
  const breaks = (s: string) => s.split('\n').length - 1;
  const lineEnd = (i: number) => (text.indexOf('\n', i) < 0 ? len : text.indexOf('\n', i));
  let spool = '';
  const rejects: StructuralReject[] = [];
  let pos = 0;
  let line = 2;
  records: while (pos < len) {
    if (/^[ \t\r]*$/.test(text.slice(pos, lineEnd(pos)))) {
      pos = lineEnd(pos) + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let i = pos;
    let error = '';
    for (;;) {
      if (text[i] === '"') {
        let j = i + 1;
        while (j < len && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
        if (j >= len) {
          const end = lineEnd(i);
          rejects.push(
            reject(
              line,
              clean(text.slice(pos, end)),
              `line ${line}: unterminated quoted ${field(fields.length + 1)}`,
            ),
          );
          line += breaks(text.slice(pos, end)) + 1;
          pos = end + 1;
          continue records;
        }
        fields.push(text.slice(i, j + 1));
        i = j + 1;
        const c = text[i];
        if (i < len && c !== d && c !== '\n' && !(c === '\r' && (i + 1 === len || text[i + 1] === '\n'))) {
          error = `malformed quoting in ${field(fields.length)} (text after closing quote)`;
        }
      } else {
        let j = i;
        while (j < len && !`${d}\n\r"`.includes(text[j]!)) j++;
        if (text[j] === '"')
          error = `malformed quoting in ${field(fields.length + 1)} (quote inside an unquoted field)`;
        else if (text[j] === '\r' && j + 1 < len && text[j + 1] !== '\n') {
          error = `carriage return inside unquoted ${field(fields.length + 1)} (quote the field, or use LF or CRLF line endings)`;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (error || i >= len || text[i] !== d) break;
      i++;
    }
    const end = error ? lineEnd(i) : i;
    const next = end >= len ? len : text[end] === '\r' ? end + 2 : end + 1;
    const raw = clean(text.slice(pos, end));
    const extra = fields.slice(named).findIndex((f) => f !== '' && f !== '""');
    if (error) rejects.push(reject(line, raw, `line ${line}: ${error}`));
    else if (fields.length === named || (fields.length > named && extra < 0)) {
      // fields past the header, unnamed or not, are dropped when they are all empty
      spool += `${line},${fields.slice(0, named).join(d)}\n`;
    } else if (fields.length > named && fields.length <= total) {
      rejects.push(reject(line, raw, `line ${line}: value in unnamed column ${named + extra + 1}`));
    } else rejects.push(reject(line, raw, `line ${line}: expected ${named} fields, found ${fields.length}`));
    line += breaks(text.slice(pos, next));
    pos = next;
  }
  return { spool, rejects };
}

describe('random CSV against the model', () => {
  it('agrees on 300 random inputs, at every chunking', async () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = ['a', 'bc', ',', ',', ',', '"', '""', '\n', '\r\n', ' ', '\r', 'é'];
    // header line, its named columns, and its column count with the trailing unnamed ones
    const headers: [string, string[], number][] = [
      ['h1,h2,h3,,', ['h1', 'h2', 'h3'], 5],
      ['h1,h2,h3', ['h1', 'h2', 'h3'], 3],
      ['h1,,', ['h1'], 3],
    ];
    for (let n = 0; n < 300; n++) {
      const [header, names, total] = headers[n % headers.length]!;
      let body = '';
      for (let k = Math.floor(random() * 40); k > 0; k--)
        body += pieces[Math.floor(random() * pieces.length)];
      const r = await scan(file(`${header}\n${body}`), {}, [1]);
      const expected = model(body, names, total);
      expect({ spool: r.spool, rejects: r.rejects }, JSON.stringify([header, body])).toEqual(expected);
    }
  });
});

describe('input handling', () => {
  it('reads gzip by magic bytes, whatever the name', async () => {
    const gz = gzipSync(Buffer.from('a,b\r\n1,"x\r\ny"\r\n2,z\r\n'));
    expect((await scan(file(gz, 'plain-name.csv'))).spool).toBe('2,1,"x\r\ny"\n4,2,z\n');
    expect((await scan(file(gz, 'named.csv.gz'))).spool).toBe('2,1,"x\r\ny"\n4,2,z\n');
    expect((await scan(file('a,b\n1,2\n', 'not-really.csv.gz'))).spool).toBe('2,1,2\n');
  });

  it('reports corrupt gzip data', async () => {
    const gz = gzipSync(Buffer.from('a,b\n'.repeat(1000)));
    const err = await scanError(file(gz.subarray(0, 40)));
    expect(err.message).toMatch(/corrupt gzip data/);
  });

  it('reads stdin', async () => {
    const stdin = Readable.from([Buffer.from('a,b\n1,'), Buffer.from('2\r'), Buffer.from('\n')]);
    const sc = await openScanner('-', { spoolDir, stdin });
    expect(sc.label).toBe('stdin');
    expect(sc.totalBytes).toBeUndefined();
    const out: string[] = [];
    for await (const { batch } of sc.batches()) {
      out.push(readFileSync(batch.path, 'utf8'));
      unlinkSync(batch.path);
    }
    expect(out).toEqual(['2,1,2\n']);

    const gz = Readable.from([gzipSync('{"a":1}\n')]);
    const nd = await scanOnce('-', { stdin: gz, format: 'ndjson', columns: ['a'] });
    expect(nd.spool).toBe('1,1\n');
  });

  it('reports progress in bytes of the compressed input', async () => {
    // varied rows, so the compressed file is larger than what the header sniffing reads ahead
    const body = Array.from({ length: 50_000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`).join('');
    const gz = gzipSync(Buffer.from('a,b\n' + body));
    const path = file(gz);
    const seen: [number, number | undefined][] = [];
    const r = await scanOnce(path, { onProgress: (b, t) => seen.push([b, t]), highWaterMark: 256 });
    expect(r.batches[0]!.rows).toBe(50_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([gz.length, gz.length]);
    expect(seen.every(([b], i) => i === 0 || b >= seen[i - 1]![0])).toBe(true);
  });

  it('cuts batches of batchRows records with continuous line numbers', async () => {
    const r = await scan(file('a,b\n1,x\n2,y\nbad\n3,z\n4,w\n5,v\n'), { batchRows: 2 });
    expect(r.batches).toEqual([
      { index: 0, rows: 2, text: '2,1,x\n3,2,y\n', rejects: [] },
      {
        index: 1,
        rows: 2,
        text: '5,3,z\n6,4,w\n',
        rejects: [reject(4, 'bad', 'line 4: expected 2 fields, found 1')],
      },
      { index: 2, rows: 1, text: '7,5,v\n', rejects: [] },
    ]);
    const even = await scan(file('a\n1\n2\n3\n4\n'), { batchRows: 2 });
    expect(even.batches.map((b) => b.rows)).toEqual([2, 2]);
  });

  it('yields a batch without rows when only rejects are left, and nothing for a header-only file', async () => {
    const r = await scan(file('a,b\n1\n'));
    expect(r.batches).toEqual([
      { index: 0, rows: 0, text: '', rejects: [reject(2, '1', 'line 2: expected 2 fields, found 1')] },
    ]);
    expect((await scan(file('a,b\r\n'))).batches).toEqual([]);
  });

  it('hands each batch over as a separate, complete file', async () => {
    const sc = await openScanner(file('a\n1\n2\n3\n'), { spoolDir, batchRows: 1 });
    const paths: string[] = [];
    for await (const { batch } of sc.batches()) {
      expect(readFileSync(batch.path, 'utf8')).toBe(`${batch.index + 2},${batch.index + 1}\n`);
      paths.push(batch.path);
    }
    expect(new Set(paths).size).toBe(3);
    for (const p of paths) unlinkSync(p);
    await expect(sc.batches().next()).rejects.toThrow(/only once/);
  });

  it('leaves only handed-out files behind when the consumer stops early', async () => {
    const sc = await openScanner(file('a\n1\n2\n3\n'), { spoolDir, batchRows: 1 });
    for await (const { batch } of sc.batches()) {
      unlinkSync(batch.path);
      break;
    }
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('releases the input on close() when batches are not wanted', async () => {
    const stdin = Readable.from([Buffer.from('a,b\n1,2\n')]);
    const sc = await openScanner('-', { spoolDir, stdin });
    sc.close();
    expect(stdin.destroyed).toBe(true);
    await expect(sc.batches().next()).rejects.toThrow(/only once/);
  });

  it('rejects empty files', async () => {
    for (const content of ['', '\uFEFF', '\n \r\n\t\n']) {
      const path = file(content);
      expect((await scanError(path)).message).toBe(`${path}: empty file (no header line)`);
    }
    expect((await scanError(file(gzipSync('')))).message).toMatch(/empty file \(no header line\)$/);
  });

  it('rejects a file that is not UTF-8', async () => {
    const path = file(Buffer.from('name,city\nM\xfcller,K\xf6ln\n', 'latin1'));
    expect((await scanError(path)).message).toBe(
      `${path}: not UTF-8 text (Latin-1 or Windows-1252?); convert it to UTF-8`,
    );
  });

  it('rejects single records with invalid UTF-8 beyond the first 64 KB', async () => {
    const good = 'a,b\n' + 'x,é\n'.repeat(20_000);
    const bad = Buffer.from('y,\xfc\n', 'latin1');
    const r = await scan(file(Buffer.concat([Buffer.from(good), bad, Buffer.from('z,ok\n')])), {}, [7, 1000]);
    expect(r.rejects).toEqual([
      reject(
        20_002,
        'y,\ufffd',
        'line 20002: invalid UTF-8 byte sequence (the file is not entirely UTF-8; convert it)',
      ),
    ]);
    expect(r.batches[0]!.rows).toBe(20_001);
    expect(r.spool.endsWith('20001,x,é\n20003,z,ok\n')).toBe(true);
  });

  it('rejects binary files', async () => {
    const path = file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x61, 0x2c]));
    expect((await scanError(path)).message).toBe(`${path}: binary file (not CSV or NDJSON text)`);
  });

  it('rejects UTF-16 with advice to convert', async () => {
    const path = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
    expect((await scanError(path)).message).toBe(
      `${path}: file is UTF-16LE encoded (byte-order mark); convert it to UTF-8`,
    );
    const be = file(Buffer.from([0xfe, 0xff, 0x00, 0x61]));
    expect((await scanError(be)).message).toMatch(/UTF-16BE.*convert it to UTF-8/);
  });

  it('reports a missing file, a directory and a malformed header', async () => {
    const missing = join(dir, 'nope.csv');
    expect((await scanError(missing)).message).toBe(`${missing}: no such file`);
    expect((await scanError(dir)).message).toBe(`${dir}: is a directory, not a file`);
    const bad = file('a,"b\n1,2\n');
    expect((await scanError(bad)).message).toBe(
      `${bad}: line 1: unterminated quoted name in header column 2`,
    );
    const cr = file('a,b\r1,2\r');
    expect((await scanError(cr)).message).toMatch(/bare carriage return/);
  });

  it('detects the format from the name', () => {
    expect(detectFormat('x.ndjson')).toBe('ndjson');
    expect(detectFormat('dir/X.JSONL.gz')).toBe('ndjson');
    expect(detectFormat('x.csv.gz')).toBe('csv');
    expect(detectFormat('x.json')).toBe('csv');
    expect(detectFormat('-')).toBe('csv');
  });
});

describe('NDJSON', () => {
  const columns = ['call_id', 'agent', 'talk_sec', 'ok'];

  it('writes the requested columns as CSV fields', async () => {
    const lines = [
      '{"Call_ID":"c1","agent":"a, b","talk_sec":12,"ok":true,"extra":{"x":1}}',
      '',
      '{"call_id":"c2","agent":"say \\"hi\\"","talk_sec":null}',
      '{"call_id": "c3", "agent": "multi\\nline", "talk_sec": 1.5, "ok": false}\r',
      'not json',
      '[1,2]',
      '{"call_id":"c4","agent":{"name":"x"}}',
      '{" AGENT ":"a5","call_id":"c5","talk_sec":12345678901234567890}',
      '   ',
      '{"call_id":"c6","agent":"cr\\rhere"}',
    ];
    const r = await scan(file(lines.join('\n'), 'calls.ndjson'), { columns });
    expect(r).toMatchObject({ names: columns, delimiter: ',', format: 'ndjson' });
    expect(r.spool).toBe(
      '1,c1,"a, b",12,true\n' +
        '3,c2,"say ""hi""",,\n' +
        '4,c3,"multi\nline",1.5,false\n' +
        '8,c5,a5,12345678901234567890,\n' +
        '10,c6,"cr\rhere",,\n',
    );
    expect(r.rejects.map((x) => [x.line, x.raw])).toEqual([
      [5, 'not json'],
      [6, '[1,2]'],
      [7, '{"call_id":"c4","agent":{"name":"x"}}'],
    ]);
    expect(r.rejects[0]!.reason).toMatch(/^line 5: invalid JSON \(.+\)$/);
    expect(r.rejects[0]!.reason).not.toMatch(/not valid JSON/);
    expect(r.rejects[1]!.reason).toBe('line 6: invalid JSON (expected an object, found an array)');
    expect(r.rejects[2]!.reason).toBe('line 7: field "agent": nested value not allowed');
  });

  it('writes values larger than the output buffer', async () => {
    const big = 'ü'.repeat(2 << 20);
    const r = await scanOnce(file(`{"agent":"${big}"}\n{"agent":"x"}\n`, 'big.ndjson'), { columns });
    expect(r.spool).toBe(`1,,${big},,\n2,,x,,\n`);
  });

  it('rejects lines with invalid UTF-8', async () => {
    const good = '{"agent":"é"}\n'.repeat(6000);
    const content = Buffer.concat([Buffer.from(good), Buffer.from('{"agent":"\xfc"}\n', 'latin1')]);
    const r = await scan(file(content, 'latin.ndjson'), { columns }, [1000]);
    expect(r.batches[0]!.rows).toBe(6000);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'line 6001: invalid UTF-8 byte sequence (the file is not entirely UTF-8; convert it)',
    ]);
  });

  it('writes numbers as their JSON text and decodes escapes', async () => {
    const lines = [
      '{"call_id":1.50,"agent":"\\u00e9t\\u00e9 \\/ \\"x\\"","talk_sec":-0.5e-3,"ok":null}',
      '{ "call_id" : 1E+2 , "agent" : "tab\\there" , "talk_sec" : 0 }',
      '{"call_id":"a","agent":"\\ud83d\\ude00","talk_sec":-0,"ok":true,"AGENT":"later wins"}',
    ];
    const r = await scan(file(lines.join('\n'), 'num.ndjson'), { columns });
    expect(r.rejects).toEqual([]);
    expect(r.spool).toBe('1,1.50,"été / ""x""",-0.5e-3,\n2,1E+2,tab\there,0,\n3,a,later wins,-0,true\n');
  });

  it('rejects what JSON.parse rejects', async () => {
    const lines = [
      '{"call_id":01}',
      '{"call_id":1,}',
      '{"agent":"\\x"}',
      '{"agent":"a"} x',
      '{"agent":"tab\there"}',
      '{',
    ];
    const r = await scan(file(lines.join('\n'), 'bad.ndjson'), { columns });
    expect(r.spool).toBe('');
    expect(r.rejects.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const x of r.rejects) expect(x.reason).toMatch(/^line \d: invalid JSON \(.+\)$/);
  });

  it('writes the same output on the fast path and through JSON.parse', async () => {
    // A nested value under an unknown key sends a line through JSON.parse; the output must not change.
    const values = [
      '"plain"',
      '"with, comma"',
      '"quote \\" inside"',
      '"new\\nline"',
      '"cr\\rhere"',
      '"\\u0041\\u00fc\\u20ac"',
      '"\\ud800"',
      '"ünïcödé, raw"',
      '""',
      '" spaced "',
      '0',
      '-12.5',
      '1.10',
      '6.02e23',
      '12345678901234567890',
      'true',
      'false',
      'null',
    ];
    const lines = values.flatMap((v) => {
      const n = v.startsWith('"') ? '1' : v;
      return [
        `{"call_id":"id","agent":${v},"talk_sec":${n}}`,
        `{"call_id":"id","agent":${v},"zz":{"n":[1]},"talk_sec":${n}}`,
      ];
    });
    const r = await scanOnce(file(lines.join('\n'), 'diff.ndjson'), { columns });
    expect(r.rejects).toEqual([]);
    const fields = r.spool
      .slice(0, -1)
      .split(/\n(?=\d+,)/)
      .map((rec) => rec.replace(/^\d+,/, ''));
    expect(fields).toHaveLength(values.length * 2);
    for (let i = 0; i < values.length; i++) expect(fields[2 * i + 1], values[i]).toBe(fields[2 * i]);
    expect(fields[2]).toBe('id,"with, comma",1,');
    expect(fields[4]).toBe('id,"quote "" inside",1,');
    expect(fields[6]).toBe('id,"new\nline",1,');
    expect(fields[10]).toBe('id,Aü€,1,');
    expect(fields[12]).toBe('id,\ufffd,1,');
    expect(fields[24]).toBe('id,1.10,1.10,');
    expect(fields[28]).toBe('id,12345678901234567890,12345678901234567890,');
    expect(fields[34]).toBe('id,,,');
  });

  it('reads gzip NDJSON with a BOM', async () => {
    const r = await scan(file(gzipSync('\uFEFF{"ok":"yes"}\n'), 'x.jsonl.gz'), { columns });
    expect(r.spool).toBe('1,,,,yes\n');
  });

  it('fills columns that differ only in case from the same key', async () => {
    const lines = ['{"Agent":"a1","n":1}', '{"agent":"a2","x":{"nested":true}}'];
    const r = await scan(file(lines.join('\n'), 'dup.ndjson'), { columns: ['agent', ' AGENT', 'n'] });
    expect(r.spool).toBe('1,a1,a1,1\n2,a2,a2,\n');
  });

  it('needs the column list', async () => {
    expect((await scanError(file('{}\n', 'y.ndjson'))).message).toMatch(/needs the list of columns/);
  });
});

describe('DuckDB reads the spool back', () => {
  it('round-trips quoted newlines, escaped quotes and delimiters', async () => {
    const sc = await openScanner(file('a,b\r\nx,"multi\nline"\r\n"say ""hi""","p,q"\r\nplain,\r\n'), {
      spoolDir,
    });
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows: unknown[][] = [];
    for await (const { batch } of sc.batches()) {
      const reader = await conn.runAndReadAll(
        `SELECT * FROM read_csv('${batch.path}', delim=',', quote='"', escape='"', header=false,
           all_varchar=true, columns={'line':'VARCHAR','a':'VARCHAR','b':'VARCHAR'}) ORDER BY line::INT`,
      );
      rows.push(...reader.getRows());
      unlinkSync(batch.path);
    }
    conn.closeSync();
    db.closeSync();
    expect(rows).toEqual([
      ['2', 'x', 'multi\nline'],
      ['4', 'say "hi"', 'p,q'],
      ['5', 'plain', null],
    ]);
  });
});
