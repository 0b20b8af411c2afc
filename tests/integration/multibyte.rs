//! The extractor on real-world characters: em and en dashes, curly quotes, non-breaking and
//! thin spaces, ellipses, emoji, Cyrillic, Arabic, combining marks and letters whose lower
//! case is longer or shorter in UTF-8, placed around every phrase the extractor reacts to.
//! It must never panic, and every quote it drafts must sit exactly at its offsets.
//!
//! `NEGKG_MULTIBYTE_MB=10 cargo test --release --test integration multibyte` drives the random
//! soak over ten megabytes (RELIABILITY.md has the figures); by default it runs over half a
//! megabyte so that `cargo test` stays quick.

use negkg::extract::{extract, ArticleInfo, Draft, Lexicon};
use negkg::{bundled_data_files, parse_dataset, text_at, DataFile, Dataset};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Characters and words news text carries that are more than one byte in UTF-8.
const NOISE: &[&str] = &[
    "—",
    "–",
    "“",
    "”",
    "‘",
    "’",
    "\u{a0}",
    "\u{2009}",
    "\u{200b}",
    "…",
    "😀",
    "🇺🇦",
    "Путін",
    "переговори",
    "Москва",
    "بوتين",
    "مفاوضات",
    "e\u{301}",
    "A\u{30a}\u{301}",
    "İstanbul",
    "ẞ",
    "Ⱥ",
    "«",
    "»",
    "·",
    "€",
];

/// ASCII that steers the extractor: clause breaks, quotes, sentence ends, names, conditions.
const GLUE: &[&str] = &[
    " ",
    ", ",
    "; ",
    ": ",
    ". ",
    "\n\n",
    "\"",
    "'s ",
    " if ",
    " said ",
    "Russia ",
    "Ukraine ",
    "the rebels ",
    "Putin ",
    " on Friday ",
    " to ",
    " not ",
    "(",
    ")",
];

fn reference() -> &'static (Dataset, Lexicon) {
    static REFERENCE: OnceLock<(Dataset, Lexicon)> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dataset = parse_dataset(&bundled_data_files()).expect("the bundled data parses");
        let lexicon = Lexicon::new(&dataset, &[]).expect("the bundled lexicon builds");
        (dataset, lexicon)
    })
}

/// Drafts `text` and checks that every quote is where its offsets say.
fn draft_checked(text: &str) -> Draft {
    let (dataset, lexicon) = reference();
    let info = ArticleInfo {
        published: Some("2025-05-19".parse().expect("a date")),
        ..ArticleInfo::default()
    };
    let draft = extract(text, &info, lexicon, dataset);
    for claim in &draft.claims {
        let evidence = &claim.claim.evidence[0];
        let (start, end) = (evidence.start.unwrap(), evidence.end.unwrap());
        assert_eq!(
            text_at(&draft.text, start, end),
            Some(evidence.quote.as_str()),
            "a drafted quote is not at its offsets in {text:?}"
        );
    }
    draft
}

#[test]
fn an_em_dash_before_a_yield_verb_does_not_panic() {
    // The smallest input of the crash reported on #16: `rfind` of a clause mark found the em
    // dash and the clause was cut one byte after its start, inside the character.
    draft_checked("— yielded");
    draft_checked("Ukraine said — yielded nothing");
    draft_checked("Russia – ceded, “yielded” … withdrew");
}

#[test]
fn names_in_other_scripts_are_proposed_with_ids_that_validate() {
    // A name with no ASCII letter made an empty id: the draft did not load.
    let draft = draft_checked(
        "Talks\n\nЗеленский Бирюков demanded that Russia withdraw from Kherson.\n\n\
         Κυριάκος Μητσοτάκης demanded that Russia withdraw from Kherson.",
    );
    let proposed: Vec<_> = draft
        .new_actors
        .iter()
        .filter(|a| a.id != "unknown-publisher")
        .collect();
    assert_eq!(proposed.len(), 2, "both names are proposed: {proposed:#?}");
    for actor in proposed {
        assert!(actor.id.starts_with("actor-"), "{actor:?}");
    }
    let mut files = bundled_data_files();
    files.push(DataFile::new("draft.toml", draft.to_toml()));
    if let Err(errors) = parse_dataset(&files) {
        panic!("the draft does not read:\n{errors}\n{}", draft.to_toml());
    }
}

