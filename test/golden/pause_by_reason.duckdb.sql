-- part: agent_time
-- params: ["pause","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "agent" AS "d0", "reason" AS "d1", sum("seconds") FILTER (WHERE ("state" = $1)) AS "m_pause_sec"
FROM "agent_time_hourly"
WHERE (("hour_utc" >= CAST($2 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($3 AS TIMESTAMPTZ)))
GROUP BY "d0", "d1";
