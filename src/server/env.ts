import type { Identity } from '../settings/tokens.js';
import type { Session } from './sessions.js';
import type { ServerState } from './state.js';

/** The Hono environment of every route: the shared state and who is asking. */
export type Env = {
  Variables: {
    state: ServerState;
    identity: Identity;
    /** how the identity was shown: changes made by a bearer token need no CSRF value */
    via: 'bearer' | 'session' | 'local';
    session?: Session;
  };
};
