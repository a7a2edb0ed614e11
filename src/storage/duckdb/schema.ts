import { DISPOSITION_FLAGS } from '../../ingest/records.js';
import {
  AGENT_TIME_KEYS,
  CALL_COUNTER_NAMES,
  CALL_ROLLUP_KEYS,
  COARSE_KEYS,
  MONEY_COUNTERS,
} from '../rollup-columns.js';

// Schema as numbered migrations: a database records the last version applied and an upgrade runs
// the rest in one transaction. Never edit a released migration; append a new one.

const flagCols = DISPOSITION_FLAGS.map((f) => `${f} BOOLEAN NOT NULL DEFAULT FALSE`).join(',\n  ');
const flagSelect = DISPOSITION_FLAGS.map(
  (f) => `CASE WHEN o.code IS NOT NULL THEN o.${f} ELSE coalesce(g.${f}, FALSE) END AS f_${f}`,
).join(',\n  ');

// Counters added by later migrations: v1 creates the rollups without them, as it always did.
const V3_COUNTERS: readonly string[] = ['handled_resolved_yes', 'handled_resolved_known'];
const V1_COUNTERS = CALL_COUNTER_NAMES.filter((c) => !V3_COUNTERS.includes(c));

// The rollups carry no PRIMARY KEY on purpose: DuckDB's index upkeep dominated bulk loads, and the
// writer merges each key exactly once per batch (update existing, insert the rest).
const v1 = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE imports (
  import_id INTEGER PRIMARY KEY, record_type VARCHAR NOT NULL, source VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status VARCHAR NOT NULL,
  accepted BIGINT NOT NULL DEFAULT 0, updated BIGINT NOT NULL DEFAULT 0,
  unchanged BIGINT NOT NULL DEFAULT 0, rejected BIGINT NOT NULL DEFAULT 0)`,
  `CREATE TABLE rejects (
  import_id INTEGER NOT NULL, record_type VARCHAR NOT NULL, source VARCHAR NOT NULL,
  line BIGINT, raw VARCHAR, reason VARCHAR NOT NULL, rejected_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE calls (
  call_id VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, direction VARCHAR NOT NULL,
  campaign VARCHAR NOT NULL, status VARCHAR NOT NULL, list VARCHAR NOT NULL DEFAULT '',
  lead VARCHAR, customer VARCHAR, agent VARCHAR NOT NULL DEFAULT '',
  ring_sec DOUBLE, wait_sec DOUBLE, talk_sec DOUBLE, hold_sec DOUBLE, wrap_sec DOUBLE,
  amount DOUBLE, resolved BOOLEAN, topic VARCHAR NOT NULL DEFAULT '', upsell_amount DOUBLE,
  import_id INTEGER NOT NULL, src_line BIGINT)`,
  `CREATE TABLE dispositions (
  code VARCHAR NOT NULL, campaign VARCHAR NOT NULL DEFAULT '', label VARCHAR,
  ${flagCols},
  import_id INTEGER, src_line BIGINT, PRIMARY KEY (code, campaign))`,
  `CREATE TABLE dispositions_history (
  code VARCHAR NOT NULL, campaign VARCHAR NOT NULL, label VARCHAR,
  ${flagCols},
  recorded_at TIMESTAMPTZ NOT NULL, import_id INTEGER)`,
  `CREATE TABLE agent_states (
  agent VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ NOT NULL, duration_sec DOUBLE,
  state VARCHAR NOT NULL, reason VARCHAR NOT NULL DEFAULT '', campaign VARCHAR NOT NULL DEFAULT '',
  import_id INTEGER NOT NULL, src_line BIGINT, PRIMARY KEY (agent, started_at))`,
  `CREATE TABLE agents (agent VARCHAR PRIMARY KEY, name VARCHAR, team VARCHAR, site VARCHAR,
  hired_on DATE, active BOOLEAN, import_id INTEGER, src_line BIGINT)`,
  `CREATE TABLE campaigns (campaign VARCHAR PRIMARY KEY, name VARCHAR, direction VARCHAR, timezone VARCHAR,
  started_on DATE, drop_group VARCHAR, import_id INTEGER, src_line BIGINT)`,
  `CREATE TABLE lists (list VARCHAR PRIMARY KEY, campaign VARCHAR, name VARCHAR, loaded_on DATE, leads BIGINT,
  cost DOUBLE, import_id INTEGER, src_line BIGINT)`,
  `CREATE TABLE finance (campaign VARCHAR NOT NULL, effective_from TIMESTAMPTZ NOT NULL,
  revenue_per_sale DOUBLE, cost_per_call DOUBLE, cost_per_agent_hour DOUBLE, currency VARCHAR,
  commission VARCHAR, import_id INTEGER, src_line BIGINT, PRIMARY KEY (campaign, effective_from))`,
  `CREATE TABLE goals (scope VARCHAR NOT NULL, period VARCHAR NOT NULL, metric VARCHAR NOT NULL,
  target DOUBLE NOT NULL, amber_at DOUBLE, red_at DOUBLE, import_id INTEGER, src_line BIGINT,
  PRIMARY KEY (scope, period, metric))`,
  `CREATE TABLE tickets (ticket_id VARCHAR PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL, channel VARCHAR,
  agent VARCHAR, customer VARCHAR, topic VARCHAR, first_response_at TIMESTAMPTZ, resolved_at TIMESTAMPTZ,
  status VARCHAR, reopened BIGINT, contacts BIGINT, import_id INTEGER, src_line BIGINT)`,
  `CREATE TABLE surveys (survey_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, score DOUBLE NOT NULL,
  scale_max DOUBLE, responded_at TIMESTAMPTZ NOT NULL, agent VARCHAR, call_id VARCHAR, ticket_id VARCHAR,
  import_id INTEGER, src_line BIGINT)`,
  `CREATE TABLE qa (evaluation_id VARCHAR NOT NULL, criterion VARCHAR NOT NULL, call_id VARCHAR, agent VARCHAR,
  evaluated_at TIMESTAMPTZ NOT NULL, evaluator VARCHAR, weight DOUBLE, score DOUBLE NOT NULL,
  max_score DOUBLE NOT NULL, import_id INTEGER, src_line BIGINT, PRIMARY KEY (evaluation_id, criterion))`,
  `CREATE TABLE schedules (agent VARCHAR NOT NULL, starts_at TIMESTAMPTZ NOT NULL, ends_at TIMESTAMPTZ NOT NULL,
  activity VARCHAR NOT NULL, import_id INTEGER, src_line BIGINT, PRIMARY KEY (agent, starts_at))`,
  `CREATE TABLE annotations ("at" TIMESTAMPTZ NOT NULL, campaign VARCHAR NOT NULL DEFAULT '', kind VARCHAR,
  label VARCHAR NOT NULL, import_id INTEGER, src_line BIGINT, PRIMARY KEY ("at", campaign, label))`,
  `CREATE TABLE call_rollup (
  hour_utc TIMESTAMPTZ NOT NULL,
  ${CALL_ROLLUP_KEYS.map((k) => `${k} VARCHAR NOT NULL`).join(', ')},
  ${V1_COUNTERS.map((c) => `${c} DOUBLE NOT NULL`).join(', ')})`,
  `CREATE TABLE call_rollup_coarse (
  hour_utc TIMESTAMPTZ NOT NULL,
  ${COARSE_KEYS.map((k) => `${k} VARCHAR NOT NULL`).join(', ')},
  ${V1_COUNTERS.map((c) => `${c} DOUBLE NOT NULL`).join(', ')})`,
  `CREATE TABLE agent_time_hourly (
  hour_utc TIMESTAMPTZ NOT NULL,
  ${AGENT_TIME_KEYS.map((k) => `${k} VARCHAR NOT NULL`).join(', ')},
  seconds DOUBLE NOT NULL)`,
  `CREATE TABLE call_status_keys (campaign VARCHAR NOT NULL, status VARCHAR NOT NULL, PRIMARY KEY (campaign, status))`,
  // A campaign's own row for a code replaces the global one whole, not flag by flag.
  `CREATE VIEW status_flags AS SELECT k.campaign, k.status,
  (o.code IS NOT NULL OR g.code IS NOT NULL) AS f_known,
  ${flagSelect}
FROM call_status_keys k
LEFT JOIN dispositions o ON o.code = k.status AND o.campaign = k.campaign
LEFT JOIN dispositions g ON g.code = k.status AND g.campaign = ''`,
];

// v2, money: amounts become exact decimals (sums of many small amounts must not drift at the
// cent), finance fields may be left empty to carry over the value in force, and commission plans
// can be set per agent or team.
const dec = 'DECIMAL(18,4)';
const v2 = [
  `ALTER TABLE calls ALTER amount TYPE ${dec}`,
  `ALTER TABLE calls ALTER upsell_amount TYPE ${dec}`,
  `ALTER TABLE lists ALTER cost TYPE ${dec}`,
  `ALTER TABLE finance ALTER revenue_per_sale TYPE ${dec}`,
  `ALTER TABLE finance ALTER cost_per_call TYPE ${dec}`,
  `ALTER TABLE finance ALTER cost_per_agent_hour TYPE ${dec}`,
  ...['call_rollup', 'call_rollup_coarse'].flatMap((t) =>
    MONEY_COUNTERS.map((c) => `ALTER TABLE ${t} ALTER ${c} TYPE ${dec}`),
  ),
  `CREATE TABLE commission_plans (agent VARCHAR NOT NULL DEFAULT '', team VARCHAR NOT NULL DEFAULT '',
  effective_from TIMESTAMPTZ NOT NULL, commission VARCHAR NOT NULL, import_id INTEGER, src_line BIGINT,
  PRIMARY KEY (agent, team, effective_from))`,
];

// v3, quality: resolution counted over handled calls needs two more rollup counters. The new columns
// start at 0; POST_MIGRATION rebuilds the rollups of a database that already holds calls.
const v3 = ['call_rollup', 'call_rollup_coarse'].flatMap((t) =>
  V3_COUNTERS.map((c) => `ALTER TABLE ${t} ADD COLUMN ${c} DOUBLE DEFAULT 0`),
);

// v4, the HTTP API: tokens are stored as SHA-256 hashes only; the token itself is shown once.
const v4 = [
  `CREATE TABLE api_tokens (id VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE,
  role VARCHAR NOT NULL, agent VARCHAR, label VARCHAR, created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ)`,
];

export const MIGRATIONS: readonly (readonly string[])[] = [v1, v2, v3, v4];
export const SCHEMA_VERSION = MIGRATIONS.length;
