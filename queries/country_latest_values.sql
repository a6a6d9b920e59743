-- One country's latest value of every indicator (totals), with its year, kind and catalogue fields.
-- Columns: indicator, short_name, theme, unit, unit_kind, polarity, target_2030, source_name, data_year,
-- value, kind.
SELECT i.id AS indicator, i.short_name, i.theme, i.unit, i.unit_kind, i.polarity, i.target_2030,
       i.source_name, o.year AS data_year, o.value, o.kind
FROM indicators AS i
JOIN observations AS o ON o.indicator = i.id
WHERE o.iso3 = $iso3 AND o.sex = 'total' AND o.residence = 'total'
QUALIFY row_number() OVER (PARTITION BY i.id ORDER BY o.year DESC) = 1
ORDER BY i.theme, i.id
