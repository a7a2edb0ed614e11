-- part: calls
SELECT `campaign` AS `d0`, sumIf(`n`, (`direction` = 'outbound')) AS `m_dials`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_answered`, 0))) AS `m_answered`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_contact`, 0))) AS `m_contacts`, sumIf(`n`, coalesce(`f_win`, 0)) AS `m_wins`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_win`, 0))) AS `m_outbound_wins`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_drop`, 0))) AS `m_drops`, sumIf(`n`, ((`direction` = 'outbound') AND coalesce(`f_human`, 0))) AS `m_human_answered`, sumIf(`handled`, (((`direction` = 'outbound') AND coalesce(`f_human`, 0)) AND (NOT coalesce(`f_drop`, 0)))) AS `m_conversations`
FROM `call_rollup_coarse`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'outbound'))
GROUP BY `d0`;

-- part: calls:raw
SELECT `campaign` AS `d0`, uniqExactIf(`lead`, (`direction` = 'outbound')) AS `m_leads_dialed`
FROM `calls`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`started_at` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`started_at` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'outbound'))
GROUP BY `d0`;
