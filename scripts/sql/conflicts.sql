-- Where the parties clash, grouped by pair of parties and issue, in SQL over
-- `negkg export --format tables`: the rows of `negkg conflicts --limit 0` (no filters), compared
-- on these columns by scripts/benchmark.py. The claim pairs: a claim and the rejection that
-- answers it; demands of two parties on one place, one addressed to the other; a demand refused
-- by the party it addresses, on a shared place or issue, without an explicit answer; claims
-- marked as contradicting. Only claims no other claim supersedes count.
WITH rejection AS (
    SELECT r.answered AS claim_a, r.claim AS claim_b, 'rejection' AS conflict
    FROM responds_to r
    JOIN claims b ON b.claim = r.claim AND b.kind = 'rejection'
),
opposing AS (
    SELECT DISTINCT a.claim AS claim_a, b.claim AS claim_b,
           'opposing demands on one place' AS conflict
    FROM claims a
    JOIN claim_places pa ON pa.claim = a.claim
    JOIN claim_places pb ON pb.place = pa.place
    JOIN claims b ON b.claim = pb.claim
    WHERE a.kind = 'demand' AND b.kind = 'demand' AND a.holder <> b.holder AND a.claim < b.claim
      AND (EXISTS (SELECT 1 FROM claim_addressees x WHERE x.claim = a.claim AND x.addressee = b.holder)
        OR EXISTS (SELECT 1 FROM claim_addressees x WHERE x.claim = b.claim AND x.addressee = a.holder))
),
refused AS (
    SELECT DISTINCT a.claim AS claim_a, b.claim AS claim_b, 'demand refused' AS conflict
    FROM claims a
    JOIN claim_addressees ad ON ad.claim = a.claim
    JOIN claims b ON b.holder = ad.addressee AND b.action = a.action
    WHERE a.kind = 'demand' AND b.kind = 'rejection'
      AND NOT EXISTS (SELECT 1 FROM responds_to r WHERE r.claim = b.claim AND r.answered = a.claim)
      AND (EXISTS (SELECT 1 FROM claim_places p JOIN claim_places q ON p.place = q.place
                   WHERE p.claim = a.claim AND q.claim = b.claim)
        OR EXISTS (SELECT 1 FROM claim_issues p JOIN claim_issues q ON p.issue = q.issue
                   WHERE p.claim = a.claim AND q.claim = b.claim))
),
contradiction AS (
    SELECT claim AS claim_a, contradicted AS claim_b, 'contradiction' AS conflict FROM contradicts
),
pairs AS (
    SELECT * FROM rejection UNION ALL SELECT * FROM opposing
    UNION ALL SELECT * FROM refused UNION ALL SELECT * FROM contradiction
),
standing AS (
    SELECT c.claim, c.holder, c.stated_on, max(e.quote) AS quote
    FROM claims c
    LEFT JOIN evidence e ON e.claim = c.claim
    WHERE c.claim NOT IN (SELECT superseded FROM supersedes)
    GROUP BY c.claim, c.holder, c.stated_on
),
about AS (
    -- The issues of the first claim, else of the second.
    SELECT p.*, coalesce(ia.issue, ib.issue) AS about
    FROM pairs p
    LEFT JOIN claim_issues ia ON ia.claim = p.claim_a
    LEFT JOIN claim_issues ib ON ib.claim = p.claim_b AND NOT EXISTS
        (SELECT 1 FROM claim_issues x WHERE x.claim = p.claim_a)
),
ordered AS (
    SELECT a.conflict, a.about,
           CASE WHEN sa.holder <= sb.holder THEN sa.holder ELSE sb.holder END AS party_a,
           CASE WHEN sa.holder <= sb.holder THEN sb.holder ELSE sa.holder END AS party_b,
           CASE WHEN sa.holder <= sb.holder THEN sa ELSE sb END AS side_a,
           CASE WHEN sa.holder <= sb.holder THEN sb ELSE sa END AS side_b
    FROM about a
    JOIN standing sa ON sa.claim = a.claim_a
    JOIN standing sb ON sb.claim = a.claim_b
)
SELECT party_a, party_b, about,
       string_agg(DISTINCT conflict, ', ' ORDER BY conflict) AS kinds,
       count(DISTINCT (side_a.claim, side_b.claim)) AS pairs,
       count(DISTINCT side_a.claim) AS claims_a,
       count(DISTINCT side_b.claim) AS claims_b,
       least(min(side_a.stated_on), min(side_b.stated_on)) AS first,
       greatest(max(side_a.stated_on), max(side_b.stated_on)) AS latest,
       arg_max(side_a.claim, (coalesce(CAST(side_a.stated_on AS VARCHAR), ''), side_a.claim)) AS claim_a,
       arg_max(side_b.claim, (coalesce(CAST(side_b.stated_on AS VARCHAR), ''), side_b.claim)) AS claim_b
FROM ordered
GROUP BY party_a, party_b, about
ORDER BY party_a, party_b, about;
