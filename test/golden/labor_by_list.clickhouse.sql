-- part: agent_time
SELECT `list` AS `d0`, sum(`seconds`) AS `m_login_sec`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, CASE WHEN (`matched` = 1) THEN `attr_campaign` ELSE `campaign` END AS `campaign`, CASE WHEN (`matched` = 1) THEN `attr_list` ELSE '' END AS `list`, CASE WHEN (`matched` = 1) THEN (`seconds` * `share`) ELSE `seconds` END AS `seconds`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, `seconds` AS `seconds`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `jkey`
FROM `agent_time_hourly`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))) AS `b`
ALL LEFT JOIN (SELECT `agent` AS `agent`, `jday` AS `jday`, '' AS `jkey`, 1 AS `matched`, `attr_campaign` AS `attr_campaign`, `attr_list` AS `attr_list`, if(`t` = 0, NULL, `h` / `t`) AS `share`
FROM (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, `list` AS `attr_list`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `h`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`, `attr_list`) AS `pc`
ALL LEFT JOIN (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `t`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`) AS `pd` USING (`agent`, `jday`)
UNION ALL
SELECT `agent` AS `agent`, `jday` AS `jday`, `attr_campaign` AS `jkey`, 1 AS `matched`, `attr_campaign` AS `attr_campaign`, `attr_list` AS `attr_list`, if(`t` = 0, NULL, `h` / `t`) AS `share`
FROM (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, `list` AS `attr_list`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `h`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`, `attr_list`) AS `pc`
ALL LEFT JOIN (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `t`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`) AS `pd` USING (`agent`, `jday`, `attr_campaign`)) AS `sh` USING (`agent`, `jday`, `jkey`)) AS `at`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;

-- part: labor
SELECT `list` AS `d0`, sum((toDecimal64(`seconds` + if(`seconds` < 0, -0.00005, 0.00005), 4) * CASE WHEN (`campaign` = 'CAMP1') THEN CASE WHEN (`hour_utc` >= parseDateTimeBestEffort('2026-03-02T15:30:00.000Z')) THEN toDecimal64('24', 4) WHEN (`hour_utc` >= parseDateTimeBestEffort('2026-01-01T00:00:00.000Z')) THEN toDecimal64('20', 4) ELSE toDecimal64('0', 4) END ELSE toDecimal64('18', 4) END)) AS `m_labor_rate_sec`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, CASE WHEN (`matched` = 1) THEN `attr_campaign` ELSE `campaign` END AS `campaign`, CASE WHEN (`matched` = 1) THEN `attr_list` ELSE '' END AS `list`, CASE WHEN (`matched` = 1) THEN (`seconds` * `share`) ELSE `seconds` END AS `seconds`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, `seconds` AS `seconds`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `jkey`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, `seconds` AS `seconds`
FROM `agent_time_hourly`
WHERE (NOT ((`hour_utc` >= parseDateTimeBestEffort('2026-03-02T15:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-03-02T16:00:00.000Z'))))
UNION ALL
SELECT parseDateTimeBestEffort('2026-03-02T15:00:00.000Z') AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, (toFloat64(toUInt32(least(`ended_at`, parseDateTimeBestEffort('2026-03-02T15:30:00.000Z')))) - toFloat64(toUInt32(greatest(`started_at`, parseDateTimeBestEffort('2026-03-02T15:00:00.000Z'))))) AS `seconds`
FROM `agent_states`
WHERE ((`started_at` < parseDateTimeBestEffort('2026-03-02T15:30:00.000Z')) AND (`ended_at` > parseDateTimeBestEffort('2026-03-02T15:00:00.000Z')))
UNION ALL
SELECT parseDateTimeBestEffort('2026-03-02T15:30:00.000Z') AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, (toFloat64(toUInt32(least(`ended_at`, parseDateTimeBestEffort('2026-03-02T16:00:00.000Z')))) - toFloat64(toUInt32(greatest(`started_at`, parseDateTimeBestEffort('2026-03-02T15:30:00.000Z'))))) AS `seconds`
FROM `agent_states`
WHERE ((`started_at` < parseDateTimeBestEffort('2026-03-02T16:00:00.000Z')) AND (`ended_at` > parseDateTimeBestEffort('2026-03-02T15:30:00.000Z')))) AS `labor`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))) AS `b`
ALL LEFT JOIN (SELECT `agent` AS `agent`, `jday` AS `jday`, '' AS `jkey`, 1 AS `matched`, `attr_campaign` AS `attr_campaign`, `attr_list` AS `attr_list`, if(`t` = 0, NULL, `h` / `t`) AS `share`
FROM (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, `list` AS `attr_list`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `h`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`, `attr_list`) AS `pc`
ALL LEFT JOIN (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `t`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`) AS `pd` USING (`agent`, `jday`)
UNION ALL
SELECT `agent` AS `agent`, `jday` AS `jday`, `attr_campaign` AS `jkey`, 1 AS `matched`, `attr_campaign` AS `attr_campaign`, `attr_list` AS `attr_list`, if(`t` = 0, NULL, `h` / `t`) AS `share`
FROM (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, `list` AS `attr_list`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `h`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`, `attr_list`) AS `pc`
ALL LEFT JOIN (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `t`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`) AS `pd` USING (`agent`, `jday`, `attr_campaign`)) AS `sh` USING (`agent`, `jday`, `jkey`)) AS `at`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`;
