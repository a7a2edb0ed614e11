-- part: calls:raw
SELECT toDate(`started_at`, 'America/New_York') AS `d0`, sumIf(1, (`direction` = 'outbound')) AS `m_dials`, sumIf(1, ((`direction` = 'outbound') AND coalesce(`f_answered`, 0))) AS `m_answered`, sumIf(1, ((`direction` = 'outbound') AND coalesce(`f_contact`, 0))) AS `m_contacts`, sumIf(1, coalesce(`f_win`, 0)) AS `m_wins`, uniqExactIf(`lead`, (`direction` = 'outbound')) AS `m_leads_dialed`, sumIf(1, ((`direction` = 'outbound') AND coalesce(`f_win`, 0))) AS `m_outbound_wins`, sumIf(1, ((`direction` = 'outbound') AND coalesce(`f_drop`, 0))) AS `m_drops`, sumIf(1, ((`direction` = 'outbound') AND coalesce(`f_human`, 0))) AS `m_human_answered`, sumIf(CASE WHEN ((`agent` <> '') AND (coalesce(`talk_sec`, 0) > 0)) THEN 1 ELSE 0 END, (((`direction` = 'outbound') AND coalesce(`f_human`, 0)) AND (NOT coalesce(`f_drop`, 0)))) AS `m_conversations`
FROM `calls`
ALL LEFT JOIN `status_flags` USING (`campaign`, `status`)
WHERE (((`started_at` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`started_at` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))) AND (`direction` = 'outbound'))
GROUP BY `d0`;
