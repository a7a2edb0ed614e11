-- part: agent_time
SELECT `d0` AS `d0`, toDate(`t`, 'America/New_York') AS `d1`, sum(`m_login_sec`) AS `m_login_sec`, sum(`m_state_talk_sec`) AS `m_state_talk_sec`, sum(`m_state_hold_sec`) AS `m_state_hold_sec`, sum(`m_state_wrap_sec`) AS `m_state_wrap_sec`, sum(`m_available_sec`) AS `m_available_sec`
FROM (SELECT `campaign` AS `d0`, `hour_utc` AS `t`, sum(`seconds`) AS `m_login_sec`, sumIf(`seconds`, (`state` = 'talk')) AS `m_state_talk_sec`, sumIf(`seconds`, (`state` = 'hold')) AS `m_state_hold_sec`, sumIf(`seconds`, (`state` = 'wrap')) AS `m_state_wrap_sec`, sumIf(`seconds`, (`state` = 'available')) AS `m_available_sec`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, CASE WHEN (`matched` = 1) THEN `attr_campaign` ELSE `campaign` END AS `campaign`, CASE WHEN (`matched` = 1) THEN (`seconds` * `share`) ELSE `seconds` END AS `seconds`
FROM (SELECT `hour_utc` AS `hour_utc`, `agent` AS `agent`, `state` AS `state`, `reason` AS `reason`, `campaign` AS `campaign`, `seconds` AS `seconds`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `jkey`
FROM `agent_time_hourly`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))) AS `b`
ALL LEFT JOIN (SELECT `agent` AS `agent`, `jday` AS `jday`, '' AS `jkey`, 1 AS `matched`, `attr_campaign` AS `attr_campaign`, if(`t` = 0, NULL, `h` / `t`) AS `share`
FROM (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, `campaign` AS `attr_campaign`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `h`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`, `attr_campaign`) AS `pc`
ALL LEFT JOIN (SELECT `agent` AS `agent`, toDate(`hour_utc`, 'America/New_York') AS `jday`, sum(((`handled_talk_sec` + `handled_hold_sec`) + `handled_wrap_sec`)) AS `t`
FROM `call_rollup`
WHERE (((`agent` <> '') AND (`handled` > 0)) AND ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z'))))
GROUP BY `agent`, `jday`) AS `pd` USING (`agent`, `jday`)) AS `w` USING (`agent`, `jday`, `jkey`)) AS `at`
WHERE ((`hour_utc` >= parseDateTimeBestEffort('2026-03-01T05:00:00.000Z')) AND (`hour_utc` < parseDateTimeBestEffort('2026-04-01T04:00:00.000Z')))
GROUP BY `d0`, `t`) AS `hourly`
GROUP BY `d0`, `d1`;
