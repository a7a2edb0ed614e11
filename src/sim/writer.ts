import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Row } from './types.js';

// RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a quote, comma, CR or LF, quotes
// inside doubled. Lines are batched into large chunks because one stream.write per row costs more
// than generating the row.

const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK = 1 << 20;

export const csvField = (v: string): string => (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function csvLine(row: Row, columns: readonly string[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    if (i) line += ',';
    line += csvField(row[columns[i]!] ?? '');
  }
  return line + '\r\n';
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private buf = '';
  private failure: Error | null = null;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    // Kept until the next write or close reports it; without a listener the error would crash the process.
    this.stream.on('error', (err) => (this.failure ??= err));
    this.buf = columns.map(csvField).join(',') + '\r\n';
  }

  /** Queues a row; await the result (it waits only when the file falls behind). */
  write(row: Row): Promise<void> | undefined {
    return this.writeText(csvLine(row, this.columns), 1);
  }

  /** Queues text that already is CSV lines. */
  writeText(lines: string, rows: number): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    this.buf += lines;
    this.rows += rows;
    return this.buf.length >= CHUNK ? this.flush() : undefined;
  }

  /** Queues bytes that already are CSV lines (the fast call generator encodes its own). */
  async writeBytes(bytes: Uint8Array, rows: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buf) await this.flush();
    this.rows += rows;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  private async flush(): Promise<void> {
    const chunk = this.buf;
    this.buf = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buf) this.stream.write(this.buf);
    this.buf = '';
    this.stream.end();
    await finished(this.stream);
  }
}

/** Writes rows to a CSV file with a header of `columns` (missing fields are empty). */
export async function writeCsv(path: string, rows: Iterable<Row>, columns: readonly string[]): Promise<void> {
  const w = new CsvWriter(path, columns);
  try {
    for (const row of rows) await w.write(row);
  } finally {
    await w.close();
  }
}
