-- Every source with its citation and licence (sources.csv), and how many indicators come from it.
-- Columns: id, name, licence, citation, origin, vintage, n_indicators.
SELECT s.id, s.name, s.licence, s.citation, s.origin, s.vintage,
       count(i.id) AS n_indicators
FROM sources AS s
LEFT JOIN indicators AS i ON i.source = s.id
GROUP BY ALL
ORDER BY s.id
