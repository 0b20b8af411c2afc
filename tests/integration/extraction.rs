//! `negkg extract`: drafts with exact evidence, that validate and load; bad input; evaluation.

use crate::util::{fixture, negkg, negkg_with_stdin, ok};
use negkg::extract::{extract, ArticleInfo, Lexicon};
use negkg::{bundled_data_files, parse_dataset, text_at, DataFile, Input, KnowledgeGraph};

fn draft_of(text: &str, published: &str) -> negkg::extract::Draft {
    let reference = parse_dataset(&bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let info = ArticleInfo {
        published: Some(published.parse().unwrap()),
        publisher: Some("Financial Times".into()),
        ..ArticleInfo::default()
    };
    extract(text, &info, &lexicon, &reference)
}

fn claim<'a>(draft: &'a negkg::extract::Draft, holder: &str, kind: &str) -> &'a negkg::Claim {
    &draft
        .claims
        .iter()
        .find(|c| c.claim.holder == holder && c.claim.kind.as_str() == kind)
        .unwrap_or_else(|| panic!("no {kind} by {holder} in {:#?}", draft.claims))
        .claim
}

#[test]
fn a_plain_article_gives_claims_with_exact_evidence() {
    let text = std::fs::read_to_string(fixture("article.txt")).unwrap();
    let draft = draft_of(&text, "2025-06-09");
    let demand = claim(&draft, "russia", "demand");
    assert_eq!(demand.voiced_by.as_deref(), Some("russian-negotiators"));
    assert_eq!(demand.action, "withdrawal");
    assert_eq!(demand.places, ["kherson"]);
    let threat = claim(&draft, "russia", "threat");
    assert_eq!(threat.action, "occupation");
    assert_eq!(threat.modality, negkg::Modality::Hypothetical);
    assert_eq!(threat.condition.as_deref(), Some("should Ukraine refuse"));
    let rejection = claim(&draft, "ukraine", "rejection");
    // "on Friday" in an article of Monday 9 June 2025.
    assert_eq!(rejection.stated_on.unwrap().to_string(), "2025-06-06");
    assert_eq!(claim(&draft, "turkey", "offer").action, "hosting");
    assert_eq!(claim(&draft, "united-states", "demand").action, "ceasefire");
    let quoted = &demand.evidence[0];
    let sentence = quoted.sentence.as_deref().unwrap();
    assert!(
        sentence.len() > quoted.quote.len() && sentence.contains(&quoted.quote),
        "the demand's quote in its whole sentence: {sentence:?}"
    );
    assert!(draft
        .to_toml()
        .contains(&format!("sentence = \"{sentence}\"")));
    for drafted in &draft.claims {
        let evidence = &drafted.claim.evidence[0];
        assert_eq!(
            text_at(&draft.text, evidence.start.unwrap(), evidence.end.unwrap()),
            Some(evidence.quote.as_str())
        );
        assert!(drafted.confidence > 0.0 && drafted.confidence <= 1.0);
        assert!(!drafted.rule.is_empty());
    }
}

#[test]
fn the_draft_validates_and_loads_as_it_is() {
    let text = std::fs::read_to_string(fixture("article.txt")).unwrap();
    let draft = draft_of(&text, "2025-06-09");
    let mut input = Input::bundled();
    input.add_data_file(DataFile::new("draft.toml", draft.to_toml()));
    let graph = KnowledgeGraph::in_memory().unwrap();
    let report = graph.load(&input).unwrap();
    let bundled = parse_dataset(&bundled_data_files()).unwrap().claims.len();
    assert_eq!(report.claims, bundled + draft.claims.len());
    // The comments tell the reviewer the rule and its confidence.
    assert!(draft
        .to_toml()
        .contains("# confidence 0.80 · rule demand/\"demanded that\""));
}

