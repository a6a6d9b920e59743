-- One standard group's precomputed values of some indicators, for one sex and residence (group_values.parquet, written by the
-- pipeline's group-values stage with group_aggregates.sql and api.aggregate's default options), in the
-- columns, types and order group_aggregates.sql returns, so that a lookup and a computation are one table.
-- $group_code NULL: the grouping's only group (the world).
-- Columns: indicator, group_code, group_name, year, value, coverage, n_countries, n_members, data_year_min,
-- data_year_max, weight, n_interpolated, n_carried, n_zero, composition_change, segment, baseline_year,
-- panel_baseline_value, panel_value, panel_n_countries, panel_coverage.
SELECT indicator, group_code, group_name, year::BIGINT AS year, value, coverage, n_countries, n_members,
       data_year_min::SMALLINT AS data_year_min, data_year_max::SMALLINT AS data_year_max, weight,
       n_interpolated, n_carried, n_zero, composition_change, segment::HUGEINT AS segment,
       baseline_year::INTEGER AS baseline_year, panel_baseline_value, panel_value, panel_n_countries,
       panel_coverage
FROM group_values
WHERE grouping = $grouping
  AND ($group_code IS NULL OR group_code = $group_code)
  AND list_contains($indicators, indicator)
  AND sex = $sex
  AND residence = $residence
ORDER BY indicator, group_code, year
