-- Why a country series jumps (data/series_notes.csv, written by the pipeline's series-notes check):
-- the notes of one indicator for some countries (all when $iso3s is NULL) within a year range,
-- ordered by country and year.
-- Columns: iso3, year, note, source (who gives the reason).
SELECT iso3, year, note, source
FROM series_notes
WHERE indicator = $indicator
  AND ($iso3s IS NULL OR list_contains($iso3s, iso3))
  AND year BETWEEN $start AND $end
ORDER BY iso3, year
