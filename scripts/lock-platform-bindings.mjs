#!/usr/bin/env node
// The registry reachable here serves only the linux-x64 builds of native packages (DuckDB's bindings,
// Rollup's and esbuild's binaries used by the dashboard build), so `npm install` leaves the other
// platforms out of package-lock.json and `npm ci` then refuses the lock. This adds each missing
// platform package as an optional entry with its os/cpu, which npm skips on other machines. Run it
// after any `npm install` that touches @duckdb, vite, rollup or esbuild.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = 'aix|android|darwin|freebsd|linux|netbsd|openbsd|openharmony|sunos|win32';
const CPU = 'arm64|arm|ia32|loong64|mips64el|ppc64|riscv64|s390x|x64';
const PLATFORM = new RegExp(`(?:node-bindings-|rollup-|^@esbuild/)(${OS})-(${CPU})(-[a-z0-9]+)?$`);
const platform = (name) => {
  const m = PLATFORM.exec(name);
  if (!m) return undefined;
  const libc = m[1] === 'linux' ? { libc: [/musl/.test(m[3] ?? '') ? 'musl' : 'glibc'] } : {};
  return { os: [m[1] === 'openharmony' ? 'openharmony' : m[1]], cpu: [m[2]], ...libc };
};
const OWNERS = /node_modules\/(@duckdb\/node-bindings|rollup|esbuild)$/;
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!OWNERS.test(key)) continue;
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
