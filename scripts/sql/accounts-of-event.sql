-- The accounts of one event side by side (the variable event holds its IRI): per reporter and
-- source, the claims of the event with their quotes. The rows of `negkg accounts`, compared on
-- these columns by scripts/benchmark.py.
SELECT ce.event, l.label AS reporter, e.source, c.claim, e.quote
FROM claim_events ce
JOIN claims c ON c.claim = ce.claim
JOIN evidence e ON e.claim = c.claim
JOIN labels l ON l.resource = e.reported_by
WHERE ce.event = getvariable('event')
ORDER BY ce.event, reporter, e.source, c.claim, e.quote;
