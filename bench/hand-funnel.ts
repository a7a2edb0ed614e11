// The funnel by campaign × day written by hand against the raw table, as an analyst would in a
// SQL console: the baseline the catalog-compiled report is measured against.
export const HAND_FUNNEL_SQL = `
WITH f AS (
  SELECT k.campaign, k.status,
    coalesce(o.answered, g.answered, false) AS answered, coalesce(o.human, g.human, false) AS human,
    coalesce(o.machine, g.machine, false) AS machine, coalesce(o."drop", g."drop", false) AS dropped,
    coalesce(o.contact, g.contact, false) AS contact, coalesce(o.win, g.win, false) AS win
  FROM (SELECT DISTINCT campaign, status FROM calls) k
  LEFT JOIN dispositions o ON o.code = k.status AND o.campaign = k.campaign
  LEFT JOIN dispositions g ON g.code = k.status AND g.campaign = '')
SELECT c.campaign, CAST(timezone($1, c.started_at) AS DATE) AS day,
  count(*) AS dials,
  count(*) FILTER (WHERE f.answered) AS answered,
  count(*) FILTER (WHERE f.human) AS human_answered,
  count(*) FILTER (WHERE f.machine) AS machines,
  count(*) FILTER (WHERE f.dropped) AS drops,
  count(*) FILTER (WHERE f.contact) AS contacts,
  count(*) FILTER (WHERE f.human AND NOT f.dropped AND c.agent <> '' AND c.talk_sec > 0) AS conversations,
  count(*) FILTER (WHERE f.win) AS wins,
  count(DISTINCT c.lead) AS leads_dialed,
  count(DISTINCT c.lead) FILTER (WHERE f.contact) AS leads_contacted
FROM calls c JOIN f USING (campaign, status)
WHERE c.direction = 'outbound' AND c.started_at >= $2::TIMESTAMPTZ AND c.started_at < $3::TIMESTAMPTZ
GROUP BY 1, 2`;
