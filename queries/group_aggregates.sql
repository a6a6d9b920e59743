-- Weighted aggregates of one or more indicators for every group of a grouping (or one custom list
-- of ISO3 codes), year by year: the method of METHODS.md §2 and the README's "where we depart".
--
-- $indicators, $weight_indicators, $is_counts, $carry_years, $reported_with, $children_totals and
-- $children_shares are aligned lists: one entry per indicator, saying which indicator weights it,
-- whether it is a count, how far a value may be carried, (vaccines) which indicator says a country
-- reports at all, and (children among the displaced) which count and which known-age share it is
-- estimated from.
--
-- A member's value for a year is its observation in that year; else, when carry_years > 0 (series
-- with gaps: surveys, administrative records), the straight line between its observations before
-- and after the year, or its last observation when that is at most carry_years old. data_year_min
-- and data_year_max span the observations used. With $reported_with set (WUENIC's rule for vaccines
-- introduced later), a member that has a value of that indicator in the year (DTP3: it reports to
-- WUENIC) but none of this one counts as 0 (not yet introduced), unless vaccine_series_unplaced
-- lists the pair (the pipeline could not tell which of its series is this vaccine). Its weight is the
-- weight indicator's value in the same year; before or after the weight series, its first or last.
--   rates:  value = sum(value x weight) / sum(weight) over members with a value and a weight;
--           NULL when coverage < $min_coverage
--   counts: value = sum(value) over the members that report; n_countries says how many
--   children among a count (UNHCR's method, applied to the group): the share of children among the
--           group's people of known age (sum of children x known share / sum of count x known share)
--           times the group's whole count; n_countries counts the members reporting the count
--   coverage = weight of members with a value / weight of all members that have a weight
-- composition_change: the share of the weight of members with a value in this year or the one
-- before that has a value in only one of them; above $break_share a rate's line starts a new
-- segment (the countries behind it changed). panel_*: the like-for-like comparison of a rate with the
-- year $baseline, over the members with a value in both years (each year with its own weights); of
-- a count, the totals of both years (a country that stops reporting has none left to count).
-- Columns: indicator, group_code, group_name, year, value, coverage, n_countries, n_members,
-- data_year_min, data_year_max, weight, n_interpolated, n_carried, n_zero, composition_change, segment,
-- baseline_year, panel_baseline_value, panel_value, panel_n_countries, panel_coverage.
WITH specs AS (
    SELECT unnest($indicators) AS indicator, unnest($weight_indicators) AS weight_indicator,
           unnest($is_counts) AS is_count, unnest($carry_years) AS carry_years,
           unnest($reported_with) AS reported_with, unnest($children_totals) AS children_total,
           unnest($children_shares) AS children_share
),
members AS (
    SELECT iso3, group_code, group_name
    FROM country_groups
    WHERE grouping = $grouping AND ($group_code IS NULL OR group_code = $group_code)
    UNION ALL
    SELECT unnest($custom_iso3s) AS iso3, 'CUSTOM' AS group_code, 'Selected countries' AS group_name
),
indicator_values AS (
    -- Annual series stand for their own years; the next observation matters only to series with gaps
    -- (a window over every series would cost more than the rest of the query).
    SELECT o.indicator, o.iso3, o.year, o.value, s.carry_years, NULL::SMALLINT AS next_year, NULL::DOUBLE AS next_value
    FROM observations AS o
    JOIN specs AS s ON s.indicator = o.indicator
    WHERE o.sex = $sex AND o.residence = $residence AND s.carry_years = 0 AND o.iso3 IN (SELECT iso3 FROM members)
    UNION ALL
    SELECT o.indicator, o.iso3, o.year, o.value, s.carry_years,
           lead(o.year) OVER (PARTITION BY o.indicator, o.iso3 ORDER BY o.year) AS next_year,
           lead(o.value) OVER (PARTITION BY o.indicator, o.iso3 ORDER BY o.year) AS next_value
    FROM observations AS o
    JOIN specs AS s ON s.indicator = o.indicator
    WHERE o.sex = $sex AND o.residence = $residence AND s.carry_years > 0 AND o.iso3 IN (SELECT iso3 FROM members)
),
spans AS (
    -- One row per year an observation stands for: itself; the years up to the next one (interpolated);
    -- or the years it is carried. One row per year makes the join with the grid an equality.
    SELECT *, unnest(generate_series(year, CASE WHEN carry_years = 0 THEN year
                                                WHEN next_year IS NOT NULL THEN next_year - 1
                                                ELSE year + carry_years END)) AS covered_year
    FROM indicator_values
),
context AS (
    -- Per indicator, member and year: whether the member reports at all (vaccines: it has DTP3, and its
    -- series of this vaccine was placed), or the count and the known-age share that children among
    -- displaced people are estimated from. One join for both: most indicators have neither.
    SELECT s.indicator, o.iso3, o.year, TRUE AS reports, NULL::DOUBLE AS whole, NULL::DOUBLE AS known_share
    FROM specs AS s
    JOIN observations AS o ON o.indicator = s.reported_with
    LEFT JOIN vaccine_series_unplaced AS u ON u.iso3 = o.iso3 AND u.indicator = s.indicator
    WHERE o.sex = 'total' AND o.residence = 'total' AND u.iso3 IS NULL
    UNION ALL
    SELECT s.indicator, o.iso3, o.year, FALSE AS reports, o.value AS whole, known.value AS known_share
    FROM specs AS s
    JOIN observations AS o ON o.indicator = s.children_total
    LEFT JOIN observations AS known
        ON known.indicator = s.children_share AND known.iso3 = o.iso3 AND known.year = o.year
       AND known.sex = 'total' AND known.residence = 'total'
    WHERE o.sex = 'total' AND o.residence = 'total'
),
weights AS (
    SELECT o.indicator AS weight_indicator, o.iso3, o.year, o.value AS weight
    FROM observations AS o
    WHERE o.indicator IN (SELECT weight_indicator FROM specs) AND o.sex = 'total' AND o.residence = 'total'
      AND o.iso3 IN (SELECT iso3 FROM members)
),
years AS (
    SELECT indicator, year, lag(year) OVER (PARTITION BY indicator ORDER BY year) AS previous_year
    -- every year for which a member has a value (observed, interpolated or carried), up to the last
    -- year a member was observed: a value carried past it would stand for years nobody has reached
    FROM (SELECT DISTINCT sp.indicator, sp.covered_year AS year
          FROM spans AS sp
          JOIN (SELECT indicator, max(year) AS last_observed FROM indicator_values GROUP BY indicator) AS l
              ON l.indicator = sp.indicator
          WHERE sp.covered_year <= l.last_observed AND sp.covered_year BETWEEN $start AND $end)
),
grid AS (
    SELECT y.indicator, s.weight_indicator, s.is_count, s.children_total,
           m.iso3, m.group_code, m.group_name, y.year, y.previous_year
    FROM members AS m
    CROSS JOIN years AS y
    JOIN specs AS s ON s.indicator = y.indicator
),
with_values AS (
    SELECT g.*,
           CASE WHEN sp.year = g.year THEN 'observed' WHEN sp.next_year IS NOT NULL THEN 'interpolated'
                WHEN sp.year IS NOT NULL THEN 'carried' WHEN c.reports THEN 'zero' END AS how,
           CASE WHEN sp.year = g.year OR sp.next_year IS NULL THEN sp.value
                ELSE sp.value + (sp.next_value - sp.value) * (g.year - sp.year) / (sp.next_year - sp.year)
           END AS span_value,
           CASE WHEN g.children_total IS NULL THEN coalesce(span_value, CASE WHEN c.reports THEN 0.0 END)
                ELSE c.whole END AS value,
           span_value * c.known_share / 100 AS children_known,
           CASE WHEN span_value IS NOT NULL THEN c.whole * c.known_share / 100 END AS people_known,
           sp.year AS data_year,
           CASE WHEN sp.year = g.year OR sp.next_year IS NULL THEN sp.year ELSE sp.next_year END AS data_year_to
    FROM grid AS g
    LEFT JOIN spans AS sp
        ON sp.indicator = g.indicator AND sp.iso3 = g.iso3 AND sp.covered_year = g.year
    LEFT JOIN context AS c
        ON c.indicator = g.indicator AND c.iso3 = g.iso3 AND c.year = g.year
),
weight_ends AS (
    SELECT weight_indicator, iso3,
           min(year) AS first_year, arg_min(weight, year) AS first_weight,
           max(year) AS last_year, arg_max(weight, year) AS last_weight
    FROM weights
    GROUP BY weight_indicator, iso3
),
weighted AS MATERIALIZED (
    SELECT w.*,
           coalesce(exact.weight, CASE WHEN w.year > e.last_year THEN e.last_weight
                                       WHEN w.year < e.first_year THEN e.first_weight END) AS weight
    FROM with_values AS w
    LEFT JOIN weights AS exact
        ON exact.weight_indicator = w.weight_indicator AND exact.iso3 = w.iso3 AND exact.year = w.year
    LEFT JOIN weight_ends AS e
        ON e.weight_indicator = w.weight_indicator AND e.iso3 = w.iso3
),
panel AS (
    -- Each member's value and weight in the baseline year, beside every year's.
    SELECT now.indicator, now.group_code, now.year,
           sum(now.value * now.weight ORDER BY now.iso3) / sum(now.weight ORDER BY now.iso3) AS panel_value,
           sum(base.value * base.weight ORDER BY now.iso3) / sum(base.weight ORDER BY now.iso3) AS panel_baseline_value,
           count(*) AS panel_n_countries, sum(now.weight ORDER BY now.iso3) AS panel_weight
    FROM weighted AS now
    JOIN weighted AS base
        ON base.indicator = now.indicator AND base.group_code = now.group_code AND base.iso3 = now.iso3
       AND base.year = $baseline
    WHERE now.value IS NOT NULL AND base.value IS NOT NULL AND now.weight IS NOT NULL AND base.weight IS NOT NULL
    GROUP BY ALL
),
with_previous AS (
    -- Whether each member had a value in the year before (the previous year of the grid).
    SELECT now.*, before.value IS NOT NULL AS had_value
    FROM weighted AS now
    LEFT JOIN weighted AS before
        ON before.indicator = now.indicator AND before.group_code = now.group_code AND before.iso3 = now.iso3
       AND before.year = now.previous_year
),
summary AS (
    SELECT indicator, group_code, group_name, year,
           any_value(is_count) AS is_count,
           CASE WHEN any_value(children_total) IS NOT NULL
                     THEN sum(children_known ORDER BY iso3) / nullif(sum(people_known ORDER BY iso3), 0) * sum(value ORDER BY iso3)
                WHEN any_value(is_count) THEN sum(value ORDER BY iso3)
                ELSE sum(value * weight ORDER BY iso3) FILTER (WHERE weight IS NOT NULL)
                     / sum(weight ORDER BY iso3) FILTER (WHERE value IS NOT NULL AND weight IS NOT NULL) END AS raw_value,
           sum(weight ORDER BY iso3) FILTER (WHERE value IS NOT NULL AND weight IS NOT NULL) AS weight_with_value,
           sum(weight ORDER BY iso3) AS weight_total,
           count(value) AS n_countries,
           count(*) AS n_members,
           count(*) FILTER (WHERE how = 'interpolated') AS n_interpolated,
           count(*) FILTER (WHERE how = 'carried') AS n_carried,
           count(*) FILTER (WHERE how = 'zero') AS n_zero,
           min(data_year) FILTER (WHERE value IS NOT NULL) AS data_year_min,
           max(data_year_to) FILTER (WHERE value IS NOT NULL) AS data_year_max,
           sum(weight ORDER BY iso3) FILTER (WHERE (value IS NOT NULL) <> coalesce(had_value, value IS NOT NULL))
               / nullif(sum(weight ORDER BY iso3) FILTER (WHERE value IS NOT NULL OR had_value), 0) AS composition_change,
           any_value(weight_indicator) AS weight
    FROM with_previous
    GROUP BY indicator, group_code, group_name, year
),
judged AS (
    SELECT s.*, coalesce(s.weight_with_value / s.weight_total, 0) AS coverage,
           coalesce(p.panel_weight / s.weight_total, 0) AS panel_coverage,
           p.panel_n_countries, p.panel_value, p.panel_baseline_value,
           max(s.raw_value) FILTER (WHERE s.year = $baseline) OVER (PARTITION BY s.indicator, s.group_code)
               AS baseline_total
    FROM summary AS s
    LEFT JOIN panel AS p USING (indicator, group_code, year)
)
SELECT indicator, group_code, group_name, year,
       CASE WHEN is_count THEN raw_value WHEN coverage >= $min_coverage THEN raw_value END AS value,
       coverage, n_countries, n_members, data_year_min, data_year_max, weight,
       n_interpolated, n_carried, n_zero, coalesce(composition_change, 0) AS composition_change,
       CASE WHEN is_count THEN 0
            ELSE sum((coalesce(composition_change, 0) > $break_share)::INTEGER) OVER (
                     PARTITION BY indicator, group_code ORDER BY year) END AS segment,
       $baseline AS baseline_year,
       CASE WHEN is_count THEN baseline_total WHEN panel_coverage >= $min_coverage THEN panel_baseline_value
            END AS panel_baseline_value,
       CASE WHEN is_count AND baseline_total IS NOT NULL THEN raw_value
            WHEN NOT is_count AND panel_coverage >= $min_coverage THEN panel_value END AS panel_value,
       coalesce(panel_n_countries, 0) AS panel_n_countries, panel_coverage
FROM judged
ORDER BY indicator, group_code, year
