import { createReadStream, promises as fsp } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { badInput, CallkpiError } from '../errors.js';

// Opens a scanner input (file, gzip file or stdin) as a pull-based stream of decompressed chunks.
// Pull-based so the scanner reads no further than its consumer: backpressure comes for free.

export interface SourceOptions {
  /** read size; tests pass tiny values so records straddle chunk boundaries */
  highWaterMark?: number | undefined;
  /** stands in for process.stdin when source is '-' (tests) */
  stdin?: Readable | undefined;
}

export interface Source {
  /** how the input is named in error messages */
  readonly label: string;
  readonly totalBytes: number | undefined;
  readonly gzip: boolean;
  /** next decompressed chunk; undefined at the end of the input */
  next(): Promise<Buffer | undefined>;
  /** bytes of the raw (possibly compressed) input consumed so far */
  bytesRead(): number;
  close(): void;
}

const DEFAULT_READ = 1 << 20;

function fileError(label: string, err: unknown): CallkpiError {
  if (err instanceof CallkpiError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return badInput(`${label}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return badInput(`${label}: permission denied`);
  if (code === 'EISDIR') return badInput(`${label}: is a directory, not a file`);
  const msg = err instanceof Error ? err.message : String(err);
  return badInput(`${label}: cannot read (${code ?? msg})`);
}

export async function openSource(source: string, opts: SourceOptions = {}): Promise<Source> {
  const label = source === '-' ? 'stdin' : source;
  const limit = opts.highWaterMark !== undefined && opts.highWaterMark > 0 ? opts.highWaterMark : undefined;
  const hwm = limit ?? DEFAULT_READ;
  let raw: Readable;
  let totalBytes: number | undefined;
  if (source === '-') {
    raw = opts.stdin ?? process.stdin;
  } else {
    const st = await fsp.stat(source).catch((err: unknown) => {
      throw fileError(label, err);
    });
    if (st.isDirectory()) throw badInput(`${label}: is a directory, not a file`);
    // A FIFO or /dev/stdin reports size 0, which would make progress meaningless.
    totalBytes = st.isFile() ? st.size : undefined;
    raw = createReadStream(source, { highWaterMark: hwm });
  }

  let rawBytes = 0;
  const rawIt = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const pullRaw = async (): Promise<Buffer | undefined> => {
    let r: IteratorResult<Buffer>;
    try {
      r = await rawIt.next();
    } catch (err) {
      throw fileError(label, err);
    }
    if (r.done) return undefined;
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    rawBytes += chunk.length;
    return chunk;
  };

  // Gzip is recognised by its magic bytes: exports are often renamed or piped without an extension.
  let head: Buffer = Buffer.alloc(0);
  let rawDone = false;
  while (head.length < 2) {
    const c = await pullRaw().catch((err: unknown) => {
      raw.destroy();
      throw err;
    });
    if (!c) {
      rawDone = true;
      break;
    }
    head = head.length === 0 ? c : Buffer.concat([head, c]);
  }
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

  let pull: () => Promise<Buffer | undefined>;
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  if (!gzip) {
    let first: Buffer | undefined = head.length > 0 ? head : undefined;
    pull = async () => {
      if (first) {
        const c = first;
        first = undefined;
        return c;
      }
      return rawDone ? undefined : pullRaw();
    };
  } else {
    const z = createGunzip({ chunkSize: Math.max(64, Math.min(hwm, 256 * 1024)) });
    gunzip = z;
    async function* compressed(): AsyncGenerator<Buffer> {
      yield head;
      for (;;) {
        const c = await pullRaw();
        if (!c) return;
        yield c;
      }
    }
    pipeline(Readable.from(compressed()), z, () => {
      // errors surface through the iterator below
    });
    const zIt = z[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    pull = async () => {
      try {
        const r = await zIt.next();
        return r.done ? undefined : r.value;
      } catch (err) {
        if (err instanceof CallkpiError) throw err;
        const msg = err instanceof Error ? err.message : String(err);
        throw badInput(`${label}: corrupt gzip data (${msg})`);
      }
    };
  }

  // Re-chunking keeps small test read sizes effective even where zlib or stdin pick their own sizes.
  let pending: Buffer | undefined;
  return {
    label,
    totalBytes,
    gzip,
    async next() {
      let c = pending ?? (await pull());
      pending = undefined;
      if (c && limit !== undefined && c.length > limit) {
        pending = c.subarray(limit);
        c = c.subarray(0, limit);
      }
      return c;
    },
    bytesRead: () => rawBytes,
    close() {
      gunzip?.destroy();
      if (raw !== process.stdin) raw.destroy();
    },
  };
}
