-- The producers' own figures for one group (world, a World Bank region or income group) and some
-- indicators, every year they publish: published_aggregates.parquet, written by the pipeline.
-- Columns: indicator, year, value, producer, source, source_code, kind.
SELECT indicator, year, value, producer, source, source_code, kind
FROM published_aggregates
WHERE list_contains($indicators, indicator)
  AND grouping = $grouping
  AND group_code = $group_code
ORDER BY indicator, year
