-- part: calls
-- params: ["outbound","outbound","outbound","outbound","outbound","outbound","outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","outbound"]
SELECT "campaign" AS "d0", sum("n") FILTER (WHERE ("direction" = $1)) AS "m_dials", sum("n") FILTER (WHERE (("direction" = $2) AND coalesce("f_answered", FALSE))) AS "m_answered", sum("n") FILTER (WHERE (("direction" = $3) AND coalesce("f_contact", FALSE))) AS "m_contacts", sum("n") FILTER (WHERE coalesce("f_win", FALSE)) AS "m_wins", sum("n") FILTER (WHERE (("direction" = $4) AND coalesce("f_win", FALSE))) AS "m_outbound_wins", sum("n") FILTER (WHERE (("direction" = $5) AND coalesce("f_drop", FALSE))) AS "m_drops", sum("n") FILTER (WHERE (("direction" = $6) AND coalesce("f_human", FALSE))) AS "m_human_answered", sum("handled") FILTER (WHERE ((("direction" = $7) AND coalesce("f_human", FALSE)) AND (NOT coalesce("f_drop", FALSE)))) AS "m_conversations"
FROM "call_rollup_coarse"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("hour_utc" >= CAST($8 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($9 AS TIMESTAMPTZ))) AND ("direction" = $10))
GROUP BY "d0";

-- part: calls:raw
-- params: ["outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","outbound"]
SELECT "campaign" AS "d0", count(DISTINCT "lead") FILTER (WHERE ("direction" = $1)) AS "m_leads_dialed"
FROM "calls"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("started_at" >= CAST($2 AS TIMESTAMPTZ)) AND ("started_at" < CAST($3 AS TIMESTAMPTZ))) AND ("direction" = $4))
GROUP BY "d0";
