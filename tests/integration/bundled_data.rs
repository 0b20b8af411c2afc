//! What the issue asks the bundled data to show, asserted through the public API.

use negkg::oxigraph::sparql::QueryResults;
use negkg::{compact_term, KnowledgeGraph, SparqlQuery};
use std::sync::OnceLock;

fn graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(|| KnowledgeGraph::bundled().expect("the bundled data loads"))
}

fn ask(sparql: &str) -> bool {
    match graph().query(&SparqlQuery::new(sparql)).unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK query"),
    }
}

fn column(sparql: &str, variable: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) = graph().query(&SparqlQuery::new(sparql)).unwrap()
    else {
        panic!("not a SELECT query")
    };
    solutions
        .map(|s| {
            s.unwrap()
                .get(variable)
                .map(compact_term)
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn russia_demands_withdrawal_from_kherson_and_zaporizhzhia() {
    // The seed article's account: exactly the two cities.
    let places = column(
        "SELECT ?p WHERE { GRAPH source:ft-2025-05-19-trump-leaves-ceasefire-talks { actor:russia neg:demandsWithdrawalFrom ?p } } ORDER BY ?p",
        "p",
    );
    assert_eq!(places, ["place:kherson", "place:zaporizhzhia"]);
    // Across all sources they are among the places Russia demands Ukraine leave.
    let all = column(
        "SELECT DISTINCT ?p WHERE { actor:russia neg:demandsWithdrawalFrom ?p } ORDER BY ?p",
        "p",
    );
    assert!(
        all.contains(&"place:kherson".to_owned()) && all.contains(&"place:zaporizhzhia".to_owned()),
        "{all:?}"
    );
    // The direct edge is backed by a demand with a quote naming both cities.
    assert!(ask(
        "ASK { ?c a neg:Demand ; neg:holder actor:russia ; neg:voicedBy actor:russian-negotiators ;
                  neg:addressee actor:ukraine ; neg:place place:kherson, place:zaporizhzhia ;
                  neg:statedOn \"2025-05-16\"^^xsd:date ; neg:evidence/neg:quote ?q .
              FILTER(CONTAINS(?q, \"Kherson and Zaporizhzhia\")) }"
    ));
}

#[test]
fn the_vatican_offers_to_host_the_planned_talks() {
    let talks = column(
        "SELECT ?e WHERE { actor:vatican neg:offersToHost ?e . ?e a neg:Event ; neg:status neg:Planned }",
        "e",
    );
    assert_eq!(talks, ["event:ceasefire-negotiations-2025"]);
}

#[test]
fn putins_ceasefire_proposal_carries_a_condition() {
    let conditions = column(
        "SELECT ?condition WHERE { ?c a neg:Proposal ; neg:holder actor:putin ;
             neg:action action:ceasefire ; neg:condition ?condition ; neg:modality neg:Hypothetical }",
        "condition",
    );
    assert_eq!(conditions, ["if certain agreements are reached"]);
}

#[test]
fn the_threat_to_occupy_more_territory_is_conditional_on_the_withdrawal_demand() {
    let demands = column(
        "SELECT ?d WHERE { ?t a neg:Threat ; neg:holder actor:russia ; neg:action action:occupation ;
                               neg:conditionalOn ?d ; neg:condition ?words .
                           ?d a neg:Demand ; neg:directEdge neg:demandsWithdrawalFrom . }",
        "d",
    );
    assert_eq!(
        demands,
        ["claim:russia-demands-withdrawal-kherson-zaporizhzhia"]
    );
}

#[test]
fn the_19_may_call_has_two_accounts_with_different_reporters() {
    let reporters = column(
        "SELECT DISTINCT ?r WHERE { ?c neg:event event:trump-putin-call-2025-05-19 ;
             neg:evidence/neg:reportedBy ?r . FILTER(?r IN (actor:trump, actor:putin)) } ORDER BY ?r",
        "r",
    );
    assert_eq!(reporters, ["actor:putin", "actor:trump"]);
    // Each account has claims of its own.
    for reporter in ["actor:trump", "actor:putin"] {
        let claims = column(
            &format!(
                "SELECT DISTINCT ?c WHERE {{ ?c neg:event event:trump-putin-call-2025-05-19 ;
                     neg:evidence/neg:reportedBy {reporter} }}"
            ),
            "c",
        );
        assert!(claims.len() >= 2, "{reporter} gives {claims:?}");
    }
}

