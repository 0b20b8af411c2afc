-- One actor's dated positions in order (the variable actor holds its IRI): each claim it
-- holds, with its date (stated on, else stated before) and the least of its quotes. The rows of
-- `negkg timeline --actor`, compared on these columns by scripts/benchmark.py.
SELECT c.claim, c.source, coalesce(CAST(c.stated_on AS DATE), CAST(c.stated_before AS DATE)) AS stated_on,
       min(e.quote) AS quote
FROM claims c
JOIN evidence e ON e.claim = c.claim AND e.source = c.source
WHERE c.holder = getvariable('actor')
GROUP BY c.claim, c.source, c.stated_on, c.stated_before
ORDER BY stated_on, c.claim;
