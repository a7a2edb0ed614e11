// Shapes of the API's JSON, mirrored from src/reports (run.ts, executive.ts, goals.ts,
// drilldown.ts, staffing.ts) and docs/api.md. The web build cannot import the server's types (they
// pull in Node and DuckDB), so a change there is copied here.

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Warning {
  code: string;
  [k: string]: unknown;
}

export interface Annotation {
  at: string;
  campaign: string;
  kind: string;
  label: string;
  bucket: string | number | null;
}

export interface ForecastPoint {
  date: string;
  value: number;
  low: number;
  high: number;
}

export interface ReportJson {
  report: string;
  from: string;
  to: string;
  timezone: string;
  by: string[];
  definitions: Record<string, string>;
  rows: Row[];
  totals: Record<string, number | null>;
  warnings: Warning[];
  annotations?: Annotation[];
  forecast?: {
    method: string;
    series: { campaign: string | null; points: ForecastPoint[] }[];
  };
  meta: { currency?: string | null; [k: string]: unknown };
}

/** `none`: no figure to judge (an unknown scope, no data yet) */
export type Status = 'green' | 'amber' | 'red' | 'none' | null;

export interface GoalRow {
  scope: string;
  scope_kind: 'all' | 'campaign' | 'team' | 'agent' | null;
  metric: string;
  period: string;
  target: number;
  direction: string;
  actual: number | null;
  pace: number;
  attainment: number | null;
  status: Status;
  band: string | null;
  projection: number | null;
  projection_low: number | null;
  projection_high: number | null;
  projected_status: Status;
  elapsed_share: number;
}

export interface GoalsReport {
  report: 'goals';
  from: string;
  to: string;
  timezone: string;
  definitions: Record<string, string>;
  rows: GoalRow[];
  warnings: Warning[];
  meta: { as_of: string; projection_method: string; status_rule: string };
}

export interface ExecutiveReport {
  report: 'executive';
  period: string;
  from: string;
  to: string;
  timezone: string;
  totals: Record<string, number | null>;
  revenue_projection: {
    actual: number | null;
    projection: number | null;
    low: number | null;
    high: number | null;
    method: string;
  };
  goals: GoalRow[];
  rows: Row[];
  top_campaigns: string[];
  bottom_campaigns: string[];
  warnings: Warning[];
  definitions: Record<string, string>;
  /** not in ExecutiveReport today: the roi report carries it; shown when present */
  meta?: { currency?: string | null };
}

export interface AgentDrilldown {
  report: 'agent';
  agent: string;
  name: string | null;
  team: string | null;
  from: string;
  to: string;
  timezone: string;
  summary: Row | null;
  by_day: Row[];
  pause_reasons: { reason: string; pause_sec: number }[];
  dispositions: Row[];
  best_hours: Row[];
  worst_hours: Row[];
  definitions: Record<string, string>;
  method: { hours: string };
  warnings: Warning[];
}

export interface StaffingJson extends Omit<ReportJson, 'meta'> {
  meta: {
    method: string;
    targets: Record<string, number | null>;
    queues: string[];
    interval_sec: number;
  };
}

export interface Session {
  authenticated: boolean;
  auth_required: boolean;
  role: 'admin' | 'supervisor' | 'agent' | null;
  agent: string | null;
  /** null while signed out */
  csrf: string | null;
}

export interface MetricInfo {
  id: string;
  label: string;
  unit: Unit;
  direction: string;
  section: string;
  formula: string;
  description: string;
}

export type Unit = 'count' | 'ratio' | 'seconds' | 'per_hour' | 'money' | 'score';

export interface RowsPage {
  from: string;
  to: string;
  timezone: string;
  columns: string[];
  rows: Row[];
  page: number;
  page_size: number;
  total: number;
}
