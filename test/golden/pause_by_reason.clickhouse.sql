-- part: agent_time
SELECT `agent` AS `d0`, `reason` AS `d1`, sumIf(`seconds`, (`state` = 'pause')) AS `m_pause_sec`
FROM `agent_time_hourly`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`, `d1`;
