-- part: calls
SELECT toStartOfHour(`t`, 'America/New_York') AS `d0`, sum(`m_offered`) AS `m_offered`, sum(`m_handled`) AS `m_handled`, sum(`m_abandoned`) AS `m_abandoned`, sum(`m_handled_wait_sec`) AS `m_handled_wait_sec`, sum(`m_handled_within_t`) AS `m_handled_within_t`, sum(`m_short_abandons`) AS `m_short_abandons`, sum(`m_abandoned_within_t`) AS `m_abandoned_within_t`
FROM (SELECT `hour_utc` AS `t`, sumIf(`n`, (`direction` = 'inbound')) AS `m_offered`, sumIf(`handled`, (`direction` = 'inbound')) AS `m_handled`, sumIf(`n`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_abandoned`, sumIf(`handled_wait_sec`, (`direction` = 'inbound')) AS `m_handled_wait_sec`, sumIf(`handled_within_t`, (`direction` = 'inbound')) AS `m_handled_within_t`, sumIf(`short`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_short_abandons`, sumIf(`within_t`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_abandoned_within_t`
FROM `call_rollup_coarse`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'inbound'))
GROUP BY `t`) AS `hourly`
GROUP BY `d0`;
