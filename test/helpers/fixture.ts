import { csv, type Scratch } from './store.js';

// A small call center day (2026-03-02, New York, UTC-5) whose every figure is worked out by hand
// in test/reports/*.test.ts. Change nothing here without redoing those sums.

export const FIXTURE_TZ = 'America/New_York';

export const DISPOSITIONS = csv(
  'code,campaign,label,answered,human,machine,fax,drop,contact,win,dnc,callback,not_interested,unworkable,completed,upsell',
  'SALE,,Sale,1,1,0,0,0,1,1,0,0,0,0,1,0',
  'NI,,Not interested,1,1,0,0,0,1,0,0,0,1,0,0,0',
  'A,,Machine,1,0,1,0,0,0,0,0,0,0,0,0,0',
  'NA,,No answer,0,0,0,0,0,0,0,0,0,0,0,0,0',
  'DROP,,Drop,1,1,0,0,1,0,0,0,0,0,0,0,0',
  'DNC,,Do not call,1,1,0,0,0,0,0,1,0,0,0,1,0',
  'ABAND,,Abandon,1,1,0,0,1,0,0,0,0,0,0,0,0',
  'HANDLED,,Handled,1,1,0,0,0,1,0,0,0,0,0,0,0',
  'XFER,,Transfer,1,1,0,0,0,1,0,0,0,0,0,0,0',
  'XFER,CAMP2,Transfer is a win here,1,1,0,0,0,1,1,0,0,0,0,0,0',
);

const H =
  'call_id,started_at,direction,campaign,status,list,lead,agent,ring_sec,wait_sec,talk_sec,hold_sec,wrap_sec';
export const CALLS = csv(
  H,
  'c1,2026-03-02T09:55:00-05:00,outbound,CAMP1,SALE,L1,lead1,a1,5,1,100,10,20',
  'c2,2026-03-02T10:01:00-05:00,outbound,CAMP1,NA,L1,lead1,,30,,,,',
  'c3,2026-03-02T10:05:00-05:00,outbound,CAMP1,NI,L1,lead2,a1,4,2,50,0,10',
  'c4,2026-03-02T10:10:00-05:00,outbound,CAMP1,A,L2,lead3,,6,,,,',
  'c5,2026-03-02T10:12:00-05:00,outbound,CAMP1,DROP,L2,lead4,,5,3,,,',
  'c6,2026-03-02T11:00:00-05:00,outbound,CAMP2,XFER,L3,lead5,a2,3,1,200,0,0',
  'c7,2026-03-02T11:30:00-05:00,outbound,CAMP2,DNC,L3,lead6,a2,3,1,5,0,0',
  'c8,2026-03-02T11:45:00-05:00,outbound,CAMP2,ZZZ,L3,lead6,,2,,,,',
  'i1,2026-03-02T09:10:00-05:00,inbound,SUPPORT,HANDLED,,,a3,,10,300,0,30',
  'i2,2026-03-02T09:20:00-05:00,inbound,SUPPORT,HANDLED,,,a3,,25,100,20,10',
  'i3,2026-03-02T09:30:00-05:00,inbound,SUPPORT,ABAND,,,,,3,,,',
  'i4,2026-03-02T09:40:00-05:00,inbound,SUPPORT,ABAND,,,,,40,,,',
);

export const AGENT_STATES = csv(
  'agent,started_at,ended_at,state,reason,campaign',
  'a1,2026-03-02T09:00:00-05:00,2026-03-02T09:05:00-05:00,pause,LOGIN,CAMP1',
  'a1,2026-03-02T09:05:00-05:00,2026-03-02T09:50:00-05:00,available,,CAMP1',
  'a1,2026-03-02T09:50:00-05:00,2026-03-02T10:20:00-05:00,talk,,CAMP1',
  'a1,2026-03-02T10:20:00-05:00,2026-03-02T10:30:00-05:00,wrap,,CAMP1',
  'a1,2026-03-02T10:30:00-05:00,2026-03-02T10:45:00-05:00,pause,break,',
  'a1,2026-03-02T10:45:00-05:00,2026-03-02T11:00:00-05:00,available,,CAMP1',
);

export const AGENTS = csv('agent,name,team,site', 'a1,Ann,Red,NYC', 'a2,Bob,Blue,NYC', 'a3,Cy,Blue,Remote');
export const LISTS = csv(
  'list,campaign,name,leads',
  'L1,CAMP1,Fresh,10',
  'L2,CAMP1,Aged,20',
  'L3,CAMP2,Web,4',
);

/** Loads the whole fixture day into a scratch database. */
export async function loadFixture(s: Scratch): Promise<void> {
  await s.load('dispositions', 'd.csv', DISPOSITIONS);
  await s.load('agents', 'a.csv', AGENTS);
  await s.load('lists', 'l.csv', LISTS);
  await s.load('calls', 'c.csv', CALLS, { timezone: FIXTURE_TZ });
  await s.load('agent-states', 's.csv', AGENT_STATES, { timezone: FIXTURE_TZ });
}
