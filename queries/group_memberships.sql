-- Which countries belong to which groups (country_groups.csv).
-- Columns: iso3, grouping, group_code, group_name.
SELECT iso3, grouping, group_code, group_name
FROM country_groups
ORDER BY grouping, group_code, iso3
