-- Every country and area with its classifications (countries.csv), by ISO3.
SELECT *
FROM countries
ORDER BY iso3
