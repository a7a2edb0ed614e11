-- part: calls
-- params: ["America/New_York","inbound","inbound","inbound","inbound","inbound","inbound","inbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","inbound"]
SELECT ("t" - (timezone($1, "t") - date_trunc('hour', timezone($1, "t")))) AS "d0", sum("m_offered") AS "m_offered", sum("m_handled") AS "m_handled", sum("m_abandoned") AS "m_abandoned", sum("m_handled_wait_sec") AS "m_handled_wait_sec", sum("m_handled_within_t") AS "m_handled_within_t", sum("m_short_abandons") AS "m_short_abandons", sum("m_abandoned_within_t") AS "m_abandoned_within_t"
FROM (SELECT "hour_utc" AS "t", sum("n") FILTER (WHERE ("direction" = $2)) AS "m_offered", sum("handled") FILTER (WHERE ("direction" = $3)) AS "m_handled", sum("n") FILTER (WHERE (("direction" = $4) AND coalesce("f_drop", FALSE))) AS "m_abandoned", sum("handled_wait_sec") FILTER (WHERE ("direction" = $5)) AS "m_handled_wait_sec", sum("handled_within_t") FILTER (WHERE ("direction" = $6)) AS "m_handled_within_t", sum("short") FILTER (WHERE (("direction" = $7) AND coalesce("f_drop", FALSE))) AS "m_short_abandons", sum("within_t") FILTER (WHERE (("direction" = $8) AND coalesce("f_drop", FALSE))) AS "m_abandoned_within_t"
FROM "call_rollup_coarse"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("hour_utc" >= CAST($9 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($10 AS TIMESTAMPTZ))) AND ("direction" = $11))
GROUP BY "t") AS "hourly"
GROUP BY "d0";
