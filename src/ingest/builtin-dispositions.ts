import { FLAG_IMPLICATIONS } from './disposition-rules.js';
import { DISPOSITION_FLAGS, type DispositionFlag } from './records.js';

// The built-in disposition set every new database starts with: VICIdial's 50 default statuses
// (table vicidial_statuses) mapped to our flags by the rules of reference/dialers.md, plus generic
// codes for sources that have none. Users override any code by importing their own rows.

type Row = Readonly<Record<string, string>>;

// Letters are VICIdial's Y flags: H human_answered, S sale, C customer_contact, D dnc, N not_interested,
// U unworkable, B scheduled_callback, X completed, M answering_machine.
const VICIDIAL_DEFAULTS: readonly (readonly [code: string, label: string, flags: string])[] = [
  ['NEW', 'New Lead', ''],
  ['QUEUE', 'Lead To Be Called', ''],
  ['INCALL', 'Lead Being Called', ''],
  ['DROP', 'Agent Not Available', 'H'],
  ['XDROP', 'Agent Not Available IN', 'H'],
  ['NA', 'No Answer AutoDial', ''],
  ['CALLBK', 'Call Back', 'HCB'],
  ['CBHOLD', 'Call Back Hold', 'HCB'],
  ['A', 'Answering Machine', 'M'],
  ['AA', 'Answering Machine Auto', ''],
  ['AM', 'Answering Machine SentToMesg', 'M'],
  ['AL', 'Answering Machine Msg Played', 'M'],
  ['AFAX', 'Fax Machine Auto', 'U'],
  ['AB', 'Busy Auto', ''],
  ['B', 'Busy', ''],
  ['DC', 'Disconnected Number', 'U'],
  ['ADC', 'Disconnected Number Auto', 'U'],
  ['DEC', 'Declined Sale', 'HC'],
  ['DNC', 'DO NOT CALL', 'HDX'],
  ['DNCL', 'DO NOT CALL Hopper Sys Match', 'DX'],
  ['DNCC', 'DO NOT CALL Hopper Camp Match', 'DX'],
  ['SALE', 'Sale Made', 'HSX'],
  ['N', 'No Answer', ''],
  ['NI', 'Not Interested', 'HCN'],
  ['NP', 'No Pitch No Price', 'H'],
  ['PU', 'Call Picked Up', ''],
  ['PM', 'Played Message', ''],
  ['XFER', 'Call Transferred', 'HC'],
  ['ERI', 'Agent Error', ''],
  ['SVYEXT', 'Survey sent to Extension', ''],
  ['SVYVM', 'Survey sent to Voicemail', ''],
  ['SVYHU', 'Survey Hungup', ''],
  ['SVYREC', 'Survey sent to Record', ''],
  ['QVMAIL', 'Queue Abandon Voicemail Left', ''],
  ['RQXFER', 'Re-Queue', 'H'],
  ['TIMEOT', 'Inbound Queue Timeout Drop', 'H'],
  ['AFTHRS', 'Inbound After Hours Drop', 'H'],
  ['NANQUE', 'Inbound No Agent No Queue Drop', 'H'],
  ['IQNANQ', 'InQueue No-Agent-No-Queue drop', 'H'],
  ['PDROP', 'Outbound Pre-Routing Drop', 'H'],
  ['IVRXFR', 'Outbound drop to Call Menu', 'H'],
  ['SVYCLM', 'Survey sent to Call Menu', 'H'],
  ['MLINAT', 'Multi-Lead auto-alt set inactv', 'HX'],
  ['MAXCAL', 'Inbound Max Calls Drop', 'H'],
  ['LRERR', 'Outbound Local Channel Res Err', 'H'],
  ['QCFAIL', 'QC_FAIL_CALLBK', 'HCB'],
  ['ADCT', 'Disconnected Number Temporary', ''],
  ['LSMERG', 'Agent lead search old lead mrg', ''],
  ['DAIR', 'Dead Air', ''],
  ['ADAIR', 'Dead Air Auto', ''],
];

const LETTER: Readonly<Record<string, DispositionFlag>> = {
  H: 'human',
  S: 'win',
  C: 'contact',
  D: 'dnc',
  N: 'not_interested',
  U: 'unworkable',
  B: 'callback',
  X: 'completed',
  M: 'machine',
};

// VICIdial has no drop flag: these codes are drops by name (outbound drops and inbound queue drops).
const DROP_CODES = new Set([
  'DROP',
  'XDROP',
  'PDROP',
  'TIMEOT',
  'AFTHRS',
  'NANQUE',
  'IQNANQ',
  'MAXCAL',
  'HOLDTO',
  'QVMAIL',
]);
// AA carries no machine flag in VICIdial although it is the auto-detected machine.
const EXTRA_FLAGS: Readonly<Record<string, readonly DispositionFlag[]>> = { AA: ['machine'], AFAX: ['fax'] };

/** A disposition row from a set of flags, closing the implications the importer enforces. */
export function dispositionRow(
  code: string,
  label: string,
  flags: Iterable<DispositionFlag>,
  campaign = '',
): Row {
  const on = new Set<string>(flags);
  for (const [from, to] of FLAG_IMPLICATIONS) if (on.has(from)) on.add(to);
  const row: Record<string, string> = { code, campaign, label };
  for (const f of DISPOSITION_FLAGS) row[f] = on.has(f) ? '1' : '0';
  return Object.freeze(row);
}

function vicidialRow([code, label, letters]: readonly [string, string, string]): Row {
  const flags: DispositionFlag[] = [...letters].map((l) => LETTER[l] as DispositionFlag);
  flags.push(...(EXTRA_FLAGS[code] ?? []));
  if (DROP_CODES.has(code)) flags.push('drop');
  return dispositionRow(code, label, flags);
}

export const VICIDIAL_DISPOSITIONS: readonly Row[] = Object.freeze(VICIDIAL_DEFAULTS.map(vicidialRow));

export const GENERIC_DISPOSITIONS: readonly Row[] = [
  dispositionRow('ANSWERED', 'Answered', ['human']),
  dispositionRow('NO_ANSWER', 'No answer', []),
  dispositionRow('BUSY', 'Busy', []),
  dispositionRow('FAILED', 'Failed', []),
  dispositionRow('CONGESTION', 'Network congestion', []),
  dispositionRow('ABANDONED', 'Abandoned in queue', ['drop']),
  dispositionRow('HANDLED', 'Handled by an agent', ['contact']),
  dispositionRow('RESOLVED', 'Handled and resolved', ['contact', 'completed']),
];
