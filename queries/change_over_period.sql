-- For each country, its first and last observation of one indicator within $start..$end, and the
-- change between them. Countries with no observation in the window are absent.
-- Columns: iso3, start_year, start_value, end_year, end_value, change, relative_change (a fraction),
-- n_values, kind (of the last value).
WITH in_window AS (
    SELECT iso3, year, value, kind
    FROM observations
    WHERE indicator = $indicator
      AND ($iso3s IS NULL OR list_contains($iso3s, iso3))
      AND year BETWEEN $start AND $end
      AND sex = $sex AND residence = $residence
)
SELECT iso3,
       arg_min(year, year) AS start_year,
       arg_min(value, year) AS start_value,
       arg_max(year, year) AS end_year,
       arg_max(value, year) AS end_value,
       arg_max(value, year) - arg_min(value, year) AS change,
       (arg_max(value, year) - arg_min(value, year)) / nullif(arg_min(value, year), 0) AS relative_change,
       count(*) AS n_values,
       arg_max(kind, year) AS kind
FROM in_window
GROUP BY iso3
ORDER BY iso3
