-- Common ground between parties, one row per pair of parties and action: the DuckDB counterpart
-- of the first 25 rows of `negkg common-ground` (no filters) over the CSV tables of
-- `negkg export --format tables`, checked column by column by scripts/benchmark.py.
-- Only standing claims count (not negated, not superseded), and parties on the same side
-- (affiliated, sharing an affiliation, one a member of the other or of something affiliated to
-- it) never make common ground. Three bases: both parties propose, offer, agree to, commit to or
-- concede the same action ("same action"); one party's agreement answers a claim of the other
-- ("accepted"); two members of a group share the group's agreement ("joint agreement").
-- "Same action" would pair every party with every other on an action, so it is never listed
-- claim by claim: each party's claims on each action are summed up once, and a pair's group is
-- made of the two sums. Only the groups that also have an accepted or joint pair, which are few,
-- are counted from their claims, since a claim can then count under more than one basis. And as
-- only the top 25 are asked for, only the pairs of parties whose sums can reach them are made.
WITH standing AS (
    SELECT claim, holder, action, kind, stated_on
    FROM claims
    WHERE coalesce(modality, '') <> 'negated'
      AND claim NOT IN (SELECT superseded FROM supersedes)
),
agreeing AS (
    SELECT * FROM standing
    WHERE kind IN ('proposal', 'offer', 'agreement', 'commitment', 'concession')
),
one_side AS (
    SELECT actor AS a, affiliation AS b FROM affiliations
    UNION SELECT affiliation, actor FROM affiliations
    UNION SELECT x.actor, y.actor FROM affiliations x JOIN affiliations y ON x.affiliation = y.affiliation
    UNION SELECT grouping, member FROM members
    UNION SELECT member, grouping FROM members
    UNION SELECT m.grouping, f.affiliation FROM members m JOIN affiliations f ON f.actor = m.member
    UNION SELECT f.affiliation, m.grouping FROM members m JOIN affiliations f ON f.actor = m.member
),
-- Each party's agreeing claims on each action: how many, first and latest date, and the latest
-- claim (the greatest date as text, then claim).
summary AS (
    SELECT holder, action, count(DISTINCT claim) AS claims, min(stated_on) AS first,
           max(stated_on) AS latest,
           arg_max(claim, (coalesce(CAST(stated_on AS VARCHAR), ''), claim)) AS latest_claim
    FROM agreeing
    GROUP BY holder, action
),
-- Listed pairs: an agreement answering a claim, and an agreement of a group two members share.
listed AS (
    SELECT 'accepted' AS basis, a.claim AS claim_a, b.claim AS claim_b, a.holder AS ha,
           b.holder AS hb, a.action
    FROM responds_to r
    JOIN standing b ON b.claim = r.claim AND b.kind = 'agreement'
    JOIN standing a ON a.claim = r.answered
    WHERE a.holder <> b.holder
    UNION ALL
    SELECT 'joint agreement', g.claim, g.claim, x.member, y.member, g.action
    FROM standing g
    JOIN members x ON x.grouping = g.holder
    JOIN members y ON y.grouping = g.holder AND x.member < y.member
    WHERE g.kind = 'agreement'
),
-- The listed pairs with party A the one that sorts first.
listed_ordered AS (
    SELECT basis, action,
           least(ha, hb) AS party_a, greatest(ha, hb) AS party_b,
           CASE WHEN ha < hb THEN claim_a ELSE claim_b END AS claim_a,
           CASE WHEN ha < hb THEN claim_b ELSE claim_a END AS claim_b
    FROM listed
    WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = ha AND s.b = hb)
),
listed_groups AS (
    SELECT DISTINCT party_a, party_b, action FROM listed_ordered
),
-- The claims on each side of a group with listed pairs: both parties' same-action claims when
-- both have some, and the listed claims. (The group's parties already passed the one-side test,
-- which does not depend on their order.)
listed_sides AS (
    SELECT g.party_a, g.party_b, g.action, 'a' AS side, c.claim, c.stated_on, 'same action' AS basis
    FROM listed_groups g
    JOIN agreeing c ON c.holder = g.party_a AND c.action = g.action
    WHERE EXISTS (SELECT 1 FROM summary o WHERE o.holder = g.party_b AND o.action = g.action)
    UNION ALL
    SELECT g.party_a, g.party_b, g.action, 'b', c.claim, c.stated_on, 'same action'
    FROM listed_groups g
    JOIN agreeing c ON c.holder = g.party_b AND c.action = g.action
    WHERE EXISTS (SELECT 1 FROM summary o WHERE o.holder = g.party_a AND o.action = g.action)
    UNION ALL
    SELECT l.party_a, l.party_b, l.action, 'a', l.claim_a, c.stated_on, l.basis
    FROM listed_ordered l JOIN standing c ON c.claim = l.claim_a
    UNION ALL
    SELECT l.party_a, l.party_b, l.action, 'b', l.claim_b, c.stated_on, l.basis
    FROM listed_ordered l JOIN standing c ON c.claim = l.claim_b
),
groups_with_listed AS (
    SELECT party_a, party_b, action,
           string_agg(DISTINCT basis, ', ' ORDER BY basis) AS bases,
           count(DISTINCT claim) FILTER (WHERE side = 'a') AS claims_a,
           count(DISTINCT claim) FILTER (WHERE side = 'b') AS claims_b,
           min(stated_on) AS first, max(stated_on) AS latest,
           arg_max(claim, (coalesce(CAST(stated_on AS VARCHAR), ''), claim)) FILTER (WHERE side = 'a') AS claim_a,
           arg_max(claim, (coalesce(CAST(stated_on AS VARCHAR), ''), claim)) FILTER (WHERE side = 'b') AS claim_b
    FROM listed_sides
    GROUP BY party_a, party_b, action
),
-- Only the top 25 are wanted, so the "same action" groups are not all made. A floor under the
-- 25th row's claims: the 25th largest sum among pairs of the 50 busiest parties on each action
-- (each such pair is a group in the answer with at least that many claims, more if it also has
-- listed pairs), or 0 when there are fewer than 25 of them.
busiest AS (
    SELECT * FROM summary
    QUALIFY row_number() OVER (PARTITION BY action ORDER BY claims DESC, holder) <= 50
),
floor AS (
    SELECT CASE WHEN count(*) = 25 THEN min(claims) ELSE 0 END AS claims
    FROM (
        SELECT a.claims + b.claims AS claims
        FROM busiest a
        JOIN busiest b ON b.action = a.action AND a.holder < b.holder
        WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = a.holder AND s.b = b.holder)
          AND EXISTS (SELECT 1 FROM labels l WHERE l.resource = a.holder)
          AND EXISTS (SELECT 1 FROM labels l WHERE l.resource = b.holder)
          AND EXISTS (SELECT 1 FROM labels l WHERE l.resource = a.action)
        ORDER BY claims DESC
        LIMIT 25
    )
),
-- The claim counts the parties have on each action, and the two counts that reach the floor:
-- only the parties with those counts are paired.
levels AS (
    SELECT DISTINCT action, claims FROM summary
),
level_pairs AS (
    SELECT x.action, x.claims AS claims_a, y.claims AS claims_b
    FROM levels x
    JOIN levels y ON y.action = x.action
    CROSS JOIN floor f
    WHERE x.claims + y.claims >= f.claims
),
-- The parties with the first count of such a pair (materialized, so that DuckDB pairs them
-- through the counts and never joins two parties on the action alone).
first_parties AS MATERIALIZED (
    SELECT a.*, p.claims_b
    FROM level_pairs p
    JOIN summary a ON a.action = p.action AND a.claims = p.claims_a
),
-- The other groups that can make the top 25 are "same action" only: made from the two sums.
same_action_groups AS (
    SELECT a.holder AS party_a, b.holder AS party_b, a.action, 'same action' AS bases,
           a.claims AS claims_a, b.claims AS claims_b,
           least(a.first, b.first) AS first, greatest(a.latest, b.latest) AS latest,
           a.latest_claim AS claim_a, b.latest_claim AS claim_b
    FROM first_parties a
    JOIN summary b ON b.action = a.action AND b.claims = a.claims_b AND a.holder < b.holder
    WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = a.holder AND s.b = b.holder)
      AND NOT EXISTS (SELECT 1 FROM listed_groups l
                      WHERE l.party_a = a.holder AND l.party_b = b.holder AND l.action = a.action)
),
groups AS (
    SELECT * FROM groups_with_listed UNION ALL SELECT * FROM same_action_groups
)
SELECT g.party_a, g.party_b, g.action, g.bases, g.claims_a, g.claims_b, g.first, g.latest,
       g.claim_a, g.claim_b
FROM groups g
JOIN labels la ON la.resource = g.party_a
JOIN labels lb ON lb.resource = g.party_b
JOIN labels lc ON lc.resource = g.action
ORDER BY g.claims_a + g.claims_b DESC, g.latest DESC, la.label, lb.label, lc.label,
         g.party_a, g.party_b, g.action
LIMIT 25;
