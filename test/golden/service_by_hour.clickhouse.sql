-- part: calls
SELECT toStartOfHour(`hour_utc`, 'America/New_York') AS `d0`, sumIf(`n`, (`direction` = 'inbound')) AS `m_offered`, sumIf(`handled`, (`direction` = 'inbound')) AS `m_handled`, sumIf(`n`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_abandoned`, sumIf(`handled_wait_sec`, (`direction` = 'inbound')) AS `m_handled_wait_sec`, sumIf(`handled_within_t`, (`direction` = 'inbound')) AS `m_handled_within_t`, sumIf(`short`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_short_abandons`, sumIf(`within_t`, ((`direction` = 'inbound') AND coalesce(`f_drop`, 0))) AS `m_abandoned_within_t`
FROM `call_rollup_coarse`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'inbound'))
GROUP BY `d0`;
