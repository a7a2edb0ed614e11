export interface SimOptions {
  /** PRNG seed; the same seed and options give the same output byte for byte. Default 1. */
  seed?: number;
  /** Number of local days simulated. Default 60. */
  days?: number;
  /** Agents on the roster. Default 40. */
  agents?: number;
  /** First local day, YYYY-MM-DD. Default: `days` days before today in the center's time zone. */
  start?: string;
  /** IANA time zone of the center and its campaigns. Default America/New_York. */
  timezone?: string;
  /**
   * Benchmark scale knob: calls per day from the fast generator, which draws calls independently (no
   * agent states, tickets, surveys or QA; agents are not kept from handling two calls at once).
   * Without it, calls come from the floor simulation and their volume follows the agent count.
   */
  callsPerDay?: number;
}

/** A canonical record: field names of src/ingest/records.ts, values as strings, '' = no value. */
export type Row = Record<string, string>;

export interface SimTables {
  agents: Row[];
  campaigns: Row[];
  lists: Row[];
  dispositions: Row[];
  finance: Row[];
  commissions: Row[];
  goals: Row[];
  schedules: Row[];
  annotations: Row[];
}

export interface SimDay {
  date: string;
  calls: Row[];
  agentStates: Row[];
  tickets: Row[];
  surveys: Row[];
  qa: Row[];
}
