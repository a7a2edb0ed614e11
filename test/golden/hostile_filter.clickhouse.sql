-- part: calls:raw
SELECT `topic` AS `d0`, sumIf(1, (`direction` = 'outbound')) AS `m_dials`, sum(((CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN coalesce(`talk_sec`, 0) ELSE 0 END + CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN coalesce(`hold_sec`, 0) ELSE 0 END) + CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN coalesce(`wrap_sec`, 0) ELSE 0 END)) AS `m_handle_sec`, sum(CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN 1 ELSE 0 END) AS `m_handled_calls`
FROM `calls`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`started_at` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`started_at` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`campaign` IN ('O\'Brien\\\'; DROP TABLE calls; --', 'back\\slash\nnew"line')))
GROUP BY `d0`;
