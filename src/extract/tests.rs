//! The extractor's behaviour on short texts: who holds which position, on what, in the words
//! of the article.

use super::holder::strip_adverbs;
use super::mentions::{common_word_opening, words_inside_sentences};
use super::objects::object_words;
use super::{extract, ArticleInfo, Draft, Lexicon};
use crate::model::{ActorType, ClaimKind, Dataset};

#[test]
fn a_title_with_control_characters_still_gives_a_draft_that_parses() {
    // Found by cargo fuzz: a control character in the title went into a TOML comment.
    let text = "Talks\u{7f} in \u{1b}Doha\r\n\nRussia demanded that Ukraine withdraw from Kherson.";
    let dataset = crate::dataset::parse_dataset(&crate::bundled::data_files()).unwrap();
    let lexicon = Lexicon::new(&dataset, &[]).unwrap();
    let draft = extract(text, &ArticleInfo::default(), &lexicon, &dataset);
    let toml = draft.to_toml();
    assert!(
        !toml.contains('\u{7f}') && !toml.contains('\u{1b}'),
        "{toml}"
    );
    let mut files = crate::bundled::data_files();
    files.push(crate::DataFile::new("draft.toml", toml.clone()));
    crate::dataset::parse_dataset(&files).unwrap_or_else(|e| panic!("{e}\n{toml}"));
}

fn draft(text: &str) -> Draft {
    let reference = Dataset::default();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let info = ArticleInfo {
        published: Some("2024-01-10".parse().unwrap()),
        ..ArticleInfo::default()
    };
    extract(text, &info, &lexicon, &reference)
}

fn positions(draft: &Draft) -> Vec<(String, &'static str, String)> {
    draft
        .claims
        .iter()
        .map(|c| {
            (
                c.claim.holder.clone(),
                c.claim.kind.as_str(),
                c.claim.action.clone(),
            )
        })
        .collect()
}

fn has(draft: &Draft, holder: &str, kind: &str, action: &str) -> bool {
    positions(draft)
        .iter()
        .any(|(h, k, a)| h == holder && *k == kind && a == action)
}

/// Fails, listing the draft's positions, unless `holder` holds a `kind` claim on `action`.
#[track_caller]
fn assert_has(draft: &Draft, holder: &str, kind: &str, action: &str) {
    assert!(has(draft, holder, kind, action), "{:?}", positions(draft));
}

/// Fails, listing the draft's positions, unless `holder` holds a `kind` claim on anything.
#[track_caller]
fn assert_holds(draft: &Draft, holder: &str, kind: &str) {
    assert!(
        positions(draft)
            .iter()
            .any(|(h, k, _)| h == holder && *k == kind),
        "{:?}",
        positions(draft)
    );
}

#[test]
fn the_rebels_and_the_government_are_the_articles_group_and_state() {
    let d = draft(
        "Rebels Agree to Truce\n\nRebels in the Central African Republic say they have agreed to a temporary cease-fire deal with the government. Representatives of the Seleka rebel coalition met the CAR government in Libreville. Later the government said it would not negotiate with the rebels.",
    );
    assert_has(&d, "seleka", "agreement", "ceasefire");
    assert!(
        has(
            &d,
            "central-african-republic",
            "rejection",
            "start-negotiations"
        ),
        "{:?}",
        positions(&d)
    );
    // The title line repeats the body: no claim from it.
    assert!(d
        .claims
        .iter()
        .all(|c| c.claim.evidence[0].start > Some(20)));
}

