-- Each indicator's texts in French, Spanish and Arabic (indicator_texts.csv); English is in indicators.csv.
-- Columns: id, lang, name, short_name, unit, definition.
SELECT id, lang, name, short_name, unit, definition
FROM indicator_texts
ORDER BY id, lang
