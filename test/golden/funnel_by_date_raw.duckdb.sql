-- part: calls:raw
-- params: ["America/New_York","outbound","outbound","outbound","outbound","outbound","outbound","outbound","","outbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","outbound"]
SELECT CAST(timezone($1, "started_at") AS DATE) AS "d0", sum(1) FILTER (WHERE ("direction" = $2)) AS "m_dials", sum(1) FILTER (WHERE (("direction" = $3) AND coalesce("f_answered", FALSE))) AS "m_answered", sum(1) FILTER (WHERE (("direction" = $4) AND coalesce("f_contact", FALSE))) AS "m_contacts", sum(1) FILTER (WHERE coalesce("f_win", FALSE)) AS "m_wins", count(DISTINCT "lead") FILTER (WHERE ("direction" = $5)) AS "m_leads_dialed", sum(1) FILTER (WHERE (("direction" = $6) AND coalesce("f_win", FALSE))) AS "m_outbound_wins", sum(1) FILTER (WHERE (("direction" = $7) AND coalesce("f_drop", FALSE))) AS "m_drops", sum(1) FILTER (WHERE (("direction" = $8) AND coalesce("f_human", FALSE))) AS "m_human_answered", sum(CASE WHEN (("agent" <> $9) AND (coalesce("talk_sec", 0) > 0)) THEN 1 ELSE 0 END) FILTER (WHERE ((("direction" = $10) AND coalesce("f_human", FALSE)) AND (NOT coalesce("f_drop", FALSE)))) AS "m_conversations"
FROM "calls"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("started_at" >= CAST($11 AS TIMESTAMPTZ)) AND ("started_at" < CAST($12 AS TIMESTAMPTZ))) AND ("direction" = $13))
GROUP BY "d0";
