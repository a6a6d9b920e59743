-- The catalogue with how much data each indicator has: countries with any value, first and latest
-- year, observations, and the kinds of values (modelled/survey/...). One row per indicator.
-- Columns: id, short_name, name, theme, unit, sdg, source, source_name, licence, vintage, n_countries,
-- first_year, latest_year, n_observations, kinds.
WITH counts AS (
    SELECT indicator,
           count(DISTINCT iso3) AS n_countries,
           min(year) AS first_year,
           max(year) AS latest_year,
           count(*) AS n_observations,
           string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds
    FROM observations
    GROUP BY indicator
)
SELECT i.id, i.short_name, i.name, i.theme, i.unit, i.sdg, i.source, i.source_name, i.licence, i.vintage,
       c.n_countries, c.first_year, c.latest_year, c.n_observations, c.kinds
FROM indicators AS i
LEFT JOIN counts AS c ON c.indicator = i.id
ORDER BY i.theme, i.id
