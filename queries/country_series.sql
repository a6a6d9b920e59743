-- Observations of one indicator for some countries (all when $iso3s is NULL) over a year range, for
-- one sex and residence, ordered by country and year.
-- Columns: iso3, year, value, sex, residence, kind, source.
SELECT iso3, year, value, sex, residence, kind, source
FROM observations
WHERE indicator = $indicator
  AND ($iso3s IS NULL OR list_contains($iso3s, iso3))
  AND year BETWEEN $start AND $end
  AND sex = $sex
  AND residence = $residence
ORDER BY iso3, year
