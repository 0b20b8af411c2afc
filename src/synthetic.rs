//! A synthetic but realistic dataset of any size, for benchmarks and load tests: actors of every
//! type with affiliations, places, issues, events and sources spread over years, claims of every
//! kind with conditions, responses, supersedes chains and evidence. Deterministic for a seed.

use crate::model::{
    Action, Actor, ActorType, Claim, ClaimKind, Dataset, Date, Event, EventStatus, EventType,
    Evidence, Issue, Modality, Negotiation, Place, PlaceType, Source, SourceKind,
};

/// A small, fast, deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const ISSUES: &[&str] = &[
    "ceasefire",
    "territory",
    "peace-agreement",
    "peace-talks",
    "mediation-and-venue",
    "prisoner-exchange",
    "security-guarantees",
    "sanctions",
    "humanitarian-access",
    "energy-infrastructure",
    "elections",
    "reconstruction",
];

const ACTIONS: &[&str] = &[
    "withdrawal",
    "occupation",
    "hosting",
    "attendance",
    "ceasefire",
    "memorandum",
    "prisoner-exchange",
    "sanctions-relief",
    "security-guarantee",
    "meeting",
    "mediation",
    "support",
];

fn kind_for(index: usize) -> ClaimKind {
    // Demands and statements are the most common, concessions the rarest.
    const MIX: &[ClaimKind] = &[
        ClaimKind::Demand,
        ClaimKind::Demand,
        ClaimKind::Statement,
        ClaimKind::Statement,
        ClaimKind::Proposal,
        ClaimKind::Rejection,
        ClaimKind::Offer,
        ClaimKind::Commitment,
        ClaimKind::Threat,
        ClaimKind::Agreement,
        ClaimKind::Concession,
    ];
    MIX[index % MIX.len()]
}

fn day(rng: &mut SplitMix, first_year: i32, years: i32) -> Date {
    let year = first_year + rng.below(years as usize) as i32;
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    Date::new(year, month, day)
        .unwrap_or_else(|_| unreachable!("days 1 to 28 exist in every month"))
}

/// Who and what a synthetic dataset's claims are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyntheticCast {
    /// One cast for every claim: a claim's holder, addressee, places and event are drawn from all
    /// of the dataset's. Actors stop growing in number at 200,000 claims (200 states, 2,000
    /// persons and 100 groups), places at 250,000 and events at 400,000, so that a larger
    /// dataset holds more claims of each: the timeline of one actor and the conflicts between
    /// two parties grow with the claims.
    #[default]
    Shared,
    /// Each negotiation of about 2,000 claims has a cast of its own: its two parties and its
    /// mediator (states that are parties or mediators of two neighbouring negotiations too),
    /// about 20 persons and 2 groups, and its own places and events. A claim's holder,
    /// addressee, voice, places, event and the claim it answers are drawn from its
    /// negotiation's. Actors, places, events and negotiations grow with the claims, so that a
    /// larger dataset holds more negotiations of the same size, as a team following several
    /// negotiations over years gathers them.
    PerNegotiation,
}

/// A dataset with `claims` claims (about 20 per source), reproducible from `seed`, with one
/// cast for every claim ([`SyntheticCast::Shared`]).
pub fn synthetic_dataset(claims: usize, seed: u64) -> Dataset {
    synthetic_dataset_with(claims, seed, SyntheticCast::Shared)
}

/// The `index`-th of the things numbered `k`, `k + n`, `k + 2n`, … below `total` (those of
/// negotiation `k` of `n`), `index` taken modulo their number.
fn nth_of(k: usize, n: usize, total: usize, index: usize) -> usize {
    (k + n * (index % count_of(k, n, total))).min(total.saturating_sub(1))
}

/// How many of the things numbered below `total` belong to negotiation `k` of `n` (at least
/// one: the last thing stands in when none does).
fn count_of(k: usize, n: usize, total: usize) -> usize {
    total.saturating_sub(k).div_ceil(n.max(1)).max(1)
}

