-- Where the parties meet, grouped by pair of parties and action, in SQL over
-- `negkg export --format tables`: the first 25 rows of `negkg common-ground` (no filters),
-- compared on these columns by scripts/benchmark.py. Standing claims only (not negated, not
-- superseded); parties on one side (affiliated, sharing an affiliation, one a member of the
-- other or of something affiliated to it) make no common ground. The same-action pairs are
-- counted from each party's claims on each action, never listed; acceptances and joint
-- agreements are listed and merged in.
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
listed_ordered AS (
    SELECT basis, action,
           least(ha, hb) AS party_a, greatest(ha, hb) AS party_b,
           CASE WHEN ha < hb THEN claim_a ELSE claim_b END AS claim_a,
           CASE WHEN ha < hb THEN claim_b ELSE claim_a END AS claim_b
    FROM listed
    WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = ha AND s.b = hb)
),
-- Every claim of a group's side: the same-action claims of both parties, when they share the
-- action, and the listed claims.
sides AS (
    SELECT a.holder AS party_a, b.holder AS party_b, a.action, 'a' AS side, a.claim, a.stated_on,
           'same action' AS basis
    FROM agreeing a JOIN (SELECT DISTINCT holder, action FROM agreeing) b
      ON b.action = a.action AND a.holder < b.holder
    WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = a.holder AND s.b = b.holder)
    UNION ALL
    SELECT a.holder, b.holder, a.action, 'b', b.claim, b.stated_on, 'same action'
    FROM agreeing b JOIN (SELECT DISTINCT holder, action FROM agreeing) a
      ON a.action = b.action AND a.holder < b.holder
    WHERE NOT EXISTS (SELECT 1 FROM one_side s WHERE s.a = a.holder AND s.b = b.holder)
    UNION ALL
    SELECT l.party_a, l.party_b, l.action, 'a', l.claim_a, c.stated_on, l.basis
    FROM listed_ordered l JOIN standing c ON c.claim = l.claim_a
    UNION ALL
    SELECT l.party_a, l.party_b, l.action, 'b', l.claim_b, c.stated_on, l.basis
    FROM listed_ordered l JOIN standing c ON c.claim = l.claim_b
),
groups AS (
    SELECT party_a, party_b, action,
           string_agg(DISTINCT basis, ', ' ORDER BY basis) AS bases,
           count(DISTINCT claim) FILTER (WHERE side = 'a') AS claims_a,
           count(DISTINCT claim) FILTER (WHERE side = 'b') AS claims_b,
           min(stated_on) AS first, max(stated_on) AS latest,
           arg_max(claim, (coalesce(CAST(stated_on AS VARCHAR), ''), claim)) FILTER (WHERE side = 'a') AS claim_a,
           arg_max(claim, (coalesce(CAST(stated_on AS VARCHAR), ''), claim)) FILTER (WHERE side = 'b') AS claim_b
    FROM sides
    GROUP BY party_a, party_b, action
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
