-- Children exposed to each climate hazard of the CCRI across a set of countries ($iso3s): each
-- country's latest count of every children_exposed_* count indicator, summed; the children under 18
-- of the countries counted (child_population, the WorldPop grid every CCRI share is a share of); and
-- the share exposed = exposed / children x 100. The CCRI is a snapshot: year is the end of the
-- hazard's reference period. multi_hazard marks the '1+, 2+, 3+ hazards' counts, which are not
-- hazards of their own. Hazards without any count in the countries are absent.
-- Columns: indicator, short_name, multi_hazard, year, exposed, child_population, share, n_countries.
WITH hazards AS (
    SELECT id, short_name
    FROM indicators
    WHERE starts_with(id, 'children_exposed_') AND unit_kind = 'count'
),
exposure AS (
    SELECT o.indicator, o.iso3, o.year, o.value
    FROM observations AS o
    JOIN hazards AS h ON h.id = o.indicator
    WHERE list_contains($iso3s, o.iso3) AND o.sex = 'total' AND o.residence = 'total'
    QUALIFY row_number() OVER (PARTITION BY o.indicator, o.iso3 ORDER BY o.year DESC) = 1
),
children AS (
    SELECT iso3, arg_max(value, year) AS child_population
    FROM observations
    WHERE indicator = 'child_population' AND list_contains($iso3s, iso3) AND sex = 'total' AND residence = 'total'
    GROUP BY iso3
)
SELECT h.id AS indicator, h.short_name,
       regexp_matches(h.id, '_[0-9]+plus_hazards$') AS multi_hazard,
       max(e.year) AS year,
       sum(e.value) AS exposed,
       sum(c.child_population) AS child_population,
       100 * sum(e.value) / nullif(sum(c.child_population), 0) AS share,
       count(*) AS n_countries
FROM hazards AS h
JOIN exposure AS e ON e.indicator = h.id
JOIN children AS c ON c.iso3 = e.iso3
GROUP BY h.id, h.short_name
ORDER BY exposed DESC, h.id
