-- part: calls:raw
SELECT `list` AS `d0`, uniqExactIf(`lead`, (`direction` = 'outbound')) AS `m_leads_dialed`
FROM `calls`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`started_at` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`started_at` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'outbound'))
GROUP BY `d0`;

-- part: lists
SELECT `list` AS `d0`, sum(coalesce(`leads`, 0)) AS `m_list_leads`
FROM `lists`
GROUP BY `d0`;

-- part: calls
SELECT `list` AS `d0`, sumIf(`n`, (`direction` = 'outbound')) AS `m_dials`
FROM `call_rollup_coarse`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'outbound'))
GROUP BY `d0`;
