-- part: calls
SELECT `agent` AS `d0`, sum(`handled`) AS `m_handled_calls`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `m_handle_sec`
FROM `call_rollup`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;

-- part: agent_time
SELECT `agent` AS `d0`, sumIf(`seconds`, (`state` = 'talk')) AS `m_state_talk_sec`, sumIf(`seconds`, (`state` = 'hold')) AS `m_state_hold_sec`, sumIf(`seconds`, (`state` = 'wrap')) AS `m_state_wrap_sec`, sumIf(`seconds`, (`state` = 'available')) AS `m_available_sec`, sum(`seconds`) AS `m_login_sec`
FROM `agent_time_hourly`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;

-- part: activity
SELECT `agent` AS `d0`, uniqExact(`agent`) AS `m_agents_worked`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `campaign` AS `campaign`
FROM `call_rollup`
WHERE ((`agent` <> '') AND (`handled` > 0))
UNION ALL
SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `campaign` AS `campaign`
FROM `agent_time_hourly`
WHERE (`seconds` > 0)) AS `act`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;
