-- The like-for-like comparison api.headline shows for one standard group's own estimate of an indicator
-- in a year (analysis/like_for_like.py): the first baseline year from 2015 on whose panel (the same
-- countries at both ends) holds half of the group's weight, precomputed by the pipeline into
-- group_values.parquet. No row where there is none. $group_code NULL: the world.
-- Columns: indicator, year, baseline_year, baseline_value, panel_value, panel_n_countries, panel_coverage.
SELECT indicator, year, headline_baseline_year AS baseline_year, headline_baseline_value AS baseline_value,
       headline_panel_value AS panel_value, headline_panel_n_countries AS panel_n_countries,
       headline_panel_coverage AS panel_coverage
FROM group_values
WHERE grouping = $grouping
  AND ($group_code IS NULL OR group_code = $group_code)
  AND indicator = $indicator
  AND year = $year
  AND sex = 'total'
  AND residence = 'total'
  AND headline_baseline_year IS NOT NULL
