-- Every group's name in English, French, Spanish and Arabic (group_names.csv).
-- Columns: grouping, group_code, lang, name.
SELECT grouping, group_code, lang, name
FROM group_names
ORDER BY grouping, group_code, lang
