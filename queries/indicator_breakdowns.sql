-- Which sex and residence breakdowns an indicator has, with how many countries report each.
-- Columns: sex, residence, n_countries.
SELECT sex, residence, count(DISTINCT iso3) AS n_countries
FROM observations
WHERE indicator = $indicator
GROUP BY sex, residence
ORDER BY sex = 'total' DESC, residence = 'total' DESC, sex, residence
