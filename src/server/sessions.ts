import { randomBytes } from 'node:crypto';
import type { Identity } from '../settings/tokens.js';

// Dashboard sessions live in memory: the cookie holds a random id, never the token; a restart signs
// everyone out, which is the safe failure. Each session has its own CSRF value for changes.

export interface Session {
  readonly id: string;
  readonly identity: Identity;
  readonly csrf: string;
  expires: number;
}

export const SESSION_COOKIE = 'callkpi_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

export class Sessions {
  private byId = new Map<string, Session>();

  create(identity: Identity, now = Date.now()): Session {
    const s: Session = {
      id: randomBytes(32).toString('base64url'),
      identity,
      csrf: randomBytes(24).toString('base64url'),
      expires: now + SESSION_TTL_MS,
    };
    this.byId.set(s.id, s);
    return s;
  }

  /** The live session of `id`, its life extended; expired ones are dropped. */
  get(id: string | undefined, now = Date.now()): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    if (s.expires < now) {
      this.byId.delete(id);
      return undefined;
    }
    s.expires = now + SESSION_TTL_MS;
    return s;
  }

  delete(id: string | undefined): void {
    if (id) this.byId.delete(id);
  }

  /** A revoked token signs out every session it opened. */
  revokeToken(tokenId: string): void {
    for (const [id, s] of this.byId) if (s.identity.tokenId === tokenId) this.byId.delete(id);
  }
}
