-- part: calls
SELECT `d0` AS `d0`, toDayOfWeek(`t`, 'America/New_York') AS `d1`, toHour(`t`, 'America/New_York') AS `d2`, sum(`m_handle_sec`) AS `m_handle_sec`, sum(`m_handled_calls`) AS `m_handled_calls`, sum(`m_dials`) AS `m_dials`
FROM (SELECT coalesce(`team`, '') AS `d0`, `hour_utc` AS `t`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `m_handle_sec`, sum(`handled`) AS `m_handled_calls`, sumIf(`n`, (`direction` = 'outbound')) AS `m_dials`
FROM (SELECT * FROM `call_rollup`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)) AS `j0`
ALL LEFT JOIN (SELECT `agent` AS `agent`, `team` AS `team`, `site` AS `site`
FROM `agents`) AS `ag` USING (`agent`)
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`, `t`) AS `hourly`
GROUP BY `d0`, `d1`, `d2`;
