import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCli, CLI, ROOT } from './build.js';

// `callkpi token` and `callkpi serve` as a user runs them: a token is printed once and works, a
// public address refuses to start without one, and a running server holds the file.

let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'callkpi-serve-'));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function callkpi(db: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.CALLKPI_DB;
  return spawnSync(process.execPath, [CLI, '--db', db, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Starts `callkpi serve`, resolves with its URL once it prints it. */
function serve(db: string, ...args: string[]) {
  const child = spawn(process.execPath, [CLI, '--db', db, 'serve', ...args], { cwd: ROOT });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /dashboard at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, url };
}

describe('callkpi token', () => {
  test('create prints the token once; list shows it without the secret; revoke ends it', () => {
    const db = join(dir, 'tokens.duckdb');
    const made = callkpi(db, 'token', 'create', '--role', 'agent', '--agent', '1001', '--label', 'Ann');
    expect(made.status, made.stderr).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^ck_[A-Za-z0-9_-]{40,}$/);
    const id = /token (\w+) \(agent for agent 1001\)/.exec(made.stderr)?.[1];
    expect(id).toBeTruthy();
    const listed = callkpi(db, 'token', 'list', '--format', 'json');
    const tokens = JSON.parse(listed.stdout) as { id: string; role: string; agent: string }[];
    expect(tokens).toEqual([expect.objectContaining({ id, role: 'agent', agent: '1001', revoked_at: null })]);
    expect(listed.stdout).not.toContain(token);
    expect(callkpi(db, 'token', 'revoke', id!).stdout).toContain(`token ${id} revoked`);
    expect(callkpi(db, 'token', 'list').stdout).toMatch(/revoked/);
  });

  test('bad roles and a missing agent are usage errors', () => {
    const db = join(dir, 'bad.duckdb');
    expect(callkpi(db, 'token', 'create', '--role', 'boss').status).toBe(2);
    const r = callkpi(db, 'token', 'create', '--role', 'agent');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs --agent/);
  });
});

describe('callkpi serve', () => {
  test('refuses a public address without tokens', () => {
    const r = callkpi(join(dir, 'public.duckdb'), 'serve', '--host', '0.0.0.0', '--port', '18931');
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/needs API tokens: create one first/);
  });

  test('serves the API on loopback and holds the database file while it runs', async () => {
    const db = join(dir, 'served.duckdb');
    expect(callkpi(db, 'settings', 'set', 'timezone', 'UTC').status).toBe(0);
    const s = serve(db, '--port', '18932');
    try {
      const url = await s.url;
      expect(url).toBe('http://127.0.0.1:18932/');
      const health = (await (await fetch(`${url}api/v1/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      const busy = callkpi(db, 'report', 'funnel');
      expect(busy.status).toBe(1);
      expect(busy.stderr).toMatch(/in use by another callkpi process/);
    } finally {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }
    expect(callkpi(db, 'report', 'funnel', '--format', 'json').status).toBe(0);
  });
});
