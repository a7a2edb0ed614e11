-- part: calls:raw
-- params: ["outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","outbound"]
SELECT "list" AS "d0", count(DISTINCT "lead") FILTER (WHERE ("direction" = $1)) AS "m_leads_dialed"
FROM "calls"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("started_at" >= CAST($2 AS TIMESTAMPTZ)) AND ("started_at" < CAST($3 AS TIMESTAMPTZ))) AND ("direction" = $4))
GROUP BY "d0";

-- part: lists
SELECT "list" AS "d0", sum(coalesce("leads", 0)) AS "m_list_leads"
FROM "lists"
GROUP BY "d0";

-- part: calls
-- params: ["outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","outbound"]
SELECT "list" AS "d0", sum("n") FILTER (WHERE ("direction" = $1)) AS "m_dials"
FROM "call_rollup_coarse"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("hour_utc" >= CAST($2 AS TIMESTAMPTZ)) AND ("hour_utc" < CAST($3 AS TIMESTAMPTZ))) AND ("direction" = $4))
GROUP BY "d0";