#[test]
fn names_in_prepositional_phrases_and_possessors_hold_nothing() {
    let d = draft(
        "Syria talks\n\nThe Syrian National Coalition met in Geneva. Rebels fighting Syrian President Bashar al-Assad insist he must leave power, while the Syrian government says Mr. Assad's role is not up for debate.",
    );
    assert_has(&d, "syrian-national-coalition", "demand", "resignation");
    assert_has(&d, "syria", "rejection", "resignation");
    assert!(
        !d.claims.iter().any(|c| c.claim.holder == "bashar-al-assad"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn the_agent_after_by_holds_a_passive_position() {
    let d = draft(
        "Plan\n\nThe plan outlined in the communique was endorsed by the Arab League. The talks aim at a transitional government agreed to by both sides.",
    );
    assert_has(&d, "arab-league", "agreement", "plan");
    assert_eq!(d.claims.len(), 1, "{:?}", positions(&d));
}

#[test]
fn nouns_of_readiness_take_their_holder_after_of() {
    let d = draft(
        "Statement by the Secretary-General\n\nThe Secretary-General reiterates the readiness of the United Nations to support the parties.",
    );
    assert_has(&d, "united-nations", "offer", "support");
}

#[test]
fn a_title_refers_to_the_person_last_named_with_it() {
    let d = draft(
        "Readout\n\nSecretary of State Antony J. Blinken met with Ethiopian Prime Minister Abiy Ahmed today. The Secretary urged accelerated implementation of the agreement and access for human rights monitors.",
    );
    assert_has(&d, "antony-blinken", "demand", "compliance");
    // The second object joined by "and" is a second demand.
    assert_has(&d, "antony-blinken", "demand", "humanitarian-access");
}

#[test]
fn an_and_inside_a_phrase_makes_no_second_demand() {
    let d = draft(
        "Statement by the Secretary-General\n\nI urge all stakeholders to establish a credible political path leading to a two-State solution to enable Israelis and Palestinians to live in peace.",
    );
    assert_eq!(
        positions(&d),
        [(
            "un-secretary-general".to_owned(),
            "demand",
            "political-process".to_owned()
        )]
    );
}

#[test]
fn accusations_name_their_object_after_of() {
    let d =
        draft("Talks\n\nPresident Kiir accused former vice president Machar of a coup attempt.");
    assert_has(&d, "salva-kiir", "statement", "coup-attempt");
}

#[test]
fn will_not_refuses_only_with_a_subject_of_its_own() {
    let d = draft(
        "Aid\n\nThe government of Sudan said it wanted assurances the supplies would not end up with the fighters. Sudan said it would not negotiate.",
    );
    let rejections: Vec<_> = positions(&d)
        .into_iter()
        .filter(|(_, k, _)| *k == "rejection")
        .collect();
    assert_eq!(
        rejections,
        [(
            "sudan".to_owned(),
            "rejection",
            "start-negotiations".to_owned()
        )]
    );
}

#[test]
fn a_position_said_twice_is_one_claim() {
    let d = draft(
        "Talks\n\nColombia says it will resume peace talks with the FARC. Colombia says it will resume the talks on Monday.",
    );
    assert_eq!(
        positions(&d),
        [(
            "colombia".to_owned(),
            "commitment",
            "start-negotiations".to_owned()
        )]
    );
}

#[test]
fn a_trigger_after_an_article_is_the_object_of_another_position() {
    let d = draft(
        "Statement by the Secretary-General\n\nThe Secretary-General welcomes the calls for a ceasefire in Libya.",
    );
    assert_eq!(
        positions(&d),
        [(
            "un-secretary-general".to_owned(),
            "statement",
            "ceasefire".to_owned()
        )]
    );
}

#[test]
fn we_is_the_state_named_by_the_publisher_and_for_the_agreements_names_its_object() {
    let reference = crate::parse_dataset(&crate::bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let info = ArticleInfo {
        published: Some("2020-10-23".parse().unwrap()),
        publisher: Some("U.S. Embassy in Egypt".into()),
        ..ArticleInfo::default()
    };
    let d = extract(
        "Ceasefire\n\nWe call on all Libyans to build on the ceasefire. We congratulate Colombia and the ELN for the agreements they announced on a bilateral ceasefire.",
        &info,
        &lexicon,
        &reference,
    );
    assert_has(&d, "united-states", "demand", "ceasefire");
    assert_has(&d, "eln", "agreement", "ceasefire");
    // "Libyans" is the plural of a demonym: the addressee.
    let demand = d
        .claims
        .iter()
        .find(|c| c.claim.kind == ClaimKind::Demand)
        .unwrap();
    assert_eq!(demand.claim.addressees, ["libya"]);
}

#[test]
fn each_action_of_a_listed_demand_is_a_demand() {
    let d = draft(
        "Statement by the Secretary-General\n\nThe Secretary-General urges the parties to cease hostilities, take all steps to ensure humanitarian assistance, the withdrawal of foreign fighters, and address political differences through an inclusive national dialogue.",
    );
    let actions: Vec<String> = positions(&d).into_iter().map(|(_, _, a)| a).collect();
    assert_eq!(
        actions,
        [
            "ceasefire",
            "humanitarian-access",
            "withdrawal",
            "start-negotiations"
        ]
    );
}

#[test]
fn names_in_an_apposition_before_the_verb_hold_nothing() {
    let d = draft(
        "Remarks\n\nThe United States, as a friend to both Armenia and Azerbaijan, is committed to support the talks.",
    );
    assert_eq!(
        positions(&d),
        [(
            "united-states".to_owned(),
            "commitment",
            "support".to_owned()
        )]
    );
}

#[test]
fn a_leading_we_before_an_apposition_is_the_author() {
    let d = draft(
        "Statement by the United States\n\nWe, the foreign ministers of Canada, France and the European Union, strongly condemn the attack and urge restraint.",
    );
    let holders: Vec<String> = positions(&d).into_iter().map(|(h, _, _)| h).collect();
    assert!(!holders.is_empty(), "{:?}", positions(&d));
    assert!(
        holders.iter().all(|h| h == "united-states"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn we_in_a_relative_clause_is_the_author_not_the_name_before() {
    let d = draft(
        "Statement by the United States\n\nWe recall the independence of Armenia and Azerbaijan, rights that we strongly support.",
    );
    assert_has(&d, "united-states", "statement", "support");
    assert!(
        !positions(&d).iter().any(|(h, _, _)| h == "azerbaijan"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn the_one_told_is_not_the_speaker() {
    let d = draft(
        "Talks\n\nA rebel negotiator, Niemat Ahmadai, told VOA that it is important for an agreement to be reached.",
    );
    assert!(
        !positions(&d).iter().any(|(h, _, _)| h == "voa"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn a_group_noun_without_a_group_hides_the_name_before_it() {
    let d = draft(
        "Talks\n\nThe changes go beyond the original agreement, which the government of Sudan had accepted, but rebel leaders rejected.",
    );
    assert!(
        !positions(&d).iter().any(|(_, k, _)| *k == "rejection"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn courtesies_take_no_position() {
    let d = draft(
        "Remarks\n\nSECRETARY BLINKEN: Welcome the foreign ministers here to Washington. So, thank you both for being here, thanks to your teams. Thank you.",
    );
    assert!(d.claims.is_empty(), "{:?}", positions(&d));
}

#[test]
fn objects_are_noun_phrases_not_places() {
    assert_eq!(object_words(" in New York at the UN"), None);
    assert_eq!(
        object_words(" in principle to certain terms").as_deref(),
        Some("certain-terms")
    );
    assert_eq!(
        object_words(" the replacement of the government").as_deref(),
        Some("replacement")
    );
    assert_eq!(strip_adverbs("We, the ministers, strongly "), 18);
}

#[test]
fn the_subject_of_a_reported_must_is_asked_not_asking() {
    let d = draft(
        "Talks\n\nSecretary of State John Kerry said Russia must withdraw its forces from Crimea. Hamas said Israel needs to lift the blockade of Gaza.",
    );
    assert_has(&d, "john-kerry", "demand", "withdrawal");
    assert_has(&d, "hamas", "demand", "lifting-siege");
    assert!(
        !positions(&d)
            .iter()
            .any(|(h, _, _)| h == "russia" || h == "israel"),
        "{:?}",
        positions(&d)
    );
    let lifting = d
        .claims
        .iter()
        .find(|c| c.claim.action == "lifting-siege")
        .unwrap();
    assert_eq!(lifting.claim.addressees, ["israel"]);
}

#[test]
fn a_capitalised_common_word_opening_a_sentence_is_no_name() {
    let text = "Talks\n\nRegional mediators hope to broker a cease-fire.";
    let sentence = "Regional mediators hope to broker a cease-fire.";
    assert!(common_word_opening(
        sentence,
        &(0..8),
        &words_inside_sentences(text)
    ));
    let text = "Talks\n\nSeleka said so. Talks with Seleka went on.";
    assert!(!common_word_opening(
        "Seleka said so.",
        &(0..6),
        &words_inside_sentences(text)
    ));
    assert!(!common_word_opening(
        "Seleka said so.",
        &(0..6),
        &words_inside_sentences("Seleka said so. It met Seleka, then left.")
    ));
    let d = draft(
        text.replace(
            "Seleka said so.",
            "Regional mediators hope to broker a cease-fire.",
        )
        .as_str(),
    );
    assert!(d.claims.is_empty(), "{:?}", positions(&d));
}

#[test]
fn easing_words_yield_to_the_action_they_govern() {
    let d = draft(
        "Statement by the Secretary-General\n\nThe Secretary-General stresses that both parties must protect civilians and facilitate humanitarian relief. He calls on the parties to accelerate the facilitation of humanitarian access.",
    );
    let actions: Vec<String> = positions(&d).into_iter().map(|(_, _, a)| a).collect();
    assert!(
        actions.contains(&"humanitarian-access".to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"protection-of-civilians".to_owned()),
        "{actions:?}"
    );
    assert!(!actions.contains(&"mediation".to_owned()), "{actions:?}");
}

#[test]
fn first_person_in_a_quotation_is_the_one_quoted() {
    let d = draft("Talks\n\n“We are ready to sign a ceasefire,” Joseph Kony said.\n");
    assert_has(&d, "joseph-kony", "offer", "ceasefire");
    // A speaker the gazetteer does not know is proposed as a person.
    let d = draft("Talks\n\n\"We are ready to sign a ceasefire,\" said Ibrahim Kamara.\n");
    assert_has(&d, "ibrahim-kamara", "offer", "ceasefire");
    let kamara = d
        .new_actors
        .iter()
        .find(|a| a.id == "ibrahim-kamara")
        .unwrap();
    assert_eq!(kamara.actor_type, ActorType::Person);
    // The next quotation without a name is the same speaker's.
    let d = draft(
        "Talks\n\n“We are ready to sign a ceasefire,” Joseph Kony said. “We will release all prisoners.”\n",
    );
    assert_has(&d, "joseph-kony", "commitment", "prisoner-exchange");
}

#[test]
fn nouns_take_the_holder_named_with_them() {
    let d = draft("Talks\n\nIsrael accepted the Hamas offer of eight new hostages.\n");
    let offers: Vec<_> = positions(&d)
        .into_iter()
        .filter(|(_, k, _)| *k == "offer")
        .collect();
    assert!(offers.iter().all(|(h, _, _)| h == "hamas"), "{offers:?}");
    assert!(!offers.is_empty());
    assert!(positions(&d)
        .iter()
        .any(|(h, k, _)| h == "israel" && *k == "agreement"));
    let d = draft("Talks\n\nThe envoys discussed a proposal by Egypt for a ceasefire.\n");
    assert_has(&d, "egypt", "proposal", "ceasefire");
    // A noun without its holder takes no position.
    let d = draft("Talks\n\nThe envoys of Egypt discussed a ceasefire proposal.\n");
    assert!(
        positions(&d).iter().all(|(_, k, _)| *k != "proposal"),
        "{:?}",
        positions(&d)
    );
}

#[test]
fn the_government_is_the_state_named_with_its_offices() {
    let d = draft(
        "Talks\n\nNepali Deputy Prime Minister KP Oli told VOA News that the government is ready for peace talks.\n",
    );
    assert_has(&d, "nepal", "offer", "start-negotiations");
}

#[test]
fn they_takes_up_a_state_or_group_and_he_a_person() {
    let d =
        draft("Talks\n\nHans Grundberg met the Houthis in Muscat. They agreed to a ceasefire.\n");
    assert_has(&d, "houthis", "agreement", "ceasefire");
    let d =
        draft("Talks\n\nHans Grundberg met the Houthis in Muscat. He called for a ceasefire.\n");
    assert_has(&d, "hans-grundberg", "demand", "ceasefire");
}

#[test]
fn will_and_would_pledge_only_in_reported_speech_with_an_actor_as_subject() {
    let d = draft("Talks\n\nThe envoy added that Hamas would release the hostages.\n");
    assert_has(&d, "hamas", "commitment", "prisoner-exchange");
    // Not reported: a prediction of the reporter.
    let d = draft("Talks\n\nHamas would release the hostages.\n");
    assert!(positions(&d).is_empty(), "{:?}", positions(&d));
    // No actor as the subject.
    let d = draft("Talks\n\nThe envoy said the deal would release tension.\n");
    assert!(positions(&d).is_empty(), "{:?}", positions(&d));
}

#[test]
fn a_participle_after_be_takes_its_agent_or_its_subject() {
    let d = draft("Talks\n\nThe ceasefire was welcomed by the United Nations.\n");
    assert_holds(&d, "united-nations", "statement");
    let d = draft("Talks\n\nThe United States is deeply troubled by the escalation.\n");
    assert_holds(&d, "united-states", "statement");
}

#[test]
fn a_surname_names_the_person_named_in_full_before() {
    let d = draft(
        "Talks\n\nAshraf Ghani met the envoys in Kabul on Monday. Ghani said he was ready to hold talks.\n",
    );
    assert_has(&d, "ashraf-ghani", "offer", "start-negotiations");
}

#[test]
fn a_titled_name_the_gazetteer_does_not_know_is_a_new_person() {
    let d = draft(
        "Talks\n\nRebel leader Ahmed Musa said his movement was ready to negotiate with the government.\n",
    );
    assert_holds(&d, "ahmed-musa", "offer");
    let musa = d.new_actors.iter().find(|a| a.id == "ahmed-musa").unwrap();
    assert_eq!(musa.actor_type, ActorType::Person);
    // A state before a title is not part of the name.
    let d = draft(
        "Talks\n\nSudanese Foreign Minister Ali Karti said Khartoum rejected the proposal by the rebels.\n",
    );
    assert!(d.new_actors.iter().all(|a| !a.name.contains("Sudanese")));
    // A capitalised common word opening a quotation is no name either.
    let d = draft(
        "Talks\n\nA rebel spokesman said: \"Firstly, independence is not on the table for \
         the talks.\"\n",
    );
    assert!(
        d.new_actors.iter().all(|a| a.name != "Firstly"),
        "{:?}",
        d.new_actors
    );
    // The titled person holds the position, not the state named in the title.
    let d = draft(
        "Talks\n\nSpanish Prime Minister Jose Luis Zapatero welcomed the ceasefire. Ivorian \
         President Laurent Gbagbo proposed direct dialogue with the rebels.\n",
    );
    assert_has(&d, "jose-luis-zapatero", "statement", "ceasefire");
    assert_holds(&d, "laurent-gbagbo", "proposal");
    assert!(!positions(&d)
        .iter()
        .any(|(h, _, _)| h == "spain" || h == "cote-d-ivoire"));
}

#[test]
fn a_class_verb_takes_a_position_only_as_its_clauses_own_verb() {
    let d = draft(
        "Talks\n\nHamas walked out of the talks in Cairo. ETA has declared a permanent \
         ceasefire. The Houthis said they would step up their attacks.\n",
    );
    assert_has(&d, "hamas", "rejection", "start-negotiations");
    assert_has(&d, "eta", "commitment", "ceasefire");
    assert_holds(&d, "houthis", "threat");
    // Governed by another verb, negated or inside a condition, the verb is silent.
    let d = draft(
        "Talks\n\nThe United Nations urged Israel to accept the ceasefire. Russia \
         threatened to occupy more territory should Ukraine refuse. Hamas did not cede \
         control. If Iran boycotts the talks, sanctions follow.\n",
    );
    assert!(
        !positions(&d).iter().any(|(_, k, _)| *k == "agreement"),
        "{:?}",
        positions(&d)
    );
    assert!(
        !positions(&d).iter().any(|(_, k, _)| *k == "rejection"),
        "{:?}",
        positions(&d)
    );
    assert!(
        !positions(&d).iter().any(|(_, k, _)| *k == "concession"),
        "{:?}",
        positions(&d)
    );
    assert_has(&d, "united-nations", "demand", "ceasefire");
}

#[test]
fn objects_end_with_their_clause_and_skip_the_sides_addressed() {
    let d = draft("Talks\n\nThe United Nations urged both sides to reduce violence.\n");
    assert_has(&d, "united-nations", "demand", "reduce-violence");
    let d =
        draft("Talks\n\nEritrea, which was not part of the talks, dismissed the accusations.\n");
    assert_has(&d, "eritrea", "rejection", "accusations");
}