#[test]
fn a_draft_of_only_confident_claims_keeps_what_they_need_and_loads() {
    let text = std::fs::read_to_string(fixture("article.txt")).unwrap();
    let full = draft_of(&text, "2025-06-09");
    let mut levels: Vec<f64> = full.claims.iter().map(|c| c.confidence).collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    assert!(levels.len() >= 2, "{levels:?}");
    let least = levels[levels.len() / 2];
    let mut draft = full.clone();
    draft.keep_confident(least);
    assert!(!draft.claims.is_empty() && draft.claims.len() < full.claims.len());
    assert!(draft.claims.iter().all(|c| c.confidence >= least));
    // What is kept is what the full draft had at that level, in the same order.
    let expected: Vec<_> = full
        .claims
        .iter()
        .filter(|c| c.confidence >= least)
        .collect();
    assert_eq!(draft.claims.iter().collect::<Vec<_>>(), expected);
    // New actors and actions stay only while a kept claim (or the source) uses them.
    for actor in &draft.new_actors {
        assert!(
            draft.source.publisher == actor.id
                || draft.claims.iter().any(|c| {
                    c.claim.holder == actor.id
                        || c.claim.voiced_by.as_deref() == Some(actor.id.as_str())
                        || c.claim.addressees.contains(&actor.id)
                        || c.claim.evidence.iter().any(|e| e.reported_by == actor.id)
                }),
            "{} is used by no kept claim",
            actor.id
        );
    }
    for action in &draft.new_actions {
        assert!(draft.claims.iter().any(|c| c.claim.action == action.id));
    }
    let mut input = Input::bundled();
    input.add_data_file(DataFile::new("draft.toml", draft.to_toml()));
    KnowledgeGraph::in_memory().unwrap().load(&input).unwrap();
    // Keeping everything changes nothing.
    let mut all = full.clone();
    all.keep_confident(0.0);
    assert_eq!(all, full);
}

