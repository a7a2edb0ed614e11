-- part: calls:raw
-- params: ["","inbound","","inbound","inbound","inbound","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z"]
SELECT "campaign" AS "d0", sum(CASE WHEN ((("agent" <> $1) AND (coalesce("talk_sec", 0) > 0)) AND ("wait_sec" <= 30)) THEN 1 ELSE 0 END) FILTER (WHERE ("direction" = $2)) AS "m_handled_within_t", sum(CASE WHEN (("agent" <> $3) AND (coalesce("talk_sec", 0) > 0)) THEN 1 ELSE 0 END) FILTER (WHERE ("direction" = $4)) AS "m_handled", sum(1) FILTER (WHERE (("direction" = $5) AND coalesce("f_drop", FALSE))) AS "m_abandoned", sum(CASE WHEN ("wait_sec" < 5) THEN 1 ELSE 0 END) FILTER (WHERE (("direction" = $6) AND coalesce("f_drop", FALSE))) AS "m_short_abandons"
FROM "calls"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE (("started_at" >= CAST($7 AS TIMESTAMPTZ)) AND ("started_at" < CAST($8 AS TIMESTAMPTZ)))
GROUP BY "d0";
