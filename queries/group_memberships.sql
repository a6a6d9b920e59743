-- Which countries belong to which groups: iso3, grouping, group_code, group_name.
SELECT iso3, grouping, group_code, group_name
FROM country_groups
ORDER BY grouping, group_code, iso3
