-- part: agent_time
-- params: ["","America/New_York","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "list" AS "d0", sum("seconds") AS "m_login_sec"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", CASE WHEN ("matched" = 1) THEN "attr_campaign" ELSE "campaign" END AS "campaign", CASE WHEN ("matched" = 1) THEN "attr_list" ELSE $1 END AS "list", CASE WHEN ("matched" = 1) THEN ("seconds" * "share") ELSE "seconds" END AS "seconds"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", "seconds" AS "seconds", CAST(timezone($2, "hour_utc") AS DATE) AS "jday", "campaign" AS "jkey"
FROM "agent_time_hourly"
WHERE (("hour_utc" >= CAST($3 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($4 AS TIMESTAMPTZ)))) AS "b"
LEFT JOIN (SELECT "agent" AS "agent", "jday" AS "jday", $5 AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", "attr_list" AS "attr_list", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($6, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", "list" AS "attr_list", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $7) AND ("handled" > 0)) AND (("hour_utc" >= CAST($8 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($9 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign", "attr_list") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($10, "hour_utc") AS DATE) AS "jday", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $11) AND ("handled" > 0)) AND (("hour_utc" >= CAST($12 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($13 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday") AS "pd" USING ("agent", "jday")
UNION ALL
SELECT "agent" AS "agent", "jday" AS "jday", "attr_campaign" AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", "attr_list" AS "attr_list", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($14, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", "list" AS "attr_list", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $15) AND ("handled" > 0)) AND (("hour_utc" >= CAST($16 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($17 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign", "attr_list") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($18, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $19) AND ("handled" > 0)) AND (("hour_utc" >= CAST($20 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($21 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign") AS "pd" USING ("agent", "jday", "attr_campaign")) AS "sh" USING ("agent", "jday", "jkey")) AS "at"
WHERE (("hour_utc" >= CAST($22 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($23 AS TIMESTAMPTZ)))
GROUP BY "d0";

-- part: labor
-- params: ["CAMP1","2026-03-02T15:30:00.000Z","24","2026-01-01T00:00:00.000Z","20","0","18","","America/New_York","2026-03-02T15:00:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "list" AS "d0", sum((CAST("seconds" AS DECIMAL(18,4)) * CASE WHEN ("campaign" = $1) THEN CASE WHEN ("hour_utc" >= CAST($2 AS TIMESTAMPTZ)) THEN CAST($3 AS DECIMAL(18,4)) WHEN ("hour_utc" >= CAST($4 AS TIMESTAMPTZ)) THEN CAST($5 AS DECIMAL(18,4)) ELSE CAST($6 AS DECIMAL(18,4)) END ELSE CAST($7 AS DECIMAL(18,4)) END)) AS "m_labor_rate_sec"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", CASE WHEN ("matched" = 1) THEN "attr_campaign" ELSE "campaign" END AS "campaign", CASE WHEN ("matched" = 1) THEN "attr_list" ELSE $8 END AS "list", CASE WHEN ("matched" = 1) THEN ("seconds" * "share") ELSE "seconds" END AS "seconds"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", "seconds" AS "seconds", CAST(timezone($9, "hour_utc") AS DATE) AS "jday", "campaign" AS "jkey"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", "seconds" AS "seconds"
FROM "agent_time_hourly"
WHERE (NOT (("hour_utc" >= CAST($10 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($11 AS TIMESTAMPTZ))))
UNION ALL
SELECT CAST($12 AS TIMESTAMPTZ) AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", (epoch(least("ended_at", CAST($13 AS TIMESTAMPTZ))) - epoch(greatest("started_at", CAST($14 AS TIMESTAMPTZ)))) AS "seconds"
FROM "agent_states"
WHERE (("started_at" < CAST($15 AS TIMESTAMPTZ)) AND ("ended_at" > CAST($16 AS TIMESTAMPTZ)))
UNION ALL
SELECT CAST($17 AS TIMESTAMPTZ) AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", "campaign" AS "campaign", (epoch(least("ended_at", CAST($18 AS TIMESTAMPTZ))) - epoch(greatest("started_at", CAST($19 AS TIMESTAMPTZ)))) AS "seconds"
FROM "agent_states"
WHERE (("started_at" < CAST($20 AS TIMESTAMPTZ)) AND ("ended_at" > CAST($21 AS TIMESTAMPTZ)))) AS "labor"
WHERE (("hour_utc" >= CAST($22 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($23 AS TIMESTAMPTZ)))) AS "b"
LEFT JOIN (SELECT "agent" AS "agent", "jday" AS "jday", $24 AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", "attr_list" AS "attr_list", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($25, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", "list" AS "attr_list", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $26) AND ("handled" > 0)) AND (("hour_utc" >= CAST($27 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($28 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign", "attr_list") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($29, "hour_utc") AS DATE) AS "jday", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $30) AND ("handled" > 0)) AND (("hour_utc" >= CAST($31 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($32 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday") AS "pd" USING ("agent", "jday")
UNION ALL
SELECT "agent" AS "agent", "jday" AS "jday", "attr_campaign" AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", "attr_list" AS "attr_list", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($33, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", "list" AS "attr_list", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $34) AND ("handled" > 0)) AND (("hour_utc" >= CAST($35 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($36 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign", "attr_list") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($37, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $38) AND ("handled" > 0)) AND (("hour_utc" >= CAST($39 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($40 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign") AS "pd" USING ("agent", "jday", "attr_campaign")) AS "sh" USING ("agent", "jday", "jkey")) AS "at"
WHERE (("hour_utc" >= CAST($41 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($42 AS TIMESTAMPTZ)))
GROUP BY "d0";
