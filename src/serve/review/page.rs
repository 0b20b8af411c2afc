//! The review page as HTML: the article with each claim's evidence marked, a form per claim
//! with the data's canonical choices, the form to add a claim and the save bar. Written with
//! maud's templates, checked at compile time, which escape every value from the draft, the
//! article or the data.

use super::state::{Choice, Decision, Entry, Review};
use crate::model::{ClaimKind, Modality};
use maud::{html, Markup, DOCTYPE};

/// The whole page. `token` guards the page's requests; `steps` lets `?steps=` drive the page
/// (for the browser test).
pub(super) fn page(review: &Review, token: &str, steps: bool) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="review-token" content=(token);
                @if steps {
                    meta name="review-steps" content="on";
                }
                title { "Review: " (review.source.title) " — negkg" }
                link rel="stylesheet" href="/review.css";
                script src="/review.js" defer {}
            }
            body {
                (header(review))
                main #review { (body(review)) }
            }
        }
    }
    .into_string()
}

fn header(review: &Review) -> Markup {
    let source = &review.source;
    html! {
        header.top {
            h1 { (source.title) }
            p.meta {
                (review.actor_name(&source.publisher)) " · " (source.published)
                " · source " code { (source.id) }
            }
            p.meta {
                "Draft " code { (review.draft_name) } " · article " code { (review.article_name) }
            }
        }
    }
}

/// The part of the page that changes with each edit (the page swaps it in after a request).
fn body(review: &Review) -> Markup {
    let actors = review.actors();
    let lists = Lists {
        actors: &actors,
        actions: &review.actions(),
        places: &review.places(),
        issues: &review.issues(),
    };
    html! {
        section #article aria-labelledby="article-title" {
            h2 #article-title { "Article" }
            p.hint {
                "Select words to add a claim with them as its quote. A marked passage is a claim's evidence: choose it (or press Enter on it) to go to the claim."
            }
            div #text .text { (article(review)) }
            (add_form())
        }
        section #claims aria-labelledby="claims-title" {
            h2 #claims-title { "Claims" }
            (save_bar(review))
            @if review.entries.is_empty() {
                p.hint { "The draft has no claims: add them from the article." }
            }
            @for (index, entry) in review.entries.iter().enumerate() {
                (claim(&lists, index, entry))
            }
        }
    }
}

/// A stretch of the article between two ends of evidence.
struct Segment<'a> {
    /// Claims whose first quote begins here.
    anchors: Vec<usize>,
    text: &'a str,
    /// Claims whose evidence covers it.
    covering: Vec<usize>,
}

/// The article cut at every end of evidence.
fn segments(review: &Review) -> Vec<Segment<'_>> {
    let text = &review.text;
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let length = bytes.len() - 1;
    let spans: Vec<(usize, usize, usize)> = review
        .entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.spans.iter().map(move |&(s, end)| (i, s, end)))
        .filter(|&(_, s, e)| s < e && e <= length)
        .collect();
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(_, s, e)| [s, e]).collect();
    cuts.extend([0, length]);
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|pair| {
            let (start, end) = (pair[0], pair[1]);
            Segment {
                anchors: (0..review.entries.len())
                    .filter(|&i| review.entries[i].spans.first().map(|s| s.0) == Some(start))
                    .collect(),
                text: &text[bytes[start]..bytes[end]],
                covering: spans
                    .iter()
                    .filter(|&&(_, s, e)| s <= start && end <= e)
                    .map(|&(i, _, _)| i)
                    .collect(),
            }
        })
        .collect()
}

/// The article's text, each stretch covered by evidence in a `<mark>` naming its claims, and
/// an empty anchor where each claim's first quote begins.
fn article(review: &Review) -> Markup {
    html! {
        @for segment in segments(review) {
            @for index in &segment.anchors {
                span.anchor id=(format!("ev-{index}")) {}
            }
            @if segment.covering.is_empty() {
                (segment.text)
            } @else {
                mark.ev.(mark_status(review, &segment.covering).as_str())
                    tabindex="0"
                    data-claims=(join(segment.covering.iter().map(ToString::to_string)))
                    title=(format!("Evidence of claim {}", join(segment.covering.iter().map(|i| (i + 1).to_string())))) {
                    (segment.text)
                }
            }
        }
    }
}