#[test]
fn every_claim_has_holder_kind_action_date_modality_and_evidence() {
    let claims = column("SELECT ?c WHERE { ?c a/rdfs:subClassOf neg:Claim }", "c");
    let dataset = negkg::parse_dataset(&negkg::bundled_data_files()).unwrap();
    assert_eq!(claims.len(), dataset.claims.len());
    let incomplete = column(
        "SELECT ?c WHERE { ?c a/rdfs:subClassOf neg:Claim .
            FILTER(NOT EXISTS { ?c neg:holder ?h . ?h a neg:Actor }
                || NOT EXISTS { ?c neg:action ?a }
                || NOT EXISTS { ?c neg:modality ?m }
                || NOT EXISTS { ?c rdfs:label ?l }
                || NOT EXISTS { ?c neg:statedOn|neg:statedBefore ?d }
                || NOT EXISTS { ?c neg:evidence ?e . ?e neg:quote ?q ; neg:source ?s ; neg:reportedBy ?r . ?s a neg:Source }) }",
        "c",
    );
    assert!(incomplete.is_empty(), "incomplete claims: {incomplete:?}");
}

#[test]
fn claims_live_in_the_named_graph_of_their_source() {
    let outside = column(
        "SELECT ?c WHERE { ?c neg:holder ?h . FILTER NOT EXISTS { GRAPH ?g { ?c neg:holder ?h } ?g a neg:Source } }",
        "c",
    );
    assert!(outside.is_empty(), "{outside:?}");
}

#[test]
fn actors_have_type_affiliation_and_wikidata() {
    assert!(ask(
        "ASK { actor:putin a neg:Person ; neg:affiliation actor:russia ; neg:wikidataId \"Q7747\" ;
                 owl:sameAs wd:Q7747 }"
    ));
    assert!(ask(
        "ASK { actor:russian-negotiators a neg:Group ; neg:affiliation actor:russia }"
    ));
    assert!(ask(
        "ASK { actor:european-leaders a neg:Group ; neg:member actor:germany, actor:european-commission }"
    ));
}

/// A Wikidata id names one actor (a state and the place of the same name may share one), and
/// the people of every negotiation carry theirs where it was found in two sources.
#[test]
fn wikidata_ids_name_one_actor_each() {
    assert!(!ask(
        "ASK { ?a a neg:Actor ; neg:wikidataId ?q . ?b a neg:Actor ; neg:wikidataId ?q .
               FILTER(?a != ?b) }"
    ));
    for (actor, id) in [
        ("lavrov", "Q58217"),
        ("nikol-pashinyan", "Q7035479"),
        ("felix-tshisekedi", "Q29032770"),
        ("badr-al-busaidi", "Q98456849"),
        ("kallas", "Q11869065"),
        ("kushner", "Q13628723"),
    ] {
        assert!(
            ask(&format!(
                "ASK {{ actor:{actor} a neg:Person ; neg:wikidataId \"{id}\" ; owl:sameAs wd:{id} }}"
            )),
            "{actor} lacks {id}"
        );
    }
    assert!(ask(
        "ASK { actor:palestinian-authority a neg:Organization ; neg:wikidataId \"Q42620\" ;
               owl:sameAs wd:Q42620 }"
    ));
}

