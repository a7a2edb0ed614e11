-- part: calls:raw
-- params: ["outbound","","","","","2026-03-01T05:00:00.000Z","2026-04-01T04:00:00.000Z","O'Brien\\'; DROP TABLE calls; --","back\\slash\nnew\"line"]
SELECT "topic" AS "d0", sum(1) FILTER (WHERE ("direction" = $1)) AS "m_dials", sum(((CASE WHEN (("agent" <> $2) AND (coalesce("talk_sec", 0) > 0)) THEN coalesce("talk_sec", 0) ELSE 0 END + CASE WHEN (("agent" <> $3) AND (coalesce("talk_sec", 0) > 0)) THEN coalesce("hold_sec", 0) ELSE 0 END) + CASE WHEN (("agent" <> $4) AND (coalesce("talk_sec", 0) > 0)) THEN coalesce("wrap_sec", 0) ELSE 0 END)) AS "m_handle_sec", sum(CASE WHEN (("agent" <> $5) AND (coalesce("talk_sec", 0) > 0)) THEN 1 ELSE 0 END) AS "m_handled_calls"
FROM "calls"
LEFT JOIN "status_flags" USING ("campaign", "status")
WHERE ((("started_at" >= CAST($6 AS TIMESTAMPTZ)) AND ("started_at" < CAST($7 AS TIMESTAMPTZ))) AND ("campaign" IN ($8, $9)))
GROUP BY "d0";