/// How a passage is marked: accepted if any claim it backs is, else undecided if any is.
fn mark_status(review: &Review, covering: &[usize]) -> Decision {
    let has = |d: Decision| covering.iter().any(|&i| review.entries[i].decision == d);
    [Decision::Accepted, Decision::Undecided]
        .into_iter()
        .find(|&d| has(d))
        .unwrap_or(Decision::Rejected)
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(" ")
}

fn add_form() -> Markup {
    html! {
        form #add-form .add {
            label for="add-quote" { "Quote of a new claim" }
            div.row {
                input #add-quote name="quote" autocomplete="off"
                    placeholder="select words in the article, or paste them here";
                input type="hidden" name="start";
                input type="hidden" name="end";
                button type="submit" { "Add claim" }
            }
            p.message role="alert" {}
        }
    }
}

fn save_bar(review: &Review) -> Markup {
    let count = |d: Decision| review.entries.iter().filter(|e| e.decision == d).count();
    let accepted = count(Decision::Accepted);
    html! {
        div #save .save {
            p #counts {
                (accepted) " accepted · " (count(Decision::Rejected)) " rejected · "
                (count(Decision::Undecided)) " undecided (not saved)"
            }
            form #save-form {
                button type="submit" {
                    "Save " (accepted) (if accepted == 1 { " claim" } else { " claims" })
                    " to " code { (review.out.display()) }
                }
            }
            div #save-status role="status" aria-live="polite" {
                @if let Some(path) = &review.saved {
                    p.saved { "Saved to " code { (path.display()) } "." }
                }
            }
        }
    }
}

struct Lists<'a> {
    actors: &'a [Choice],
    actions: &'a [Choice],
    places: &'a [Choice],
    issues: &'a [Choice],
}

fn claim(lists: &Lists<'_>, index: usize, entry: &Entry) -> Markup {
    let claim = &entry.claim;
    let status = entry.decision.as_str();
    let title = format!("claim-title-{index}");
    let kinds = keywords(ClaimKind::ALL.iter().map(|k| k.as_str()));
    let modalities = keywords(Modality::ALL.iter().map(|m| m.as_str()));
    let date = claim.stated_on.map(|d| d.to_string()).unwrap_or_default();
    html! {
        article.claim.(status) id=(format!("claim-{index}")) aria-labelledby=(title) {
            form.claim-form data-claim=(index) {
                div.head {
                    h3 id=(title) { "Claim " (index + 1) }
                    span.decision { (status) }
                    span.drafted { (entry.drafted.as_deref().unwrap_or("added in review")) }
                }
                @for evidence in &claim.evidence {
                    blockquote.quote { (evidence.quote) }
                }
                @if entry.spans.is_empty() {
                    p.warning {
                        "This quote is not in the article: is the article the one the draft was made from?"
                    }
                } @else {
                    button.show type="button" { "Show in the article" }
                }
                div.fields {
                    (select("Kind", "kind", &kinds, claim.kind.as_str(), false))
                    (select("Holder", "holder", lists.actors, &claim.holder, true))
                    (select_list("Addressee", "addressee", lists.actors, &claim.addressees))
                    (select("Action", "action", lists.actions, &claim.action, true))
                    (select_list("Place", "place", lists.places, &claim.places))
                    (select_list("Issue", "issue", lists.issues, &claim.issues))
                    (input("Stated on", "stated_on", "date", &date))
                    (select("Modality", "modality", &modalities, claim.modality.as_str(), false))
                    (input("Condition", "condition", "text", claim.condition.as_deref().unwrap_or_default()))
                    (input("Label", "label", "text", &claim.label))
                }
                div.actions {
                    button.accept type="submit" name="decision" value="accept" { "Accept" }
                    button.reject type="submit" name="decision" value="reject" { "Reject" }
                    @if entry.decision != Decision::Undecided {
                        button type="submit" name="decision" value="undecided" { "Undo decision" }
                    }
                }
                p.message role="alert" {}
            }
        }
    }
}

