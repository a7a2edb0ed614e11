-- part: calls
-- params: ["2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "agent" AS "d0", sum("handled") AS "m_handled_calls", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "m_handle_sec"
FROM "call_rollup"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE (("hour_utc" >= CAST($1 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($2 AS TIMESTAMPTZ)))
GROUP BY "d0";

-- part: agent_time
-- params: ["talk","hold","wrap","available","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "agent" AS "d0", sum("seconds") FILTER (WHERE ("state" = $1)) AS "m_state_talk_sec", sum("seconds") FILTER (WHERE ("state" = $2)) AS "m_state_hold_sec", sum("seconds") FILTER (WHERE ("state" = $3)) AS "m_state_wrap_sec", sum("seconds") FILTER (WHERE ("state" = $4)) AS "m_available_sec", sum("seconds") AS "m_login_sec"
FROM "agent_time_hourly"
WHERE (("hour_utc" >= CAST($5 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($6 AS TIMESTAMPTZ)))
GROUP BY "d0";

-- part: activity
-- params: ["","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "agent" AS "d0", count(DISTINCT "agent") AS "m_agents_worked"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "campaign" AS "campaign"
FROM "call_rollup"
WHERE (("agent" <> $1) AND ("handled" > 0))
UNION ALL
SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "campaign" AS "campaign"
FROM "agent_time_hourly"
WHERE ("seconds" > 0)) AS "act"
WHERE (("hour_utc" >= CAST($2 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($3 AS TIMESTAMPTZ)))
GROUP BY "d0";