#[test]
fn lower_case_that_changes_length_keeps_offsets() {
    // 'İ' lower-cases to two characters and 'Ⱥ' to a longer one: offsets found in lower case
    // must still fall inside the original text.
    let draft = draft_checked("İİİ ȺȺ Russia demanded that Ukraine withdraw from Kherson. ȺİẞȺ");
    assert!(
        draft.claims.iter().any(|c| c.claim.holder == "russia"),
        "the demand next to the long lower-case letters is still drafted: {:#?}",
        draft.claims
    );
}

#[test]
fn multibyte_text_around_every_trigger_phrase_never_panics() {
    let (_, lexicon) = reference();
    let triggers = lexicon.trigger_phrases();
    assert!(triggers.len() > 500, "the verb classes are inflected");
    let mut drafted = 0;
    for (k, phrase) in triggers.iter().enumerate() {
        let n = |i: usize| NOISE[(k * 7 + i * 3) % NOISE.len()];
        let article = format!(
            "{a} {phrase}\n\n{a}{phrase}{b}\n\nRussia{a} {phrase} {b}Ukraine{c}.\n\n\
             “{phrase}{a}” said Putin{b}.\n\nIf Ukraine{a} {phrase}{b}, Russia {phrase} — {c} \
             talks.\n\n{c}Zelensky {a}{phrase}{b} to withdraw from Kherson{c}…",
            a = n(0),
            b = n(1),
            c = n(2),
        );
        drafted += draft_checked(&article).claims.len();
    }
    assert!(
        drafted > triggers.len(),
        "the sweep reaches the drafting paths"
    );
}

#[test]
fn multibyte_text_around_every_phrase_of_the_lexicon_never_panics() {
    let (_, lexicon) = reference();
    let phrases = lexicon.phrases();
    for chunk in phrases.chunks(40) {
        let mut article = String::new();
        for (k, phrase) in chunk.iter().enumerate() {
            let noise = NOISE[k % NOISE.len()];
            article.push_str(&format!("{noise}{phrase}{noise} {phrase}, {noise}"));
            article.push_str(GLUE[k % GLUE.len()]);
        }
        draft_checked(&article);
    }
}

/// A little deterministic generator, so that the soak is repeatable without a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

/// One random article of about `size` bytes: phrases of the lexicon, noise and glue.
fn random_article(random: &mut SplitMix, phrases: &[&str], size: usize) -> String {
    let mut article = String::with_capacity(size + 64);
    while article.len() < size {
        let piece = match random.next() % 5 {
            0 | 1 => random.pick(phrases),
            2 | 3 => random.pick(NOISE),
            _ => random.pick(GLUE),
        };
        article.push_str(piece);
    }
    article
}

#[test]
fn a_soak_of_random_multibyte_articles_never_panics() {
    let megabytes: f64 = std::env::var("NEGKG_MULTIBYTE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5);
    let (_, lexicon) = reference();
    let phrases = lexicon.phrases();
    let mut random = SplitMix(0x006e_6567_6b67);
    let target = (megabytes * 1024.0 * 1024.0) as usize;
    let (mut bytes, mut articles, mut claims) = (0usize, 0usize, 0usize);
    while bytes < target {
        let size = 200 + (random.next() % 4000) as usize;
        let article = random_article(&mut random, &phrases, size);
        claims += draft_checked(&article).claims.len();
        bytes += article.len();
        articles += 1;
    }
    eprintln!("multibyte soak: {bytes} bytes in {articles} articles, {claims} claims drafted");
    assert!(claims > 0, "the soak reaches the drafting paths");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn random_mixes_of_phrases_and_multibyte_text_never_panic(
        pieces in proptest::collection::vec((0usize..3, any::<prop::sample::Index>(), "\\PC{0,6}"), 1..60)
    ) {
        let (_, lexicon) = reference();
        let phrases = lexicon.phrases();
        let mut article = String::new();
        for (which, index, free) in pieces {
            match which {
                0 => article.push_str(phrases[index.index(phrases.len())]),
                1 => article.push_str(NOISE[index.index(NOISE.len())]),
                _ => {
                    article.push_str(GLUE[index.index(GLUE.len())]);
                    article.push_str(&free);
                }
            }
        }
        draft_checked(&article);
    }
}
