-- The largest origin-to-asylum movements into, out of or within a set of countries ($iso3s) at the end
-- of one year (UNHCR, displacement_pairs): refugees + OIP of each pair (people in need of international
-- protection), the pair's asylum-seekers, its estimated children under 18 among refugees + OIP (NULL
-- where nobody's age is known) and the share whose age is known (0-1). direction ('into', 'out',
-- 'within') says whether the pair comes into the countries, leaves them, or stays within them.
-- The $limit largest pairs, largest first.
-- Columns: origin_iso3, asylum_iso3, refugees_oip, asylum_seekers, children_0_17, age_known_share,
-- direction.
SELECT origin_iso3, asylum_iso3,
       refugees + oip AS refugees_oip,
       asylum_seekers,
       children_0_17,
       age_known_share,
       CASE WHEN list_contains($iso3s, origin_iso3) AND list_contains($iso3s, asylum_iso3) THEN 'within'
            WHEN list_contains($iso3s, asylum_iso3) THEN 'into'
            ELSE 'out' END AS direction
FROM displacement_pairs
WHERE year = $year
  AND (list_contains($iso3s, origin_iso3) OR list_contains($iso3s, asylum_iso3))
  AND refugees + oip > 0
ORDER BY refugees_oip DESC, origin_iso3, asylum_iso3
LIMIT $limit