/// A dataset with `claims` claims (about 20 per source), reproducible from `seed`, its claims
/// drawn from the cast `cast`.
pub fn synthetic_dataset_with(claims: usize, seed: u64, cast: SyntheticCast) -> Dataset {
    let mut rng = SplitMix(seed ^ 0x006E_6567_6B67);
    let mut dataset = Dataset::default();
    let per_negotiation = cast == SyntheticCast::PerNegotiation;
    // Negotiations between pairs of states. Three claims in four take theirs from their source,
    // one in ten of those names another on the claim itself, and the claims of every fourth
    // source, which names none, take theirs from their event (or have none), so that a filter
    // by negotiation meets every way a claim gets one.
    let negotiations = if per_negotiation {
        (claims / 2_000).max(2)
    } else {
        (claims / 2_000).clamp(2, 50)
    };
    let (states, persons, groups, places, events) = if per_negotiation {
        (
            negotiations.max(4),
            (claims / 100).max(8),
            (claims / 1_000).max(2),
            (claims / 50).max(10),
            (claims / 40).max(5),
        )
    } else {
        (
            (claims / 400).clamp(4, 200),
            (claims / 100).clamp(8, 2_000),
            (claims / 1_000).clamp(2, 100),
            (claims / 50).clamp(10, 5_000),
            (claims / 40).clamp(5, 10_000),
        )
    };
    let sources = claims.div_ceil(20).max(1);
    // Persons, groups, places and events of negotiation k are those numbered k modulo the
    // number of negotiations (in the shared cast, only the events are the negotiations').
    let negotiation_of = |i: usize| i % negotiations;
    let person_state = |i: usize| {
        if per_negotiation {
            (negotiation_of(i) + (i / negotiations) % 2) % states
        } else {
            i % states
        }
    };
    let group_state = |i: usize| {
        if per_negotiation {
            negotiation_of(i) % states
        } else {
            i % states
        }
    };
    for i in 0..states {
        dataset.actors.push(Actor {
            id: format!("state-{i}"),
            name: format!("State {i}"),
            actor_type: ActorType::State,
            affiliation: None,
            wikidata: None,
            aliases: vec![format!("the government of State {i}")],
            members: Vec::new(),
            description: None,
        });
    }
    for i in 0..persons {
        dataset.actors.push(Actor {
            id: format!("person-{i}"),
            name: format!("Person {i}"),
            actor_type: ActorType::Person,
            affiliation: Some(format!("state-{}", person_state(i))),
            wikidata: None,
            aliases: Vec::new(),
            members: Vec::new(),
            description: None,
        });
    }
    for i in 0..groups {
        // Two persons: in the shared cast any two, in a negotiation's cast two of its own.
        let members = if per_negotiation {
            let (k, j) = (negotiation_of(i), i / negotiations);
            [
                nth_of(k, negotiations, persons, 2 * j),
                nth_of(k, negotiations, persons, 2 * j + 1),
            ]
        } else {
            [i % persons, (i + 1) % persons]
        };
        dataset.actors.push(Actor {
            id: format!("group-{i}"),
            name: format!("Negotiators of State {}", group_state(i)),
            actor_type: ActorType::Group,
            affiliation: Some(format!("state-{}", group_state(i))),
            wikidata: None,
            aliases: Vec::new(),
            members: members.iter().map(|m| format!("person-{m}")).collect(),
            description: None,
        });
    }
    dataset.actors.push(Actor {
        id: "synthetic-press".into(),
        name: "Synthetic Press".into(),
        actor_type: ActorType::Organization,
        affiliation: None,
        wikidata: None,
        aliases: Vec::new(),
        members: Vec::new(),
        description: None,
    });
    for i in 0..places {
        dataset.places.push(Place {
            id: format!("place-{i}"),
            name: format!("Place {i}"),
            place_type: if i < states {
                PlaceType::Country
            } else {
                PlaceType::City
            },
            within: (i >= states).then(|| format!("place-{}", i % states)),
            wikidata: None,
            aliases: Vec::new(),
        });
    }
    for issue in ISSUES {
        dataset.issues.push(Issue {
            id: (*issue).into(),
            name: issue.replace('-', " "),
            description: format!("Synthetic issue: {}.", issue.replace('-', " ")),
            wikidata: None,
            negotiations: Vec::new(),
        });
    }
    for action in ACTIONS {
        dataset.actions.push(Action {
            id: (*action).into(),
            name: action.replace('-', " "),
            description: None,
        });
    }
    for i in 0..negotiations {
        dataset.negotiations.push(Negotiation {
            id: format!("negotiation-{i}"),
            name: format!(
                "Negotiation {i} between State {} and State {}",
                i % states,
                (i + 1) % states
            ),
            description: None,
            parties: vec![
                format!("state-{}", i % states),
                format!("state-{}", (i + 1) % states),
            ],
            mediators: vec![format!("state-{}", (i + 2) % states)],
            wikidata: None,
            start: None,
            end: None,
        });
    }
    for i in 0..events {
        // In a negotiation's cast, its talks are between its parties, at one of its places.
        let (a, b) = if per_negotiation {
            let k = negotiation_of(i);
            (k % states, (k + 1) % states)
        } else {
            let a = rng.below(states);
            (a, (a + 1 + rng.below(states - 1)) % states)
        };
        dataset.events.push(Event {
            id: format!("event-{i}"),
            name: format!("Talks {i} between State {a} and State {b}"),
            event_type: [
                EventType::Call,
                EventType::Talks,
                EventType::Summit,
                EventType::Meeting,
            ][i % 4],
            status: if rng.chance(80) {
                EventStatus::Held
            } else {
                EventStatus::Planned
            },
            date: Some(day(&mut rng, 2022, 4)),
            start: None,
            end: None,
            place: Some(format!(
                "place-{}",
                if per_negotiation {
                    let k = negotiation_of(i);
                    nth_of(k, negotiations, places, rng.below(places))
                } else {
                    rng.below(places)
                }
            )),
            participants: vec![format!("state-{a}"), format!("state-{b}")],
            plover_mode: Some(["phone", "visit", "third-party", "multilateral"][i % 4].into()),
            description: None,
            negotiations: vec![format!("negotiation-{}", i % negotiations)],
        });
    }
    let actors = states + persons + groups;
    let actor_id = |index: usize| -> String {
        if index < states {
            format!("state-{index}")
        } else if index < states + persons {
            format!("person-{}", index - states)
        } else {
            format!("group-{}", index - states - persons)
        }
    };
    // Each negotiation's cast (per negotiation only): its parties and mediator, its persons and
    // its groups, as actor numbers.
    let casts: Vec<Vec<usize>> = if per_negotiation {
        (0..negotiations)
            .map(|k| {
                let mut cast: Vec<usize> = (0..3).map(|d| (k + d) % states).collect();
                cast.extend(
                    (0..count_of(k, negotiations, persons))
                        .map(|j| states + nth_of(k, negotiations, persons, j)),
                );
                cast.extend(
                    (0..count_of(k, negotiations, groups))
                        .map(|j| states + persons + nth_of(k, negotiations, groups, j)),
                );
                cast.sort_unstable();
                cast.dedup();
                cast
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut last_by_holder_issue: std::collections::HashMap<(usize, usize), String> =
        std::collections::HashMap::new();
    for s in 0..sources {
        let published = day(&mut rng, 2022, 4);
        let source_id = format!("source-{s}");
        dataset.sources.push(Source {
            id: source_id.clone(),
            title: format!("Synthetic report {s}"),
            publisher: "synthetic-press".into(),
            published,
            url: Some(format!("https://example.org/reports/{s}")),
            authors: vec![format!("Reporter {}", s % 37)],
            kind: [
                SourceKind::Article,
                SourceKind::Readout,
                SourceKind::Statement,
            ][s % 3],
            negotiations: (s % 4 != 3)
                .then(|| format!("negotiation-{}", s % negotiations))
                .into_iter()
                .collect(),
        });
        let first = s * 20;
        let last = ((s + 1) * 20).min(claims);
        // The negotiation whose cast the source's claims are drawn from (per negotiation).
        let k = negotiation_of(s);
        for c in first..last {
            let kind = kind_for(c);
            // One claim in ten of a source with a negotiation names another on itself, which
            // takes the place of its source's: per negotiation, its cast is that one's.
            let names_another = s % 4 != 3 && c % 10 == 0;
            let k = if names_another {
                (s + 1) % negotiations
            } else {
                k
            };
            let cast = casts.get(k).map(Vec::as_slice);
            // One of the `total` places or events drawn as `drawn`: per negotiation, one of its
            // own.
            let own = |total: usize, drawn: usize| {
                if per_negotiation {
                    nth_of(k, negotiations, total, drawn)
                } else {
                    drawn
                }
            };
            let (holder, addressee) = match cast {
                Some(cast) => {
                    let at = rng.below(cast.len());
                    let other = (at + 1 + rng.below(cast.len() - 1)) % cast.len();
                    (cast[at], cast[other])
                }
                None => {
                    let holder = rng.below(actors);
                    (holder, (holder + 1 + rng.below(actors - 1)) % actors)
                }
            };
            let issue = rng.below(ISSUES.len());
            let action = ACTIONS[rng.below(ACTIONS.len())];
            let id = format!("claim-{c}");
            let hypothetical = matches!(kind, ClaimKind::Threat) || rng.chance(10);
            let conditional_on = if hypothetical && c > first {
                vec![format!("claim-{}", first + rng.below(c - first))]
            } else {
                Vec::new()
            };
            // Per negotiation, an earlier claim of a source of the same negotiation (this one,
            // or one numbered k, k + n, … before it).
            let responds_to = if !matches!(kind, ClaimKind::Rejection | ClaimKind::Agreement) {
                Vec::new()
            } else if cast.is_some() {
                let sources_before = if s >= k {
                    (s - k) / negotiations + 1
                } else {
                    0
                };
                let earlier = k + negotiations * rng.below(sources_before);
                let end = if earlier == s { c } else { earlier * 20 + 20 };
                (sources_before > 0 && end > earlier * 20)
                    .then(|| format!("claim-{}", earlier * 20 + rng.below(end - earlier * 20)))
                    .into_iter()
                    .collect()
            } else if c > 0 {
                vec![format!("claim-{}", rng.below(c))]
            } else {
                Vec::new()
            };
            let key = (holder, issue);
            let supersedes = match last_by_holder_issue.get(&key) {
                Some(previous) if rng.chance(30) => vec![previous.clone()],
                _ => Vec::new(),
            };
            last_by_holder_issue.insert(key, id.clone());
            let place_count = if action == "withdrawal" {
                2
            } else {
                usize::from(rng.chance(50))
            };
            let quote = format!(
                "{} said it {} {} over {} in claim {c}",
                actor_id(holder),
                kind.as_str(),
                action.replace('-', " "),
                ISSUES[issue].replace('-', " ")
            );
            let start = rng.below(5_000) as u64;
            dataset.claims.push(Claim {
                id,
                source: source_id.clone(),
                kind,
                holder: actor_id(holder),
                voiced_by: rng.chance(10).then(|| {
                    actor_id(match cast {
                        Some(cast) => cast[rng.below(cast.len())],
                        None => rng.below(actors),
                    })
                }),
                addressees: vec![actor_id(addressee)],
                action: action.into(),
                issues: vec![ISSUES[issue].into()],
                places: (0..place_count)
                    .map(|_| format!("place-{}", own(places, rng.below(places))))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                events: rng
                    .chance(60)
                    .then(|| format!("event-{}", own(events, rng.below(events))))
                    .into_iter()
                    .collect(),
                object: None,
                stated_on: Some(published),
                stated_on_text: None,
                stated_before: None,
                valid_from: None,
                valid_until: None,
                duration: (action == "ceasefire").then(|| "P30D".into()),
                modality: if hypothetical {
                    Modality::Hypothetical
                } else {
                    [
                        Modality::Asserted,
                        Modality::Asserted,
                        Modality::Future,
                        Modality::Hedged,
                    ][c % 4]
                },
                condition: hypothetical.then(|| format!("if {} refuses", actor_id(addressee))),
                conditional_on,
                responds_to,
                supersedes,
                contradicts: Vec::new(),
                plover: None,
                plover_mode: None,
                label: format!(
                    "{} {}s {}",
                    actor_id(holder),
                    kind.as_str(),
                    action.replace('-', " ")
                ),
                note: None,
                negotiations: names_another
                    .then(|| format!("negotiation-{}", (s + 1) % negotiations))
                    .into_iter()
                    .collect(),
                evidence: vec![Evidence {
                    sentence: None,
                    end: Some(start + quote.chars().count() as u64),
                    quote,
                    source: source_id.clone(),
                    reported_by: if rng.chance(50) {
                        actor_id(holder)
                    } else {
                        "synthetic-press".into()
                    },
                    start: Some(start),
                }],
            });
        }
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::parse_dataset;

    #[test]
    fn synthetic_data_is_deterministic_sized_and_valid() {
        let a = synthetic_dataset(250, 7);
        assert_eq!(a, synthetic_dataset(250, 7));
        assert_ne!(a, synthetic_dataset(250, 8));
        assert_eq!(a.claims.len(), 250);
        for kind in ClaimKind::ALL {
            assert!(a.claims.iter().any(|c| c.kind == *kind), "{kind}");
        }
        assert!(a.claims.iter().any(|c| !c.supersedes.is_empty()));
        assert!(a.claims.iter().any(|c| !c.conditional_on.is_empty()));
        // Claims get their negotiation in each of the ways, and some have none.
        let derived: Vec<Vec<&str>> = a.claims.iter().map(|c| a.claim_negotiations(c)).collect();
        assert!(a.claims.iter().any(|c| !c.negotiations.is_empty()));
        assert!(derived.iter().any(Vec::is_empty));
        assert!(a.claims.iter().zip(&derived).any(|(c, d)| {
            !d.is_empty()
                && a.source(&c.source)
                    .is_some_and(|s| s.negotiations.is_empty())
        }));
        // Written as data files (one per source), it passes validation.
        let files = crate::dataset::to_data_files(&a);
        let parsed = parse_dataset(&files).unwrap();
        assert_eq!(parsed.claims.len(), 250);
    }

    /// The actors each claim of `dataset` involves (holder, addressees, voice), with the
    /// number of its negotiation (its own, else its source's, else its event's) or, when it
    /// has none, the one its source would have.
    fn involved(dataset: &Dataset) -> Vec<(usize, Vec<&str>)> {
        let negotiations = dataset.negotiations.len();
        dataset
            .claims
            .iter()
            .map(|c| {
                let of = dataset.claim_negotiations(c);
                assert!(of.len() <= 1, "{}: {of:?}", c.id);
                let k = match of.first() {
                    Some(n) => n["negotiation-".len()..].parse().unwrap(),
                    None => c.source["source-".len()..].parse::<usize>().unwrap() % negotiations,
                };
                let mut actors = vec![c.holder.as_str()];
                actors.extend(c.addressees.iter().map(String::as_str));
                actors.extend(c.voiced_by.as_deref());
                (k, actors)
            })
            .collect()
    }

    /// A fingerprint (FNV-1a) of everything the generator draws.
    fn fingerprint(dataset: &Dataset) -> u64 {
        let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
        let mut eat = |text: &str| {
            for byte in text.bytes().chain([0xFF]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01B3);
            }
        };
        for c in &dataset.claims {
            eat(&c.holder);
            eat(c.voiced_by.as_deref().unwrap_or("-"));
            eat(&c.action);
            for value in [
                &c.addressees,
                &c.issues,
                &c.places,
                &c.events,
                &c.responds_to,
                &c.supersedes,
                &c.conditional_on,
                &c.negotiations,
            ]
            .into_iter()
            .flatten()
            {
                eat(value);
            }
            eat(&format!("{:?} {:?} {:?}", c.kind, c.modality, c.stated_on));
            for e in &c.evidence {
                eat(&format!("{} {:?}", e.reported_by, e.start));
            }
        }
        for e in &dataset.events {
            eat(&format!(
                "{:?} {:?} {:?}",
                e.participants, e.place, e.status
            ));
            eat(&format!("{:?}", e.date));
        }
        for s in &dataset.sources {
            eat(&format!("{:?}", s.published));
        }
        hash
    }

    #[test]
    fn the_shared_cast_draws_what_it_always_drew() {
        // The data of every benchmark run since the generator was written: a change to its
        // draws would make new figures incomparable with the old ones (the per-negotiation
        // cast was added without one).
        assert_eq!(
            fingerprint(&synthetic_dataset(3_000, 5)),
            FINGERPRINT_3000_5,
            "the shared cast's data changed"
        );
        assert_ne!(
            fingerprint(&synthetic_dataset(3_000, 6)),
            FINGERPRINT_3000_5
        );
    }

    const FINGERPRINT_3000_5: u64 = 2_121_175_975_364_961_029;

    #[test]
    fn a_cast_per_negotiation_keeps_claims_in_their_negotiation_and_grows() {
        let small = synthetic_dataset_with(6_000, 3, SyntheticCast::PerNegotiation);
        assert_eq!(
            small,
            synthetic_dataset_with(6_000, 3, SyntheticCast::PerNegotiation)
        );
        assert_eq!(small.claims.len(), 6_000);
        let files = crate::dataset::to_data_files(&small);
        assert_eq!(parse_dataset(&files).unwrap().claims.len(), 6_000);
        // Every claim's actors, places, event and answered claim belong to its negotiation
        // (named on itself, else its source's, else its event's): persons, groups, places and
        // events numbered k modulo the negotiations, states k, k + 1 and k + 2 (its parties
        // and mediator).
        let n = small.negotiations.len();
        assert_eq!(n, 3);
        let number = |id: &str| id.rsplit('-').next().unwrap().parse::<usize>().unwrap();
        let states = small
            .actors
            .iter()
            .filter(|a| a.actor_type == ActorType::State)
            .count();
        // Claims that name another negotiation than their source's are among them.
        assert!(small.claims.iter().any(|c| {
            let source = number(&c.source) % n;
            c.negotiations.iter().any(|k| number(k) != source)
        }));
        for ((k, actors), claim) in involved(&small).into_iter().zip(&small.claims) {
            for actor in actors {
                let i = number(actor);
                if actor.starts_with("state-") {
                    assert!((0..3).any(|d| (k + d) % states == i), "{actor} in {k}");
                } else {
                    assert_eq!(i % n, k, "{actor} of claim {}", claim.id);
                }
            }
            for place in &claim.places {
                assert_eq!(number(place) % n, k, "{place}");
            }
            for event in &claim.events {
                assert_eq!(number(event) % n, k, "{event}");
            }
            for answered in &claim.responds_to {
                let source = number(answered) / 20;
                assert_eq!(source % n, k, "{answered} answered by {}", claim.id);
                assert!(number(answered) < number(&claim.id));
            }
        }
        // Ten times the claims: ten times the actors, and each holds about as many claims.
        let large = synthetic_dataset_with(60_000, 3, SyntheticCast::PerNegotiation);
        assert_eq!(large.negotiations.len(), 30);
        assert!(large.actors.len() >= 9 * small.actors.len());
        let held = |d: &Dataset, id: &str| d.claims.iter().filter(|c| c.holder == id).count();
        let (before, after) = (held(&small, "state-1"), held(&large, "state-1"));
        assert!(
            before > 0 && after < 2 * before,
            "state-1 holds {before}, then {after}"
        );
    }
}
