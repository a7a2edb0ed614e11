import { createHash, randomBytes } from 'node:crypto';
import { CallkpiError, notFound, usageError } from '../errors.js';
import type { DuckStore } from '../storage/duckdb/connection.js';

// API tokens: 32 random bytes shown once; the database keeps only their SHA-256. A slow password
// hash buys nothing here: the secret has 256 bits of entropy, so a stolen hash cannot be guessed
// back, and a fast hash keeps every request's lookup cheap.

export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenInfo {
  id: string;
  role: Role;
  /** the agent an `agent` token is bound to */
  agent: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface Identity {
  role: Role;
  agent: string | null;
  /** the token's id, or null for the single user of a loopback server without tokens */
  tokenId: string | null;
}

const PREFIX = 'ck_';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export async function createToken(
  store: DuckStore,
  input: { role: string; agent?: string | null; label?: string | null },
): Promise<{ token: string; info: TokenInfo }> {
  if (!isRole(input.role)) throw usageError(`role ${input.role}: expected one of ${ROLES.join(', ')}`);
  const agent = input.agent?.trim() || null;
  if (input.role === 'agent' && !agent) throw usageError('an agent token needs --agent ID');
  if (input.role !== 'agent' && agent)
    throw usageError(`--agent is only for agent tokens, not ${input.role}`);
  const id = randomBytes(6).toString('hex');
  const token = PREFIX + randomBytes(32).toString('base64url');
  const createdAt = new Date();
  await store.run(
    `INSERT INTO api_tokens (id, token_hash, role, agent, label, created_at) VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMPTZ))`,
    [id, hashToken(token), input.role, agent, input.label?.trim() || null, createdAt.toISOString()],
  );
  return {
    token,
    info: {
      id,
      role: input.role,
      agent,
      label: input.label?.trim() || null,
      created_at: createdAt.toISOString(),
      revoked_at: null,
    },
  };
}

type TokenRow = {
  id: string;
  role: string;
  agent: string | null;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
};

const toInfo = (r: TokenRow): TokenInfo => ({
  id: r.id,
  role: r.role as Role,
  agent: r.agent,
  label: r.label,
  created_at: r.created_at.toISOString(),
  revoked_at: r.revoked_at ? r.revoked_at.toISOString() : null,
});

export async function listTokens(store: DuckStore): Promise<TokenInfo[]> {
  const rows = await store.all<TokenRow>(
    `SELECT id, role, agent, label, created_at, revoked_at FROM api_tokens ORDER BY created_at, id`,
  );
  return rows.map(toInfo);
}

/** Whether any token can still sign in: a server on a public address needs one. */
export async function hasActiveTokens(store: DuckStore): Promise<boolean> {
  return !!(await store.one(`SELECT 1 AS x FROM api_tokens WHERE revoked_at IS NULL LIMIT 1`));
}

export async function revokeToken(store: DuckStore, id: string): Promise<TokenInfo> {
  const row = await store.one<TokenRow>(
    `SELECT id, role, agent, label, created_at, revoked_at FROM api_tokens WHERE id = $1`,
    [id],
  );
  if (!row) throw notFound(`token ${id}: no such token (callkpi token list shows them)`);
  if (!row.revoked_at) {
    const at = new Date();
    await store.run(`UPDATE api_tokens SET revoked_at = CAST($1 AS TIMESTAMPTZ) WHERE id = $2`, [
      at.toISOString(),
      id,
    ]);
    row.revoked_at = at;
  }
  return toInfo(row);
}

/** The identity a presented token stands for; unauthorized when it is unknown or revoked. */
export async function authenticate(store: DuckStore, token: string): Promise<Identity> {
  const row = await store.one<TokenRow>(
    `SELECT id, role, agent, label, created_at, revoked_at FROM api_tokens WHERE token_hash = $1`,
    [hashToken(token.trim())],
  );
  if (!row || row.revoked_at) throw new CallkpiError('unauthorized', 'unknown or revoked token');
  return { role: row.role as Role, agent: row.agent, tokenId: row.id };
}
