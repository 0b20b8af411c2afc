-- The position matrix in SQL over `negkg export --format tables`: each actor's standing
-- position on each issue as of the day in the variable as_of (SET VARIABLE as_of = DATE '…'):
-- its claims on the issue stated by then, not superseded by a claim stated by then, and no
-- later claim of the same actor on the same issue by then. The rows of `negkg positions
-- --as-of`, compared on these columns by scripts/benchmark.py.
WITH stated AS (
    SELECT c.claim, c.source, c.kind, c.holder, c.stated_on, i.issue,
           max(c.stated_on) OVER (PARTITION BY c.holder, i.issue) AS latest
    FROM claims c
    JOIN claim_issues i USING (claim)
    WHERE CAST(c.stated_on AS DATE) <= getvariable('as_of')
),
superseded AS (
    SELECT DISTINCT s.superseded AS claim
    FROM supersedes s
    JOIN claims newer ON newer.claim = s.claim
    WHERE CAST(newer.stated_on AS DATE) <= getvariable('as_of')
)
SELECT holder AS actor, issue, claim, kind, stated_on, source
FROM stated
WHERE stated_on = latest
  AND claim NOT IN (SELECT claim FROM superseded)
ORDER BY actor, issue, stated_on, claim;
