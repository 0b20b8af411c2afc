-- Conflicts between parties, one row per pair of parties and issue: the DuckDB counterpart of
-- `negkg conflicts --limit 0` (no filters) over the CSV tables of `negkg export --format tables`,
-- checked column by column by scripts/benchmark.py.
-- A conflict is a pair of claims of four kinds: a rejection and the claim it answers; two demands
-- of different parties on a common place where one is addressed to the other's holder; a demand
-- and a rejection by its addressee on the same action, sharing a place or an issue, with no
-- explicit answer between them; two claims marked as contradicting. Superseded claims are left
-- out. A pair counts under the issues of its first claim, or of its second when the first has none.
-- Every pair is found from the claims it involves (by claim, holder, action or place), never by
-- pairing all claims on an issue, so the work grows with the pairs, not with their square.
WITH rejection AS (
    SELECT r.answered AS claim_a, r.claim AS claim_b, 'rejection' AS conflict
    FROM responds_to r
    JOIN claims b ON b.claim = r.claim AND b.kind = 'rejection'
),
-- Demands of two holders on one place (the first in claim order first).
place_demands AS (
    SELECT DISTINCT a.claim AS claim_a, b.claim AS claim_b, a.holder AS holder_a, b.holder AS holder_b
    FROM claims a
    JOIN claim_places pa ON pa.claim = a.claim
    JOIN claim_places pb ON pb.place = pa.place
    JOIN claims b ON b.claim = pb.claim
    WHERE a.kind = 'demand' AND b.kind = 'demand' AND a.holder <> b.holder AND a.claim < b.claim
),
opposing AS (
    SELECT DISTINCT d.claim_a, d.claim_b, 'opposing demands on one place' AS conflict
    FROM place_demands d
    WHERE EXISTS (SELECT 1 FROM claim_addressees x WHERE x.claim = d.claim_a AND x.addressee = d.holder_b)
       OR EXISTS (SELECT 1 FROM claim_addressees x WHERE x.claim = d.claim_b AND x.addressee = d.holder_a)
),
-- A demand and a rejection of the same action by the party the demand addresses.
refusal_candidates AS (
    SELECT DISTINCT a.claim AS claim_a, b.claim AS claim_b
    FROM claims a
    JOIN claim_addressees ad ON ad.claim = a.claim
    JOIN claims b ON b.holder = ad.addressee AND b.action = a.action
    WHERE a.kind = 'demand' AND b.kind = 'rejection'
),
-- ... that share a place or an issue, looked up claim by claim for each candidate.
refusal_shared AS (
    SELECT c.claim_a, c.claim_b
    FROM refusal_candidates c
    JOIN claim_places p ON p.claim = c.claim_a
    JOIN claim_places q ON q.claim = c.claim_b AND q.place = p.place
    UNION
    SELECT c.claim_a, c.claim_b
    FROM refusal_candidates c
    JOIN claim_issues p ON p.claim = c.claim_a
    JOIN claim_issues q ON q.claim = c.claim_b AND q.issue = p.issue
),
refused AS (
    SELECT s.claim_a, s.claim_b, 'demand refused' AS conflict
    FROM refusal_shared s
    WHERE NOT EXISTS (SELECT 1 FROM responds_to r WHERE r.claim = s.claim_b AND r.answered = s.claim_a)
),
contradiction AS (
    SELECT claim AS claim_a, contradicted AS claim_b, 'contradiction' AS conflict FROM contradicts
),
pairs AS (
    SELECT * FROM rejection UNION ALL SELECT * FROM opposing
    UNION ALL SELECT * FROM refused UNION ALL SELECT * FROM contradiction
),
-- Claims no other claim supersedes, with their holder and date.
standing AS (
    SELECT DISTINCT claim, holder, stated_on
    FROM claims
    WHERE claim NOT IN (SELECT superseded FROM supersedes)
),
about AS (
    -- The issues of the first claim, else of the second.
    SELECT p.*, coalesce(ia.issue, ib.issue) AS about
    FROM pairs p
    LEFT JOIN claim_issues ia ON ia.claim = p.claim_a
    LEFT JOIN claim_issues ib ON ib.claim = p.claim_b AND NOT EXISTS
        (SELECT 1 FROM claim_issues x WHERE x.claim = p.claim_a)
),
-- Each pair with its parties in order: party A is the holder that sorts first.
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
-- Each party's latest claim: the greatest (date as text, claim).
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
