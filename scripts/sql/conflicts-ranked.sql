-- The first 25 rows of conflicts as negkg ranks them: the largest groups first (claims of both
-- sides), then the latest, then the parties' and the issue's labels, then the IRIs.
-- The subquery is conflicts.sql without its ORDER BY: scripts/benchmark.py puts it in.
SELECT g.party_a, g.party_b, g.about, g.kinds, g.pairs, g.claims_a, g.claims_b, g.first, g.latest,
       g.claim_a, g.claim_b
FROM ({conflicts}) g
JOIN labels la ON la.resource = g.party_a
JOIN labels lb ON lb.resource = g.party_b
LEFT JOIN labels lc ON lc.resource = g.about
ORDER BY g.claims_a + g.claims_b DESC, g.latest DESC NULLS LAST, la.label, lb.label,
         lc.label NULLS FIRST, g.party_a, g.party_b, g.about NULLS FIRST
LIMIT 25;