/// The Europeans' positions in the US–Iran talks: the E3's call of 28 February 2026 and the
/// EU's demand of 23 December 2025, each with its quote.
#[test]
fn the_e3_and_the_eu_hold_positions_in_the_us_iran_talks() {
    assert!(ask(
        "ASK { ?c a neg:Demand ; neg:holder actor:e3 ; neg:addressee actor:iran ;
               neg:action action:start-negotiations ; neg:statedOn \"2026-02-28\"^^xsd:date ;
               neg:negotiation negotiation:us-iran ; neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(?q, \"urge the Iranian leadership to seek a negotiated solution\")) }"
    ));
    assert!(ask(
        "ASK { ?c a neg:Demand ; neg:holder actor:european-union ; neg:action action:compliance ;
               neg:statedOn \"2025-12-23\"^^xsd:date ; neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(?q, \"fully implement the reinstated resolutions\")) }"
    ));
}

/// The US–Iran ceasefire of April 2026 is a conditional offer: the condition is kept in words
/// beside the claim and its quote, and Trump's acceptance of Iran's 10 points answers them.
#[test]
fn the_us_iran_ceasefire_is_an_offer_on_a_condition() {
    assert!(ask(
        "ASK { ?c a neg:Offer ; neg:holder actor:trump ; neg:addressee actor:iran ;
               neg:action action:ceasefire ; neg:statedOn \"2026-04-07\"^^xsd:date ;
               neg:condition ?if ; neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(STR(?if), \"Strait of Hormuz\"))
               FILTER(CONTAINS(?q, \"I agree to suspend the bombing and attack of Iran for a period of two weeks\")) }"
    ));
    assert!(ask(
        "ASK { ?yes neg:holder actor:trump ; neg:respondsTo ?plan .
               ?plan a neg:Proposal ; neg:holder actor:iran ; neg:action action:peace-plan }"
    ));
}

/// US–Iran after the ceasefire: Iran refuses the US conditions of the Islamabad round, answering
/// both demands; Gaza in May 2026: Hamas answers the Board of Peace's demand that it disarm.
#[test]
fn the_islamabad_round_and_the_board_of_peace_report_are_answered() {
    assert!(ask(
        "ASK { ?no a neg:Rejection ; neg:holder actor:iran ; neg:event event:islamabad-talks-2026-04-11 ;
               neg:statedOn \"2026-04-11\"^^xsd:date ; neg:respondsTo ?a, ?b ;
               neg:evidence/neg:quote ?q .
               ?a neg:holder actor:united-states ; neg:action action:nuclear-programme .
               ?b neg:holder actor:united-states ; neg:action action:dismantlement .
               FILTER(CONTAINS(?q, \"infringe upon\")) }"
    ));
    // Iran's own account of the round (after Tasnim) answers the same demand, from another
    // source: two accounts of one refusal.
    assert_eq!(
        column(
            "SELECT DISTINCT ?source WHERE { ?no a neg:Rejection ; neg:holder actor:iran ;
                 neg:event event:islamabad-talks-2026-04-11 ; neg:respondsTo ?demand ;
                 neg:evidence/neg:source ?source .
               ?demand neg:action action:dismantlement }",
            "source"
        )
        .len(),
        2
    );
    assert!(ask(
        "ASK { ?no a neg:Rejection ; neg:holder actor:hamas ; neg:respondsTo ?demand ;
               neg:statedBefore \"2026-05-20\"^^xsd:date ; neg:negotiation negotiation:gaza .
               ?demand a neg:Demand ; neg:holder actor:board-of-peace ; neg:addressee actor:hamas ;
                 neg:action action:disarmament ; neg:evidence ?e .
               ?e neg:quote ?q ; neg:sentence ?s .
               FILTER(CONTAINS(?q, \"verified decommissioning\") && CONTAINS(?s, ?q)) }"
    ));
    // The same rejection in a second account (News Times, with the statement's words), again
    // in June (Hamdan: no talks on disarmament alone), and in July Hamas refuses to surrender
    // its weapons: four answers to one demand, over two months, from four sources.
    assert_eq!(
        column(
            "SELECT DISTINCT ?source WHERE { ?no a neg:Rejection ; neg:holder actor:hamas ;
                 neg:respondsTo claim:2026-05-19-mb-board-of-peace-demand-hamas-decommissioning ;
                 neg:evidence/neg:source ?source }",
            "source"
        )
        .len(),
        4
    );
    // Beside the rejection, the statement offers again to hand Gaza's administration over.
    assert!(ask(
        "ASK { ?offer a neg:Offer ; neg:holder actor:hamas ; neg:action action:handover-governance ;
               neg:respondsTo claim:2026-05-19-mb-board-of-peace-demand-hamas-decommissioning ;
               neg:evidence/neg:quote ?q . FILTER(CONTAINS(?q, \"national committee\")) }"
    ));
}

#[test]
fn vances_offer_to_release_frozen_assets_carries_its_condition() {
    // June 2026, after the talks in Switzerland: frozen Iranian assets, if the money buys
    // American farm goods; the US commitment to watch the spending depends on the offer.
    assert!(ask(
        "ASK { ?offer a neg:Offer ; neg:holder actor:united-states ; neg:voicedBy actor:jd-vance ;
               neg:addressee actor:iran ; neg:action action:release-frozen-assets ;
               neg:modality neg:Hypothetical ; neg:condition ?c ; neg:statedOn \"2026-06-22\"^^xsd:date ;
               neg:evidence/neg:quote ?q .
               ?watch a neg:Commitment ; neg:conditionalOn ?offer .
               FILTER(CONTAINS(?c, \"American farmers\") && CONTAINS(?q, \"frozen\")) }"
    ));
}

#[test]
fn relative_dates_are_resolved_against_the_article() {
    // "Last week" (article of Monday 19 May 2025): the Istanbul talks of Friday 16 May.
    assert!(ask(
        "ASK { claim:russia-demands-withdrawal-kherson-zaporizhzhia neg:statedOn \"2025-05-16\"^^xsd:date ;
               neg:statedOnText ?t . FILTER(LCASE(STR(?t)) = \"last week\") }"
    ));
    assert!(ask(
        "ASK { event:istanbul-talks-2025-05-16 neg:date \"2025-05-16\"^^xsd:date ; neg:place place:istanbul }"
    ));
}

#[test]
fn every_claim_kind_carries_its_plover_type() {
    let wrong = column(
        "SELECT ?c WHERE { ?c a ?k . ?k rdfs:subClassOf neg:Claim .
             FILTER(?k != neg:Statement && NOT EXISTS { ?c neg:ploverType ?p }) }",
        "c",
    );
    assert!(wrong.is_empty(), "{wrong:?}");
    assert!(ask(
        "ASK { claim:russia-demands-withdrawal-kherson-zaporizhzhia neg:ploverType \"REQUEST\" ; neg:ploverMode \"yield\" }"
    ));
}

#[test]
fn the_default_graph_is_the_union_of_all_graphs() {
    // Actors live in the reference graph, claims in the source graph: one pattern joins both.
    assert!(ask(
        "ASK { ?c neg:holder ?h . ?h rdfs:label \"Russia\"@en . ?c neg:place/rdfs:label \"Kherson\"@en }"
    ));
}

#[test]
fn a_negated_claim_yields_no_direct_edge() {
    // "not ready to put greater pressure" must not become "Trump commits to pressure".
    assert!(ask(
        "ASK { claim:trump-not-ready-to-pressure-putin neg:modality neg:Negated ; neg:action action:pressure }"
    ));
    assert!(!ask("ASK { actor:trump ?edge action:pressure }"));
    assert!(!ask(
        "ASK { claim:trump-not-ready-to-pressure-putin neg:directEdge ?edge }"
    ));
}

#[test]
fn loading_the_bundled_data_twice_adds_nothing() {
    // Regression: the ontology's blank nodes were fresh on every load.
    let graph = negkg::KnowledgeGraph::bundled().unwrap();
    let once = graph.len().unwrap();
    graph.load(&negkg::Input::bundled()).unwrap();
    assert_eq!(graph.len().unwrap(), once);
}

#[test]
fn the_quads_written_straight_into_memory_are_those_of_the_prepared_load() {
    // An in-memory load of the bundled data puts the quads the build packed into its
    // transaction (src/packed/mod.rs tests that they are the data's quads, and that a load of
    // other data files writes them as they are made); a load from `prepare` (as an on-disk
    // store's) reads the TOML and adds the list. Both hold the same quads.
    let input = negkg::Input::bundled();
    let direct = negkg::KnowledgeGraph::in_memory().unwrap();
    let direct_report = direct.load(&input).unwrap();
    let listed = negkg::KnowledgeGraph::in_memory().unwrap();
    let prepared = input.prepare().unwrap();
    let listed_report = listed.load_prepared(&prepared).unwrap();
    assert_eq!(direct_report.quads, prepared.quads.len());
    assert_eq!(direct_report.quads, listed_report.quads);
    assert_eq!(direct_report.claims, listed_report.claims);
    assert_eq!(direct_report.store_size, listed_report.store_size);
    let every = |graph: &KnowledgeGraph| {
        let mut quads: Vec<String> = graph
            .store()
            .iter()
            .map(|quad| quad.unwrap().to_string())
            .collect();
        quads.sort();
        quads
    };
    let quads = every(&direct);
    assert!(quads.len() > 10_000, "{} quads", quads.len());
    assert_eq!(quads, every(&listed));
}

#[test]
fn zelenskys_open_letter_of_june_2026_and_the_kremlins_first_word() {
    // Two accounts of the letter's ceasefire offer, from two publishers.
    assert_eq!(
        column(
            "SELECT DISTINCT ?source WHERE { ?offer a neg:Offer ; neg:holder actor:ukraine ;
                 neg:voicedBy actor:zelensky ; neg:action action:ceasefire ;
                 neg:statedOn \"2026-06-04\"^^xsd:date ; neg:evidence/neg:source ?source }",
            "source"
        )
        .len(),
        2
    );
    // The direct talks first, the US and Europe later: it replaces February's call for a
    // three-way leaders' meeting, and Peskov's answer reaches both accounts of the proposal.
    assert!(ask(
        "ASK { ?p a neg:Proposal ; neg:holder actor:ukraine ; neg:action action:direct-talks ;
               neg:supersedes claim:2026-02-18-ukrainian-president-volodymyr-zelensky-demand-2 ;
               neg:evidence/neg:quote ?q .
               ?answer neg:holder actor:russia ; neg:voicedBy actor:peskov ; neg:respondsTo ?p, ?other .
               ?other neg:place place:switzerland .
               FILTER(CONTAINS(?q, \"joining later\")) }"
    ));
}

#[test]
fn the_later_reports_of_march_to_july_2026_are_answered_with_their_quotes() {
    // Armenia–Azerbaijan, March 2026: Pashinyan restates the route to Nakhchivan.
    assert!(ask(
        "ASK { ?c a neg:Commitment ; neg:holder actor:armenia ; neg:voicedBy actor:nikol-pashinyan ;
               neg:action action:transit-route ; neg:place place:nakhchivan ;
               neg:statedBefore \"2026-03-11\"^^xsd:date ; neg:evidence ?e .
               ?e neg:reportedBy actor:nikol-pashinyan ; neg:quote ?q ; neg:sentence ?s .
               FILTER(CONTAINS(?q, \"Nakhchivan Autonomous Republic\") && CONTAINS(?s, ?q)) }"
    ));
    // US–Iran, 29 June 2026: Iran turns down the meeting Trump says is set.
    assert!(ask(
        "ASK { ?no a neg:Rejection ; neg:holder actor:iran ; neg:voicedBy actor:mohammad-marandi ;
               neg:respondsTo ?set ; neg:statedOn \"2026-06-29\"^^xsd:date .
               ?set neg:holder actor:united-states ; neg:voicedBy actor:trump ; neg:action action:meeting }"
    ));
    // Gaza, 30 June 2026: the Board of Peace's plans, reported by Israel Hayom, in its own
    // report and in the Yemen Press Agency's relay of it: two sources, one reporter.
    assert_eq!(
        column(
            "SELECT DISTINCT ?source WHERE { ?c neg:holder actor:board-of-peace ;
                 neg:modality neg:Future ; neg:action action:deploy-forces ;
                 neg:evidence ?e . ?e neg:reportedBy actor:israel-hayom ; neg:source ?source }",
            "source"
        )
        .len(),
        2
    );
}

#[test]
fn putins_answer_to_the_letter_refuses_the_meeting_and_the_ceasefire_of_every_account() {
    // One refusal of the meeting answers the letter's proposal in all three accounts held
    // (news-pravda, Aspire HK, the BBC's), with Putin's own words as its quote.
    assert_eq!(
        column(
            "SELECT DISTINCT ?publisher WHERE {
                 ?no a neg:Rejection ; neg:holder actor:russia ; neg:voicedBy actor:putin ;
                     neg:action action:meeting ; neg:statedOn \"2026-06-05\"^^xsd:date ;
                     neg:respondsTo ?letter ; neg:evidence ?e .
                 ?e neg:reportedBy actor:putin ; neg:quote ?q .
                 FILTER(CONTAINS(?q, \"any point for now\"))
                 ?letter neg:holder actor:ukraine ; neg:evidence/neg:source ?source .
                 ?source dcterms:publisher ?publisher }",
            "publisher"
        )
        .len(),
        3
    );
    // Peace talks before any ceasefire: the ceasefire of each account is refused.
    assert_eq!(
        column(
            "SELECT DISTINCT ?ceasefire WHERE {
                 ?no a neg:Rejection ; neg:holder actor:russia ; neg:action action:ceasefire ;
                     neg:respondsTo ?ceasefire ; neg:evidence/neg:quote ?q .
                 ?ceasefire neg:holder actor:ukraine ; neg:action action:ceasefire ;
                     neg:statedOn \"2026-06-04\"^^xsd:date .
                 FILTER(CONTAINS(?q, \"peace talks should precede any ceasefire\")) }",
            "ceasefire"
        )
        .len(),
        3
    );
}

#[test]
fn the_doha_monitoring_mandate_and_the_kisangani_warning_of_february_2026() {
    // The mandate is held by the two parties jointly, a group whose members are both.
    assert!(ask(
        "ASK { ?c a neg:Agreement ; neg:holder ?both ; neg:addressee actor:monusco ;
               neg:place place:uvira ; neg:statedOn \"2026-02-02\"^^xsd:date ;
               neg:evidence/neg:quote ?q .
               ?both neg:member actor:dr-congo, actor:m23 .
               FILTER(CONTAINS(?q, \"verify compliance with the ceasefire\")) }"
    ));
    // Nangaa's warning, in two publishers' accounts, is a hypothetical threat on Kisangani.
    assert_eq!(
        column(
            "SELECT DISTINCT ?publisher WHERE {
                 ?t a neg:Threat ; neg:holder actor:m23 ; neg:voicedBy actor:corneille-nangaa ;
                    neg:place place:kisangani ; neg:modality neg:Hypothetical ;
                    neg:evidence ?e .
                 ?e neg:quote ?q ; neg:source/dcterms:publisher ?publisher .
                 FILTER(CONTAINS(?q, \"at their source\")) }",
            "publisher"
        )
        .len(),
        2
    );
    // The AFC/M23's later defence of its strikes there gives no day: it is dated as stated
    // before the report, and the release it announced that day is a concession.
    assert!(ask(
        "ASK { ?s a neg:Statement ; neg:holder actor:m23 ; neg:place place:kisangani ;
                  neg:statedBefore \"2026-03-08\"^^xsd:date .
               FILTER NOT EXISTS { ?s neg:statedOn ?day }
               ?c a neg:Concession ; neg:holder actor:m23 ; neg:action action:prisoner-exchange ;
                  neg:statedOn \"2026-03-08\"^^xsd:date }"
    ));
}

#[test]
fn the_us_venezuela_talks_hold_both_sides_and_three_accounts_of_wrights_commitment() {
    // Wright's commitment of 11 February 2026, voiced for the United States, in three
    // publishers' accounts (Voz, Wyoming Star News after Reuters, AFP's copy in Ya Libnan).
    assert_eq!(
        column(
            "SELECT DISTINCT ?publisher WHERE {
                 ?c a neg:Commitment ; neg:holder actor:united-states ;
                    neg:voicedBy actor:chris-wright ; neg:addressee actor:venezuela ;
                    neg:statedOn \"2026-02-11\"^^xsd:date ;
                    neg:negotiation negotiation:us-venezuela ; neg:evidence ?e .
                 ?e neg:quote ?q ; neg:source/dcterms:publisher ?publisher .
                 FILTER(CONTAINS(?q, \"passionately committed\")) }",
            "publisher"
        )
        .len(),
        3
    );
    // Venezuela's side: Rodríguez's partnership answers the US commitment, and Trump's
    // condition on her (AFP's summary) is a hypothetical demand with its condition kept.
    assert!(ask(
        "ASK { ?p a neg:Proposal ; neg:holder actor:venezuela ; neg:voicedBy actor:delcy-rodriguez ;
               neg:respondsTo/neg:holder actor:united-states ; neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(?q, \"long-term productive partnership\")) }"
    ));
    assert!(ask(
        "ASK { ?d a neg:Demand ; neg:holder actor:united-states ; neg:modality neg:Hypothetical ;
               neg:action action:oil-access ; neg:condition ?condition ;
               neg:negotiation negotiation:us-venezuela }"
    ));
}

#[test]
fn the_us_and_venezuela_restore_relations_and_venezuela_answers_the_us_demands() {
    // 5 March 2026: both governments, jointly, agree to re-establish relations; the State
    // Department's aim of a phased transition is held in three publishers' accounts (Reuters'
    // feed, AP's copy, EFE's report of Kozak's letter in Spanish).
    assert!(ask(
        "ASK { ?a a neg:Agreement ; neg:holder actor:united-states-and-venezuela ;
               neg:action action:normalization ; neg:statedOn \"2026-03-05\"^^xsd:date ;
               neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(?q, \"re-establish diplomatic and consular relations\")) }"
    ));
    assert_eq!(
        column(
            "SELECT DISTINCT ?publisher WHERE {
                 ?c a neg:Commitment ; neg:holder actor:united-states ;
                    neg:action action:transition ; neg:negotiation negotiation:us-venezuela ;
                    neg:evidence ?e .
                 ?e neg:source/dcterms:publisher ?publisher }",
            "publisher"
        )
        .len(),
        3
    );
    // Venezuela's answers: measures of grace for the prisoners the amnesty law leaves out,
    // answering the US demand for releases; the demand that the sanctions end, in Spanish as
    // Rodríguez said it, answering Trump's State of the Union.
    assert!(ask(
        "ASK { ?p a neg:Proposal ; neg:holder actor:venezuela ; neg:voicedBy actor:jorge-rodriguez ;
               neg:action action:amnesty ; neg:statedOn \"2026-02-21\"^^xsd:date ;
               neg:respondsTo/neg:holder actor:united-states }"
    ));
    assert!(ask(
        "ASK { ?d a neg:Demand ; neg:holder actor:venezuela ; neg:voicedBy actor:delcy-rodriguez ;
               neg:addressee actor:trump ; neg:action action:sanctions-relief ;
               neg:respondsTo/neg:voicedBy actor:trump ; neg:evidence/neg:quote ?q .
               FILTER(CONTAINS(?q, \"cese ya a las sanciones\")) }"
    ));
    // One meeting, an account from each side: the US position in SOUTHCOM's release
    // (Breitbart), Venezuela's and a joint one in the Venezuelan government's account (Aporrea);
    // and Rodríguez's answer to the US recognition.
    assert_eq!(
        column(
            "SELECT DISTINCT ?holder ?publisher WHERE {
                 ?c neg:event event:donovan-visit-caracas-2026-02-18 ; neg:holder ?holder ;
                    neg:evidence/neg:source/dcterms:publisher ?publisher }",
            "publisher"
        )
        .len(),
        3
    );
    assert!(ask(
        "ASK { ?s a neg:Statement ; neg:holder actor:venezuela ; neg:voicedBy actor:delcy-rodriguez ;
               neg:action action:recognise-government ;
               neg:respondsTo/neg:voicedBy actor:trump }"
    ));
    // Burgum's visit of 4–5 March: his praise (AP's copy) and Rodríguez's offer and mining-law
    // commitment (the Orinoco Tribune), both sides on one event.
    assert_eq!(
        column(
            "SELECT DISTINCT ?holder WHERE {
                 ?c neg:event event:burgum-visit-caracas-2026-03-04 ; neg:holder ?holder }
             ORDER BY ?holder",
            "holder"
        ),
        ["actor:united-states", "actor:venezuela"]
    );
}
