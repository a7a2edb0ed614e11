import { usageError } from '../errors.js';
import { createToken, listTokens, revokeToken } from '../settings/tokens.js';
import { parse } from './args.js';
import { withStore, type Globals } from './context.js';

export const TOKEN_HELP = `callkpi token create --role admin|supervisor|agent [--agent ID] [--label TEXT]
callkpi token list [--format table|json]
callkpi token revoke ID

Tokens sign in to the HTTP API and the dashboard. A new token is printed once; only its hash is
kept. An agent token sees only that agent's own figures and targets.
While callkpi serve runs it holds the database: manage tokens through its API (/api/v1/tokens).`;

export async function tokenCommand(argv: string[], g: Globals): Promise<number> {
  const { values, positionals } = parse('token', argv, {
    role: { type: 'string' },
    agent: { type: 'string' },
    label: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h' },
  });
  const [action, id] = positionals;
  if (values.help || !action) {
    console.log(TOKEN_HELP);
    return values.help ? 0 : 2;
  }
  if (action === 'create') {
    if (!values.role) throw usageError('token create: --role admin|supervisor|agent is required');
    const { token, info } = await withStore(g, (s) =>
      createToken(s, { role: values.role!, agent: values.agent ?? null, label: values.label ?? null }),
    );
    console.log(token);
    console.error(
      `token ${info.id} (${info.role}${info.agent ? ` for agent ${info.agent}` : ''}) created; it is shown only now`,
    );
    return 0;
  }
  if (action === 'list') {
    const tokens = await withStore(g, listTokens);
    if (values.format === 'json') console.log(JSON.stringify(tokens, null, 2));
    else if (!tokens.length) console.log('no tokens (callkpi token create --role admin makes one)');
    else
      for (const t of tokens)
        console.log(
          `${t.id}  ${t.role.padEnd(10)} ${(t.agent ?? '').padEnd(12)} ${t.created_at.slice(0, 16)}  ${t.revoked_at ? `revoked ${t.revoked_at.slice(0, 16)}` : 'active'}  ${t.label ?? ''}`,
        );
    return 0;
  }
  if (action === 'revoke') {
    if (!id) throw usageError('token revoke: expected a token ID (callkpi token list shows them)');
    const t = await withStore(g, (s) => revokeToken(s, id));
    console.log(`token ${t.id} revoked`);
    return 0;
  }
  throw usageError(`token ${action}: expected create, list or revoke`);
}
