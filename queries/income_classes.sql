-- The World Bank income class of every country in every fiscal year it was classified (FY89-FY26).
-- Columns: iso3, gni_year (the year of the GNI per capita the class rests on), income_class (L, LM, UM,
-- H).
SELECT iso3, gni_year, income_class
FROM income_history
ORDER BY iso3, gni_year
