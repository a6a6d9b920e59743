-- Values of some indicators (totals) at given country-years: $iso3s and $years are aligned lists, one
-- entry per pair (a peer and the year it stood at the focal level). Returns indicator, iso3, year,
-- value; pairs without a value are absent.
WITH pairs AS (
    SELECT DISTINCT unnest($iso3s) AS iso3, unnest($years) AS year
)
SELECT o.indicator, o.iso3, o.year, o.value
FROM pairs AS p
JOIN observations AS o ON o.iso3 = p.iso3 AND o.year = p.year
WHERE list_contains($indicators, o.indicator)
  AND o.sex = 'total' AND o.residence = 'total'
ORDER BY o.indicator, o.iso3, o.year
