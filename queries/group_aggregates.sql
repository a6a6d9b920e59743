-- Weighted aggregates of one or more indicators for every group of a grouping (or one custom list
-- of ISO3 codes), year by year: the method of METHODS.md §2.
--
-- $indicators, $weight_indicators, $is_counts and $carry_years are aligned lists: one entry per
-- indicator, saying which indicator weights it, whether it is a count, and how old a value may be.
-- For each group member and year, the member's value is its observation in that year or, when the
-- carry is > 0, its latest observation at most that many years earlier (survey series have gaps);
-- data_year says which. Its weight is the weight indicator's value in the same year; before the
-- weight series starts or after it ends (population ends before some indicators), its first or
-- last value. Weight series are annual, without gaps in between.
--   rates:  value = sum(value x weight) / sum(weight) over members with a value and a weight
--   counts: value = sum(value) over members with a value
--   coverage = weight of members with a value / weight of all members that have a weight
-- Below $min_coverage the value is NULL: a number that stands for too little of the group is not
-- shown. Members without any weight (uninhabited or very small areas) are left out of coverage.
WITH specs AS (
    SELECT unnest($indicators) AS indicator, unnest($weight_indicators) AS weight_indicator,
           unnest($is_counts) AS is_count, unnest($carry_years) AS carry_years
),
members AS (
    SELECT iso3, group_code, group_name
    FROM country_groups
    WHERE grouping = $grouping AND ($group_code IS NULL OR group_code = $group_code)
    UNION ALL
    SELECT unnest($custom_iso3s) AS iso3, 'CUSTOM' AS group_code, 'Selected countries' AS group_name
),
indicator_values AS (
    SELECT o.indicator, o.iso3, o.year, o.value
    FROM observations AS o
    JOIN specs AS s ON s.indicator = o.indicator
    WHERE o.sex = $sex AND o.residence = $residence
),
weights AS (
    SELECT o.indicator AS weight_indicator, o.iso3, o.year, o.value AS weight
    FROM observations AS o
    WHERE o.indicator IN (SELECT weight_indicator FROM specs) AND o.sex = 'total' AND o.residence = 'total'
),
years AS (
    SELECT DISTINCT indicator, year
    FROM indicator_values
    WHERE year BETWEEN $start AND $end
),
grid AS (
    SELECT y.indicator, s.weight_indicator, s.is_count, s.carry_years, m.iso3, m.group_code, m.group_name, y.year
    FROM members AS m
    CROSS JOIN years AS y
    JOIN specs AS s ON s.indicator = y.indicator
),
with_values AS (
    SELECT g.indicator, g.weight_indicator, g.is_count, g.iso3, g.group_code, g.group_name, g.year,
           max(v.year) AS data_year, arg_max(v.value, v.year) AS value
    FROM grid AS g
    LEFT JOIN indicator_values AS v
        ON v.indicator = g.indicator AND v.iso3 = g.iso3 AND v.year BETWEEN g.year - g.carry_years AND g.year
    GROUP BY ALL
),
weight_ends AS (
    SELECT weight_indicator, iso3,
           min(year) AS first_year, arg_min(weight, year) AS first_weight,
           max(year) AS last_year, arg_max(weight, year) AS last_weight
    FROM weights
    GROUP BY weight_indicator, iso3
),
weighted AS (
    SELECT w.*,
           coalesce(exact.weight, CASE WHEN w.year > e.last_year THEN e.last_weight
                                       WHEN w.year < e.first_year THEN e.first_weight END) AS weight
    FROM with_values AS w
    LEFT JOIN weights AS exact
        ON exact.weight_indicator = w.weight_indicator AND exact.iso3 = w.iso3 AND exact.year = w.year
    LEFT JOIN weight_ends AS e
        ON e.weight_indicator = w.weight_indicator AND e.iso3 = w.iso3
),
summary AS (
    SELECT indicator, group_code, group_name, year,
           CASE WHEN any_value(is_count) THEN sum(value)
                ELSE sum(value * weight) FILTER (WHERE weight IS NOT NULL)
                     / sum(weight) FILTER (WHERE value IS NOT NULL AND weight IS NOT NULL) END AS raw_value,
           sum(weight) FILTER (WHERE value IS NOT NULL AND weight IS NOT NULL) / sum(weight) AS coverage,
           count(value) AS n_countries,
           count(*) AS n_members,
           min(data_year) FILTER (WHERE value IS NOT NULL) AS data_year_min,
           max(data_year) FILTER (WHERE value IS NOT NULL) AS data_year_max,
           any_value(weight_indicator) AS weight
    FROM weighted
    GROUP BY indicator, group_code, group_name, year
)
SELECT indicator, group_code, group_name, year,
       CASE WHEN coalesce(coverage, 0) >= $min_coverage THEN raw_value END AS value,
       coalesce(coverage, 0) AS coverage, n_countries, n_members, data_year_min, data_year_max, weight
FROM summary
ORDER BY indicator, group_code, year
