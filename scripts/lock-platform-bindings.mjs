#!/usr/bin/env node
// The registry reachable here serves only the linux-x64 builds of DuckDB's native bindings, so
// `npm install` leaves the other platforms out of package-lock.json and `npm ci` then refuses the
// lock. This adds each missing platform package as an optional entry with its os/cpu, which npm
// skips on other machines. Run it after any `npm install` that touches @duckdb packages.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const platform = (name) => {
  const m = /node-bindings-(darwin|linux|win32)-(x64|arm64)(-musl)?$/.exec(name);
  if (!m) return undefined;
  return { os: [m[1]], cpu: [m[2]], ...(m[1] === 'linux' ? { libc: [m[3] ? 'musl' : 'glibc'] } : {}) };
};
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!key.endsWith('node_modules/@duckdb/node-bindings')) continue;
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const entry = `node_modules/${dep}`;
    const info = platform(dep);
    if (lock.packages[entry] || !info) continue;
    lock.packages[entry] = { version, optional: true, ...info };
    added++;
  }
}
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-platform-bindings: ${added} placeholder entr${added === 1 ? 'y' : 'ies'} added`);
