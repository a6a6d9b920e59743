-- The indicator catalogue, optionally for one theme. Returns every column of indicators.csv.
SELECT *
FROM indicators
WHERE $theme IS NULL OR theme = $theme
ORDER BY theme, id
