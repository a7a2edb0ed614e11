-- part: calls:raw
SELECT `campaign` AS `d0`, sumIf(CASE WHEN (((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) AND (`wait_sec` <= 30)) THEN 1 ELSE 0 END, (`direction` = 'inbound')) AS `m_handled_within_t`, sumIf(CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN 1 ELSE 0 END, (`direction` = 'inbound')) AS `m_handled`, sumIf(1, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_abandoned`, sumIf(CASE WHEN (`wait_sec` < 5) THEN 1 ELSE 0 END, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_short_abandons`
FROM `calls`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE ((`started_at` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`started_at` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;
