import { addDays } from './calendar.js';
import { Rng, clamp } from './prng.js';

export interface AgentDef {
  idx: number;
  id: string;
  name: string;
  team: string;
  site: string;
  hiredOn: string;
  /** First day no longer worked (the agent left); null while employed. */
  leftOn: string | null;
  inbound: boolean;
  /** Campaign the agent works on most days. */
  primary: string;
  /** Hidden skill: multiplier on conversion and on handle time. */
  conv: number;
  speed: number;
  /** 0 early, 1 mid, 2 late shift. */
  shift: number;
}

const FIRST = (
  'James Maria Robert Linda Michael Patricia David Jennifer Carlos Aisha Daniel Nicole Kevin Tamika Brian ' +
  'Rachel Jose Emily Anthony Grace Tyrone Megan Luis Hannah Steven Priya Eric Olivia Jamal Sofia Andrew Keisha'
).split(' ');
const LAST = (
  'Smith Johnson Garcia Brown Davis Martinez Wilson Anderson Thomas Taylor Moore Jackson Lee Harris Clark ' +
  'Lewis Robinson Walker Young Allen King Wright Lopez Hill Scott Green Adams Baker Nguyen Carter Mitchell'
).split(' ');
// Names that later layers must escape: an apostrophe (SQL, JS strings) and markup plus quotes (HTML, CSV).
const SPECIAL_NAMES: Readonly<Record<number, string>> = {
  2: "Siobhan O'Brien",
  6: 'Marcus "<b>Ace</b>" Bell',
};

/** Team i serves campaign i; the last team is the inbound-skilled one. */
const TEAMS = [
  { team: 'Falcons', campaign: 'SOLAR' },
  { team: 'Hawks', campaign: 'INSURE' },
  { team: 'Owls', campaign: 'DEBT' },
  { team: 'Ravens', campaign: 'SUPPORT' },
] as const;

export interface RosterEvents {
  /** The last `hires` agents join on hireDate (a staffing change inside the period). */
  hires: number;
  hireDate: string;
  leaver: number | null;
  leaveDate: string;
}

export function buildRoster(seed: number, count: number, start: string, ev: RosterEvents): AgentDef[] {
  const rng = new Rng(seed, 'agents');
  const used = new Set<string>();
  const perTeam = [0, 0, 0, 0];
  const agents: AgentDef[] = [];
  for (let i = 0; i < count; i++) {
    let name = SPECIAL_NAMES[i];
    for (let tries = 0; name === undefined || used.has(name); tries++) {
      // Past the distinct pairs of a large roster, a middle initial keeps names unique.
      const initial = tries > 20 ? ` ${String.fromCharCode(65 + (tries % 26))}.` : '';
      name = `${rng.pick(FIRST)}${initial} ${rng.pick(LAST)}${tries > 100 ? ` ${i + 1}` : ''}`;
    }
    used.add(name);
    // Every fourth agent is inbound-skilled; with fewer than four agents everybody dials.
    const teamIdx = count < 4 ? i % 3 : i % 4;
    const team = TEAMS[teamIdx] ?? TEAMS[0];
    const newHire = i >= count - ev.hires;
    const nthInTeam = perTeam[teamIdx] ?? 0;
    perTeam[teamIdx] = nthInTeam + 1;
    const tenure = rng.int(30, 1100);
    agents.push({
      idx: i,
      id: String(1001 + i),
      name,
      team: team.team,
      site: rng.chance(0.6) ? 'Columbus' : 'Tampa',
      hiredOn: newHire ? ev.hireDate : addDays(start, -tenure),
      leftOn: ev.leaver === i ? ev.leaveDate : null,
      inbound: team.campaign === 'SUPPORT',
      primary: team.campaign,
      conv: clamp(rng.lognormal(1, 0.25), 0.55, 1.7) * (newHire || tenure < 90 ? 0.8 : 1),
      speed: clamp(rng.lognormal(1, 0.12), 0.75, 1.35) * (newHire || tenure < 90 ? 1.12 : 1),
      shift: nthInTeam % 3,
    });
  }
  return agents;
}
