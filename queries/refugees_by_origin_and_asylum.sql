-- For each of a set of countries ($iso3s) in one year: refugees (with OIP) from the country and hosted
-- by it, the children among them (UNHCR's known-age method, missing where no age is known) and the
-- share of them whose age is known (0-100), which says how much each children estimate rests on.
-- Countries with neither refugees from them nor hosted by them that year are absent.
-- Columns: iso3, refugees_by_origin, children_by_origin, age_known_by_origin, refugees_hosted,
-- children_hosted, age_known_hosted.
SELECT iso3,
       max(value) FILTER (WHERE indicator = 'refugees_by_origin') AS refugees_by_origin,
       max(value) FILTER (WHERE indicator = 'refugee_children_by_origin') AS children_by_origin,
       max(value) FILTER (WHERE indicator = 'refugees_age_known_share_by_origin') AS age_known_by_origin,
       max(value) FILTER (WHERE indicator = 'refugees_hosted') AS refugees_hosted,
       max(value) FILTER (WHERE indicator = 'refugee_children_hosted') AS children_hosted,
       max(value) FILTER (WHERE indicator = 'refugees_age_known_share_hosted') AS age_known_hosted
FROM observations
WHERE indicator IN ('refugees_by_origin', 'refugee_children_by_origin', 'refugees_age_known_share_by_origin',
                    'refugees_hosted', 'refugee_children_hosted', 'refugees_age_known_share_hosted')
  AND list_contains($iso3s, iso3)
  AND year = $year
  AND sex = 'total' AND residence = 'total'
GROUP BY iso3
HAVING coalesce(max(value) FILTER (WHERE indicator = 'refugees_by_origin'), 0) > 0
    OR coalesce(max(value) FILTER (WHERE indicator = 'refugees_hosted'), 0) > 0
ORDER BY iso3