fn keywords<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Choice> {
    values
        .map(|v| Choice {
            id: v.to_owned(),
            name: v.to_owned(),
            proposed: false,
        })
        .collect()
}

fn input(label: &str, name: &str, kind: &str, value: &str) -> Markup {
    let wide = name == "label" || name == "condition";
    html! {
        label.field.wide[wide] {
            span { (label) }
            input type=(kind) name=(name) value=(value);
        }
    }
}

fn select(label: &str, name: &str, choices: &[Choice], value: &str, blank: bool) -> Markup {
    html! {
        label.field {
            span { (label) }
            (select_element(name, None, choices, value, blank))
        }
    }
}

/// A list of ids as one select per value and an empty one to add another.
fn select_list(label: &str, name: &str, choices: &[Choice], values: &[String]) -> Markup {
    let empty = String::new();
    html! {
        fieldset.field.list {
            legend { (label) }
            @for (i, value) in values.iter().chain(std::iter::once(&empty)).enumerate() {
                (select_element(name, Some(&format!("{label} {}", i + 1)), choices, value, true))
            }
        }
    }
}

fn select_element(
    name: &str,
    aria: Option<&str>,
    choices: &[Choice],
    value: &str,
    blank: bool,
) -> Markup {
    let known = value.is_empty() || choices.iter().any(|c| c.id == value);
    let proposed = choices.iter().filter(|c| c.proposed).count();
    let groups = [
        ("proposed by the draft", &choices[..proposed]),
        ("in the data", &choices[proposed..]),
    ];
    html! {
        select name=(name) aria-label=[aria] {
            @if blank {
                option value="" selected[value.is_empty()] { "—" }
            }
            @if !known {
                // A value from the draft that the data lacks: shown, so that nothing changes
                // unseen.
                option value=(value) selected { (value) " (not in the data)" }
            }
            @for (group, items) in groups {
                @if proposed == 0 {
                    (options(items, value))
                } @else if !items.is_empty() {
                    optgroup label=(group) { (options(items, value)) }
                }
            }
        }
    }
}

fn options(items: &[Choice], value: &str) -> Markup {
    html! {
        @for choice in items {
            option value=(choice.id) selected[choice.id == value] {
                (choice.name)
                @if choice.name != choice.id {
                    " (" (choice.id) ")"
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DataFile;

    #[test]
    fn every_value_is_escaped_in_the_page() {
        let article = "Intro. She wrote \"<b>x</b>\" & <script>alert('x')</script> here.\n";
        let draft = DataFile::new(
            "draft.toml",
            r#"[source]
id = "s-1"
title = "A <title>"
publisher = "russia"
published = 2025-06-02

[[claim]]
id = "c-1"
kind = "statement"
holder = "russia"
action = "assessment"
stated_on = 2025-06-02
label = "\"><script>label</script>"

[[claim.evidence]]
quote = "<script>alert('x')</script>"
"#,
        );
        let review = Review::open(
            "a<b>.txt",
            article,
            &draft,
            crate::bundled::data_files(),
            None,
        )
        .unwrap();
        let page = page(&review, "t", false);
        assert_eq!(page.matches("<script").count(), 1, "{page}");
        assert!(
            page.contains("&lt;script&gt;alert('x')&lt;/script&gt;</mark>"),
            "{page}"
        );
        assert!(
            page.contains("&quot;&lt;b&gt;x&lt;/b&gt;&quot; &amp; "),
            "{page}"
        );
        assert!(page.contains("value=\"&quot;&gt;&lt;script&gt;label&lt;/script&gt;\""));
        assert!(page.contains("<title>Review: A &lt;title&gt; — negkg</title>"));
        assert!(page.contains("article <code>a&lt;b&gt;.txt</code>"));
        assert!(
            !page.contains("review-steps"),
            "no steps unless the server allows them"
        );
    }
}
