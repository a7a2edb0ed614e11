-- part: calls
-- params: ["America/New_York","America/New_York","outbound","outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT CAST(date_trunc('week', timezone($1, "t")) AS DATE) AS "d0", CAST(date_trunc('month', timezone($2, "t")) AS DATE) AS "d1", sum("m_dials") AS "m_dials", sum("m_answered") AS "m_answered"
FROM (SELECT "hour_utc" AS "t", sum("n") FILTER (WHERE ("direction" = $3)) AS "m_dials", sum("n") FILTER (WHERE (("direction" = $4) AND coalesce("f_answered", FALSE))) AS "m_answered"
FROM "call_rollup_coarse"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE (("hour_utc" >= CAST($5 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($6 AS TIMESTAMPTZ)))
GROUP BY "t") AS "hourly"
GROUP BY "d0", "d1";
