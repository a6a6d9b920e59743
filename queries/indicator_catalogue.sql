-- The indicator catalogue (indicators.csv), optionally for one theme.
-- Columns: id, name, short_name, theme, unit, unit_kind, sdg, polarity, target_2030,
-- target_relative_change, target_baseline_year, target_basis, weight, kind, carry_years,
-- zero_when_absent_with, children_total, children_age_known_share, source, source_name, source_code,
-- licence, citation, vintage, definition, producer, peer_drivers.
SELECT *
FROM indicators
WHERE $theme IS NULL OR theme = $theme
ORDER BY theme, id
