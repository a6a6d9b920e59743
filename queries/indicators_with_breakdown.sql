-- The indicators of one theme that have values for both categories of a breakdown: $by is 'sex' or
-- 'residence', $first and $second its two categories ('female' and 'male', 'urban' and 'rural').
-- These are the indicators that can show a gap at all, ordered by SDG number (indicators without one
-- last), then id.
-- Columns: id, short_name.
WITH split AS (
    SELECT DISTINCT indicator, CASE WHEN $by = 'sex' THEN sex ELSE residence END AS category
    FROM observations
)
SELECT i.id, i.short_name
FROM indicators AS i
JOIN split AS s ON s.indicator = i.id
WHERE i.theme = $theme AND s.category IN ($first, $second)
GROUP BY i.id, i.short_name, i.sdg
HAVING count(DISTINCT s.category) = 2
ORDER BY i.sdg NULLS LAST, i.id
