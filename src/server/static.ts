import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import type { Env } from './env.js';

// The built dashboard: files under dist/web, and index.html for every other path so a shared link
// such as /roi?campaign=SOLAR opens its page. Hashed assets are cached for a year, index.html never.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The folder holding the built dashboard: `<package root>/dist/web`. */
export function defaultWebRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const web = join(dir, 'dist', 'web');
      return existsSync(join(web, 'index.html')) ? web : null;
    }
    dir = dirname(dir);
  }
  return null;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>callkpi</title>
<p>The dashboard is not built. Run <code>npm run build</code>, then start <code>callkpi serve</code> again.
The API answers at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>`;

export function staticHandler(root: string | null) {
  const base = root ? resolve(root) : null;
  return async (c: Context<Env>): Promise<Response> => {
    if (!base) return c.html(NOT_BUILT, 503);
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const file = normalize(join(base, path));
    const inside = file.startsWith(base + sep);
    const ext = extname(file);
    if (inside && ext && TYPES[ext]) {
      try {
        const data = await readFile(file);
        const immutable = path.startsWith('/assets/');
        return c.body(data, 200, {
          'content-type': TYPES[ext],
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...SECURITY_HEADERS,
        });
      } catch {
        if (path.startsWith('/assets/')) return c.text('not found', 404);
      }
    }
    const index = await readFile(join(base, 'index.html'));
    return c.body(index, 200, {
      'content-type': TYPES['.html']!,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
  };
}
