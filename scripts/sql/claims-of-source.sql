-- The claims of one source (the variable source holds its IRI), with date and quote. The rows
-- of `negkg query --name claims-of-source`, compared on these columns by scripts/benchmark.py.
SELECT c.source, c.claim, c.stated_on, e.quote
FROM claims c
JOIN evidence e ON e.claim = c.claim AND e.source = c.source
WHERE c.source = getvariable('source')
ORDER BY c.source, c.stated_on, c.claim, e.quote;
