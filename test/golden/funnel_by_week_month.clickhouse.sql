-- part: calls
SELECT toMonday(`t`, 'America/New_York') AS `d0`, toStartOfMonth(`t`, 'America/New_York') AS `d1`, sum(`m_dials`) AS `m_dials`, sum(`m_answered`) AS `m_answered`
FROM (SELECT `hour_utc` AS `t`, sumIf(`n`, (`direction` = 'outbound')) AS `m_dials`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_answered`, 0))) AS `m_answered`
FROM `call_rollup_coarse`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `t`) AS `hourly`
GROUP BY `d0`, `d1`;
