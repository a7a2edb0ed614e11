-- part: agent_time
-- params: ["America/New_York","talk","hold","wrap","available","America/New_York","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "d0" AS "d0", CAST(timezone($1, "t") AS DATE) AS "d1", sum("m_login_sec") AS "m_login_sec", sum("m_state_talk_sec") AS "m_state_talk_sec", sum("m_state_hold_sec") AS "m_state_hold_sec", sum("m_state_wrap_sec") AS "m_state_wrap_sec", sum("m_available_sec") AS "m_available_sec"
FROM (SELECT "campaign" AS "d0", "hour_utc" AS "t", sum("seconds") AS "m_login_sec", sum("seconds") FILTER (WHERE ("state" = $2)) AS "m_state_talk_sec", sum("seconds") FILTER (WHERE ("state" = $3)) AS "m_state_hold_sec", sum("seconds") FILTER (WHERE ("state" = $4)) AS "m_state_wrap_sec", sum("seconds") FILTER (WHERE ("state" = $5)) AS "m_available_sec"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", CASE WHEN ("matched" = 1) THEN "attr_campaign" ELSE "campaign" END AS "campaign", CASE WHEN ("matched" = 1) THEN ("seconds" * "share") ELSE "seconds" END AS "seconds"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", "seconds" AS "seconds", CAST(timezone($6, "hour_utc") AS DATE) AS "jday", "campaign" AS "jkey"
FROM "agent_time_hourly"
WHERE (("hour_utc" >= CAST($7 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($8 AS TIMESTAMPTZ)))) AS "b"
LEFT JOIN (SELECT "agent" AS "agent", "jday" AS "jday", $9 AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($10, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $11) AND ("handled" > 0)) AND (("hour_utc" >= CAST($12 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($13 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($14, "hour_utc") AS DATE) AS "jday", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $15) AND ("handled" > 0)) AND (("hour_utc" >= CAST($16 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($17 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday") AS "pd" USING ("agent", "jday")) AS "w" USING ("agent", "jday", "jkey")) AS "at"
WHERE (("hour_utc" >= CAST($18 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($19 AS TIMESTAMPTZ)))
GROUP BY "d0", "t") AS "hourly"
GROUP BY "d0", "d1";
