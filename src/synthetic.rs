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

/// A dataset with `claims` claims (about 20 per source), reproducible from `seed`.
pub fn synthetic_dataset(claims: usize, seed: u64) -> Dataset {
    let mut rng = SplitMix(seed ^ 0x006E_6567_6B67);
    let mut dataset = Dataset::default();
    let states = (claims / 400).clamp(4, 200);
    let persons = (claims / 100).clamp(8, 2_000);
    let groups = (claims / 1_000).clamp(2, 100);
    let places = (claims / 50).clamp(10, 5_000);
    let events = (claims / 40).clamp(5, 10_000);
    let sources = claims.div_ceil(20).max(1);
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
            affiliation: Some(format!("state-{}", i % states)),
            wikidata: None,
            aliases: Vec::new(),
            members: Vec::new(),
            description: None,
        });
    }
    for i in 0..groups {
        dataset.actors.push(Actor {
            id: format!("group-{i}"),
            name: format!("Negotiators of State {}", i % states),
            actor_type: ActorType::Group,
            affiliation: Some(format!("state-{}", i % states)),
            wikidata: None,
            aliases: Vec::new(),
            members: vec![
                format!("person-{}", i % persons),
                format!("person-{}", (i + 1) % persons),
            ],
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
    // Negotiations between pairs of states. Three claims in four take theirs from their source,
    // one in ten of those names another on the claim itself, and the claims of every fourth
    // source, which names none, take theirs from their event (or have none), so that a filter
    // by negotiation meets every way a claim gets one.
    let negotiations = (claims / 2_000).clamp(2, 50);
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
        let a = rng.below(states);
        let b = (a + 1 + rng.below(states - 1)) % states;
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
            place: Some(format!("place-{}", rng.below(places))),
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
        for c in first..last {
            let kind = kind_for(c);
            let holder = rng.below(actors);
            let addressee = (holder + 1 + rng.below(actors - 1)) % actors;
            let issue = rng.below(ISSUES.len());
            let action = ACTIONS[rng.below(ACTIONS.len())];
            let id = format!("claim-{c}");
            let hypothetical = matches!(kind, ClaimKind::Threat) || rng.chance(10);
            let conditional_on = if hypothetical && c > first {
                vec![format!("claim-{}", first + rng.below(c - first))]
            } else {
                Vec::new()
            };
            let responds_to =
                if matches!(kind, ClaimKind::Rejection | ClaimKind::Agreement) && c > 0 {
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
                voiced_by: rng.chance(10).then(|| actor_id(rng.below(actors))),
                addressees: vec![actor_id(addressee)],
                action: action.into(),
                issues: vec![ISSUES[issue].into()],
                places: (0..place_count)
                    .map(|_| format!("place-{}", rng.below(places)))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                events: rng
                    .chance(60)
                    .then(|| format!("event-{}", rng.below(events)))
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
                negotiations: (s % 4 != 3 && c % 10 == 0)
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
}
