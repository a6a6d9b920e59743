-- Every country and area with its classifications (countries.csv), by ISO3.
-- Columns: iso3, name, iso2, m49_code, unicef_region, unicef_region_name, wb_region, wb_region_name,
-- income_group, income_group_name, sdg_region, sdg_region_name, m49_region, m49_subregion, ldc, lldc,
-- sids, g77, fragile, global_south, lat, lon, name_fr, name_es, name_ru, name_zh, name_ar.
SELECT *
FROM countries
ORDER BY iso3