#[test]
fn the_least_confidence_is_checked_and_applied_on_the_command_line() {
    let article = fixture("article.txt");
    let article = article.to_str().unwrap();
    let out = negkg(&["extract", article, "--min-confidence", "1.5"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("from 0 to 1"), "{}", out.stderr);
    let all = ok(&["extract", article, "--published", "2025-06-09"]);
    let out = negkg(&[
        "extract",
        article,
        "--published",
        "2025-06-09",
        "--min-confidence",
        "0.99",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("below confidence 0.99 left out"),
        "{}",
        out.stderr
    );
    let claims = |toml: &str| toml.matches("[[claim]]").count();
    assert!(claims(&all) > 0);
    assert!(claims(&out.stdout) < claims(&all), "{}", out.stdout);
}

#[test]
fn the_command_writes_a_draft_and_loads_it() {
    let article = fixture("article.txt");
    let out = negkg(&[
        "extract",
        article.to_str().unwrap(),
        "--published",
        "2025-06-09",
        "--publisher",
        "Example Wire",
        "--url",
        "https://example.org/geneva",
        "--load",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("the draft validates and loads"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("[source]"));
    assert!(
        out.stdout.contains("publisher = \"example-wire\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("name = \"Example Wire\""),
        "{}",
        out.stdout
    );
    // The written draft is a data file like any other.
    let dir = std::env::temp_dir().join(format!("negkg-draft-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("draft.toml");
    std::fs::write(&file, &out.stdout).unwrap();
    let stats = ok(&["stats", "--data", file.to_str().unwrap(), "--format", "csv"]);
    assert!(stats.contains("sources,all,"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_pages_lose_their_furniture() {
    let html = std::fs::read_to_string(fixture("article.html")).unwrap();
    let draft = draft_of(&html, "2025-06-09");
    assert!(!draft.text.contains("Home | World"));
    assert!(!draft.text.contains("Copyright"));
    assert!(
        !draft
            .claims
            .iter()
            .any(|c| c.claim.kind.as_str() == "demand"),
        "script text is no claim"
    );
    assert_eq!(claim(&draft, "turkey", "offer").action, "hosting");
    assert_eq!(claim(&draft, "vatican", "offer").action, "hosting");
}

#[test]
fn bad_input_gets_a_message_or_a_draft_never_a_panic() {
    let dir = std::env::temp_dir().join(format!("negkg-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = negkg(&[
        "extract",
        empty.to_str().unwrap(),
        "--published",
        "2025-01-01",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("the article is empty"),
        "{}",
        out.stderr
    );
    let invalid = dir.join("latin1.txt");
    std::fs::write(
        &invalid,
        b"Russia demanded a ceasefire \xff\xfe in Kherson.",
    )
    .unwrap();
    let out = negkg(&[
        "extract",
        invalid.to_str().unwrap(),
        "--published",
        "2025-01-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("not valid UTF-8"), "{}", out.stderr);
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    let out = negkg(&["extract", huge.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("too large"), "{}", out.stderr);
    let soup = negkg_with_stdin(
        &["extract", "-", "--published", "2025-01-01"],
        "<html><p>Russia <b>demanded</i> that <<Ukraine>> withdraw &bogus; from Kherson</p><script>",
    );
    assert_eq!(soup.code, 0, "{}", soup.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_evaluation_reports_precision_and_recall() {
    let out = ok(&[
        "extract",
        "--evaluate",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval"),
    ]);
    assert!(
        out.contains("total, development (used to write the rules)"),
        "{out}"
    );
    assert!(
        out.contains("total, held out (not used to write the rules)"),
        "{out}"
    );
    // Each unseen set has its own total, as the README's table gives them.
    for set in ["round-3", "round-5"] {
        assert!(
            out.contains(&format!("total, held out, {set} set: gold ")),
            "{out}"
        );
    }
    assert!(out.contains("strict: matched"), "{out}");
    assert!(out.contains("lenient: matched"), "{out}");
    assert!(
        out.contains("un-sg-2025-06-27-drc-rwanda-peace-agreement"),
        "{out}"
    );
}

#[test]
fn the_shipped_annotations_are_canonical_and_two_annotators_are_compared() {
    let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let out = ok(&["extract", "--check-annotations", eval.to_str().unwrap()]);
    assert!(out.contains("every id is known"), "{out}");
    let reference = parse_dataset(&bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let agreement = negkg::extract::agreement(&eval, &lexicon, &reference).unwrap();
    assert!(agreement.old_scheme.is_empty());
    // The eighteen held-out reports, each annotated twice.
    assert_eq!(agreement.documents.len(), 18);
    let (mut gold, mut strict) = (0, 0);
    for document in &agreement.documents {
        gold += document.score.gold;
        strict += document.score.strict;
    }
    assert!(
        gold >= 100 && strict > 0 && strict < gold,
        "{strict} of {gold}"
    );
}

#[test]
fn the_evaluation_sweeps_the_least_confidence_kept() {
    let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let reference = parse_dataset(&bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    let at = negkg::extract::CONFIDENCE_STEPS[4];
    let evaluation =
        negkg::extract::evaluate(&eval, &negkg::extract::Rules, &lexicon, &reference, at).unwrap();
    let steps = &evaluation.by_confidence;
    assert_eq!(steps.len(), negkg::extract::CONFIDENCE_STEPS.len());
    // The articles' scores at the chosen level are the sweep's totals at that level.
    assert_eq!(evaluation.total(true), steps[4].used_for_rules);
    assert_eq!(evaluation.total(false), steps[4].held_out);
    // Raising the level keeps fewer drafts, never more; a match needs a kept draft.
    for pair in steps.windows(2) {
        for (low, high) in [
            (pair[0].used_for_rules, pair[1].used_for_rules),
            (pair[0].held_out, pair[1].held_out),
        ] {
            assert!(high.extracted <= low.extracted);
            assert!(high.strict <= high.extracted && high.lenient <= high.extracted);
            assert_eq!(high.gold, low.gold);
        }
    }
    assert!(steps[0].used_for_rules.extracted > steps[6].used_for_rules.extracted);
}

#[test]
fn every_drafted_quote_of_the_evaluation_set_is_exact() {
    let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut checked = 0;
    for entry in std::fs::read_dir(&eval).unwrap() {
        let path = entry.unwrap().path().join("article.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let draft = draft_of(&text, "2025-01-01");
        for drafted in &draft.claims {
            let e = &drafted.claim.evidence[0];
            assert_eq!(
                text_at(&text, e.start.unwrap(), e.end.unwrap()),
                Some(e.quote.as_str()),
                "{}",
                path.display()
            );
            // The quote in its sentence, as the article gives it.
            let sentence = e.sentence.as_deref().unwrap_or_default();
            assert!(
                sentence.contains(&e.quote) && text.contains(sentence),
                "{}: {sentence:?} for {:?}",
                path.display(),
                e.quote
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
}

/// A copy of one evaluation article in a fresh folder, for tests that change its annotations.
fn copy_article(id: &str, tag: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let dir = std::env::temp_dir().join(format!("negkg-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join(id);
    std::fs::create_dir_all(&folder).unwrap();
    for file in ["meta.toml", "article.txt", "gold.toml"] {
        std::fs::copy(eval.join(id).join(file), folder.join(file)).unwrap();
    }
    (dir, folder)
}

#[test]
fn a_second_annotation_is_matched_the_way_drafts_are() {
    let reference = parse_dataset(&bundled_data_files()).unwrap();
    let lexicon = Lexicon::new(&reference, &[]).unwrap();
    // The gold itself as the second annotation agrees fully on both matches; one claim dropped
    // and one kind changed cost exactly what they should.
    let (dir, folder) = copy_article("voa-2008-09-11-nigeria-mend-ceasefire", "agreement");
    let gold = std::fs::read_to_string(folder.join("gold.toml")).unwrap();
    std::fs::write(folder.join("second.toml"), &gold).unwrap();
    let agreement = negkg::extract::agreement(&dir, &lexicon, &reference).unwrap();
    assert_eq!(agreement.documents.len(), 1);
    assert!(agreement.old_scheme.is_empty());
    let s = agreement.documents[0].score;
    assert!(s.gold >= 2 && s.extracted == s.gold, "{s:?}");
    assert_eq!(
        (s.strict, s.lenient, s.spans_covering),
        (s.gold, s.gold, s.gold)
    );
    let claims: Vec<&str> = gold.split("[[claim]]").collect();
    let first_kind = claims[1]
        .lines()
        .find(|l| l.starts_with("kind = "))
        .unwrap()
        .to_owned();
    let other_kind = if first_kind.contains("\"threat\"") {
        "kind = \"offer\""
    } else {
        "kind = \"threat\""
    };
    let changed = format!(
        "{}[[claim]]{}",
        claims[0],
        claims[1].replacen(&first_kind, other_kind, 1)
    ) + &claims[3..]
        .iter()
        .map(|c| format!("[[claim]]{c}"))
        .collect::<String>();
    std::fs::write(folder.join("second.toml"), changed).unwrap();
    let s = negkg::extract::agreement(&dir, &lexicon, &reference)
        .unwrap()
        .documents[0]
        .score;
    assert_eq!(s.extracted, s.gold - 1, "{s:?}");
    assert_eq!((s.strict, s.lenient), (s.gold - 2, s.gold - 2), "{s:?}");
    // The evaluation prints the agreement beside the extractor's score on the same articles.
    let out = ok(&["extract", "--evaluate", dir.to_str().unwrap()]);
    assert!(out.contains("the 1 articles annotated twice"), "{out}");
    assert!(out.contains("second annotator"), "{out}");
    // A second annotation still in the old scheme is named and left out, not scored.
    std::fs::write(
        folder.join("second.toml"),
        "[[claim]]\nholder = \"MEND\"\nkind = \"commitment\"\nobject = \"ceasefire\"\n",
    )
    .unwrap();
    let agreement = negkg::extract::agreement(&dir, &lexicon, &reference).unwrap();
    assert!(agreement.documents.is_empty());
    assert_eq!(
        agreement.old_scheme,
        ["voa-2008-09-11-nigeria-mend-ceasefire"]
    );
    let out = ok(&["extract", "--evaluate", dir.to_str().unwrap()]);
    assert!(
        out.contains("1 second annotations (second.toml) are in the old scheme"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_article_whose_text_is_missing_is_said_to_be_left_out_and_nothing_to_evaluate_is_an_error() {
    let (dir, folder) = copy_article("voa-2008-09-11-nigeria-mend-ceasefire", "left-out");
    // A second article whose text lives elsewhere, as the seed's does, and is not there.
    let elsewhere = dir.join("elsewhere-article");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let meta = std::fs::read_to_string(folder.join("meta.toml")).unwrap();
    let meta = meta.replace(
        "id = \"voa-2008-09-11-nigeria-mend-ceasefire\"",
        "id = \"elsewhere-article\"\ntext_path = \"../../no-such-text.txt\"",
    );
    std::fs::write(elsewhere.join("meta.toml"), meta).unwrap();
    std::fs::copy(folder.join("gold.toml"), elsewhere.join("gold.toml")).unwrap();
    let out = ok(&["extract", "--evaluate", dir.to_str().unwrap()]);
    assert!(
        out.contains("left out, their text not found, so the totals above do not count them: elsewhere-article: no "),
        "{out}"
    );
    assert!(out.contains("no-such-text.txt"), "{out}");
    // Nor does the check of the annotations claim to have checked offsets it could not.
    let checked = negkg(&["extract", "--check-annotations", dir.to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked
            .stdout
            .contains("quotes are at their offsets where the article's text was found"),
        "{}",
        checked.stdout
    );
    assert!(
        checked.stderr.contains("warning: no article text at ")
            && checked
                .stderr
                .contains("no-such-text.txt: its annotations' offsets are not checked"),
        "{}",
        checked.stderr
    );
    // With no article left to score, there is nothing to report: an input is missing.
    std::fs::remove_dir_all(&folder).unwrap();
    let none = negkg(&["extract", "--evaluate", dir.to_str().unwrap()]);
    assert_eq!(none.code, 66, "{}", none.stderr);
    assert!(
        none.stderr
            .contains("the text of every article is missing there"),
        "{}",
        none.stderr
    );
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let none = negkg(&["extract", "--evaluate", empty.to_str().unwrap()]);
    assert_eq!(none.code, 66, "{}", none.stderr);
    assert!(
        none.stderr
            .contains("no article folder with a gold.toml there"),
        "{}",
        none.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_meta_toml_or_gold_file_that_is_no_utf8_is_a_data_error_with_its_position() {
    let (dir, folder) = copy_article("voa-2008-09-11-nigeria-mend-ceasefire", "bad-files");
    let meta_path = folder.join("meta.toml");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let line = meta.lines().count() + 1;
    std::fs::write(&meta_path, format!("{meta}published = \n")).unwrap();
    let out = negkg(&["extract", "--evaluate", dir.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("meta.toml:{line}:13: ")),
        "{}",
        out.stderr
    );
    std::fs::write(&meta_path, meta).unwrap();
    let gold_path = folder.join("gold.toml");
    let mut gold = std::fs::read(&gold_path).unwrap();
    let line = gold.iter().filter(|b| **b == b'\n').count() + 1;
    gold.extend_from_slice(b"# caf\xe9\n");
    std::fs::write(&gold_path, gold).unwrap();
    for option in ["--evaluate", "--check-annotations"] {
        let out = negkg(&["extract", option, dir.to_str().unwrap()]);
        assert_eq!(out.code, 65, "{option}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("gold.toml:{line}:6: the file is not valid UTF-8")),
            "{option}: {}",
            out.stderr
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_annotation_in_the_old_scheme_is_listed_by_the_check_but_a_gold_file_is_refused() {
    let (dir, folder) = copy_article("voa-2008-09-11-nigeria-mend-ceasefire", "old-second");
    let old = "[[claim]]\nholder = \"MEND\"\nkind = \"commitment\"\nobject = \"ceasefire\"\n";
    std::fs::write(folder.join("second.toml"), old).unwrap();
    // As the evaluation does: named and left out, the gold still checked.
    let out = negkg(&["extract", "--check-annotations", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("1 annotation files"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "second.toml is in the old scheme (free-text holders and `object`), not checked"
        ),
        "{}",
        out.stderr
    );
    // The gold itself must be in the canonical scheme.
    std::fs::write(folder.join("gold.toml"), old).unwrap();
    let out = negkg(&["extract", "--check-annotations", dir.to_str().unwrap()]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("gold.toml:4:1: this file is written in the old scheme"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn annotations_with_unknown_ids_are_refused_with_their_position() {
    let (dir, folder) = copy_article("voa-2008-09-11-nigeria-mend-ceasefire", "check");
    let gold_path = folder.join("gold.toml");
    let gold = std::fs::read_to_string(&gold_path).unwrap();
    let clean = ok(&["extract", "--check-annotations", dir.to_str().unwrap()]);
    assert!(clean.contains("1 annotation files"), "{clean}");
    // A folder without annotations is an input missing, not an empty success.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let none = negkg(&["extract", "--check-annotations", empty.to_str().unwrap()]);
    assert_eq!(none.code, 66, "{}", none.stderr);
    assert!(
        none.stderr.contains("no gold.toml or second.toml there"),
        "{}",
        none.stderr
    );
    // An unknown action, three lines into the first claim.
    let first = gold.find("[[claim]]").unwrap();
    let line = gold[..first].lines().count() + 4;
    let action = gold[first..].find("action = \"").unwrap() + first;
    let broken = format!(
        "{}action = \"ceasfire\"{}",
        &gold[..action],
        &gold[action..][gold[action..].find('\n').unwrap()..]
    );
    std::fs::write(&gold_path, broken).unwrap();
    for args in [
        ["extract", "--check-annotations"],
        ["extract", "--evaluate"],
    ] {
        let out = negkg(&[args[0], args[1], dir.to_str().unwrap()]);
        assert_eq!(out.code, 65, "{}", out.stderr);
        let at = format!("gold.toml:{line}:10: unknown action id `ceasfire` in `action`");
        assert!(out.stderr.contains(&at), "{at} not in {}", out.stderr);
        assert!(
            out.stderr.contains("did you mean `ceasefire`?"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "nothing is scored: {}", out.stdout);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
