-- part: calls
-- params: ["America/New_York","America/New_York","","outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "d0" AS "d0", isodow(timezone($1, "t")) AS "d1", hour(timezone($2, "t")) AS "d2", sum("m_handle_sec") AS "m_handle_sec", sum("m_handled_calls") AS "m_handled_calls", sum("m_dials") AS "m_dials"
FROM (SELECT coalesce("team", $3) AS "d0", "hour_utc" AS "t", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "m_handle_sec", sum("handled") AS "m_handled_calls", sum("n") FILTER (WHERE ("direction" = $4)) AS "m_dials"
FROM "call_rollup"
LEFT JOIN "status_flags" USING ("campaign", "status")
LEFT JOIN (SELECT "agent" AS "agent", "team" AS "team", "site" AS "site"
FROM "agents") AS "ag" USING ("agent")
WHERE (("hour_utc" >= CAST($5 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($6 AS TIMESTAMPTZ)))
GROUP BY "d0", "t") AS "hourly"
GROUP BY "d0", "d1", "d2";
