-- Each country's latest observation of one indicator up to and including $as_of, with the year it
-- comes from (data_year). Countries without any observation up to $as_of are absent.
-- Columns: iso3, data_year, value, kind, source.
SELECT iso3, year AS data_year, value, kind, source
FROM observations
WHERE indicator = $indicator
  AND ($iso3s IS NULL OR list_contains($iso3s, iso3))
  AND year <= $as_of
  AND sex = $sex
  AND residence = $residence
QUALIFY row_number() OVER (PARTITION BY iso3 ORDER BY year DESC) = 1
ORDER BY iso3
