-- Observations of several indicators for some countries (all when $iso3s is NULL) from $start on,
-- for one sex and residence, ordered by indicator, country and year. The input of the progress
-- engine, which classifies every indicator x country from one query.
-- Columns: indicator, iso3, year, value.
SELECT indicator, iso3, year, value
FROM observations
WHERE indicator IN (SELECT unnest($indicators))  -- not list_contains: 11 -> 6 ms for two indicators
  AND ($iso3s IS NULL OR list_contains($iso3s, iso3))
  AND year >= $start
  AND sex = $sex
  AND residence = $residence
ORDER BY indicator, iso3, year
