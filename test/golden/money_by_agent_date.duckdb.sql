-- part: money
-- params: ["America/New_York","CAMP1","2026-03-02T15:30:00.000Z","120.5","2026-01-01T00:00:00.000Z","100","0","50","0","0.0125","CAMP1","2026-03-02T15:30:00.000Z","120.5","2026-01-01T00:00:00.000Z","100","0","50","2026-03-02T15:00:00.000Z","2026-03-02T16:00:00.000Z","0","0","2026-03-02T15:00:00.000Z","2026-03-02T16:00:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "d0" AS "d0", CAST(timezone($1, "t") AS DATE) AS "d1", sum("m_revenue") AS "m_revenue", sum("m_call_cost") AS "m_call_cost", sum("m_win_revenue") AS "m_win_revenue"
FROM (SELECT "agent" AS "d0", "hour_utc" AS "t", sum((CASE WHEN coalesce("f_win", FALSE) THEN ("amount_sum" + (CAST(("n" - "amount_n") AS DECIMAL(18,4)) * CASE WHEN ("campaign" = $2) THEN CASE WHEN ("hour_utc" >= CAST($3 AS TIMESTAMPTZ)) THEN CAST($4 AS DECIMAL(18,4)) WHEN ("hour_utc" >= CAST($5 AS TIMESTAMPTZ)) THEN CAST($6 AS DECIMAL(18,4)) ELSE CAST($7 AS DECIMAL(18,4)) END ELSE CAST($8 AS DECIMAL(18,4)) END)) ELSE CAST($9 AS DECIMAL(18,4)) END + "upsell_sum")) AS "m_revenue", sum((CAST("n" AS DECIMAL(18,4)) * CAST($10 AS DECIMAL(18,4)))) AS "m_call_cost", sum(("amount_sum" + (CAST(("n" - "amount_n") AS DECIMAL(18,4)) * CASE WHEN ("campaign" = $11) THEN CASE WHEN ("hour_utc" >= CAST($12 AS TIMESTAMPTZ)) THEN CAST($13 AS DECIMAL(18,4)) WHEN ("hour_utc" >= CAST($14 AS TIMESTAMPTZ)) THEN CAST($15 AS DECIMAL(18,4)) ELSE CAST($16 AS DECIMAL(18,4)) END ELSE CAST($17 AS DECIMAL(18,4)) END))) FILTER (WHERE coalesce("f_win", FALSE)) AS "m_win_revenue"
FROM (SELECT "hour_utc" AS "hour_utc", "direction" AS "direction", "campaign" AS "campaign", "list" AS "list", "agent" AS "agent", "status" AS "status", "n" AS "n", "amount_sum" AS "amount_sum", "amount_n" AS "amount_n", "upsell_sum" AS "upsell_sum"
FROM "call_rollup"
WHERE (NOT (("hour_utc" >= CAST($18 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($19 AS TIMESTAMPTZ))))
UNION ALL
SELECT "started_at" AS "hour_utc", "direction" AS "direction", "campaign" AS "campaign", "list" AS "list", "agent" AS "agent", "status" AS "status", 1 AS "n", coalesce("amount", CAST($20 AS DECIMAL(18,4))) AS "amount_sum", CASE WHEN ("amount" IS NOT NULL) THEN 1 ELSE 0 END AS "amount_n", coalesce("upsell_amount", CAST($21 AS DECIMAL(18,4))) AS "upsell_sum"
FROM "calls"
WHERE (("started_at" >= CAST($22 AS TIMESTAMPTZ)) AND ("started_at" < CAST($23 AS TIMESTAMPTZ)))) AS "valued"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE (("hour_utc" >= CAST($24 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($25 AS TIMESTAMPTZ)))
GROUP BY "d0", "t") AS "hourly"
GROUP BY "d0", "d1";

-- part: labor
-- params: ["America/New_York","CAMP1","2026-03-02T15:30:00.000Z","24","2026-01-01T00:00:00.000Z","20","0","18","America/New_York","2026-03-02T15:00:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T15:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-02T16:00:00.000Z","2026-03-02T15:30:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","America/New_York","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "d0" AS "d0", CAST(timezone($1, "t") AS DATE) AS "d1", sum("m_labor_rate_sec") AS "m_labor_rate_sec"
FROM (SELECT "agent" AS "d0", "hour_utc" AS "t", sum((CAST("seconds" AS DECIMAL(18,4)) * CASE WHEN ("campaign" = $2) THEN CASE WHEN ("hour_utc" >= CAST($3 AS TIMESTAMPTZ)) THEN CAST($4 AS DECIMAL(18,4)) WHEN ("hour_utc" >= CAST($5 AS TIMESTAMPTZ)) THEN CAST($6 AS DECIMAL(18,4)) ELSE CAST($7 AS DECIMAL(18,4)) END ELSE CAST($8 AS DECIMAL(18,4)) END)) AS "m_labor_rate_sec"
FROM (SELECT "hour_utc" AS "hour_utc", "agent" AS "agent", "state" AS "state", "reason" AS "reason", CASE WHEN ("matched" = 1) THEN "attr_campaign" ELSE "campaign" END AS "campaign", CASE WHEN ("matched" = 1) THEN ("seconds" * "share") ELSE "seconds" END AS "seconds"
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
LEFT JOIN (SELECT "agent" AS "agent", "jday" AS "jday", $24 AS "jkey", 1 AS "matched", "attr_campaign" AS "attr_campaign", (CAST("h" AS DOUBLE) / NULLIF("t", 0)) AS "share"
FROM (SELECT "agent" AS "agent", CAST(timezone($25, "hour_utc") AS DATE) AS "jday", "campaign" AS "attr_campaign", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "h"
FROM "call_rollup"
WHERE ((("agent" <> $26) AND ("handled" > 0)) AND (("hour_utc" >= CAST($27 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($28 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday", "attr_campaign") AS "pc"
LEFT JOIN (SELECT "agent" AS "agent", CAST(timezone($29, "hour_utc") AS DATE) AS "jday", sum((("handled_talk_sec" + "handled_hold_sec") + "handled_wrap_sec")) AS "t"
FROM "call_rollup"
WHERE ((("agent" <> $30) AND ("handled" > 0)) AND (("hour_utc" >= CAST($31 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($32 AS TIMESTAMPTZ))))
GROUP BY "agent", "jday") AS "pd" USING ("agent", "jday")) AS "w" USING ("agent", "jday", "jkey")) AS "at"
WHERE (("hour_utc" >= CAST($33 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($34 AS TIMESTAMPTZ)))
GROUP BY "d0", "t") AS "hourly"
GROUP BY "d0", "d1";

-- part: calls
-- params: ["America/New_York","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "d0" AS "d0", CAST(timezone($1, "t") AS DATE) AS "d1", sum("m_wins") AS "m_wins"
FROM (SELECT "agent" AS "d0", "hour_utc" AS "t", sum("n") FILTER (WHERE coalesce("f_win", FALSE)) AS "m_wins"
FROM "call_rollup"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE (("hour_utc" >= CAST($2 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($3 AS TIMESTAMPTZ)))
GROUP BY "d0", "t") AS "hourly"
GROUP BY "d0", "d1";
