//! The review page as HTML: the article with each claim's evidence marked, a form per claim
//! with the data's canonical choices, the form to add a claim and the save bar. Every value
//! from the draft, the article or the data goes through [`Html::text`], which escapes it; the
//! markup itself is the only text written as is.

use super::state::{Choice, Decision, Entry, Review};
use crate::model::{ClaimKind, Modality};
use std::fmt::Write;

/// An HTML document being written.
struct Html(String);

impl Html {
    /// Markup written as is: only ever literal text of this module.
    fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// A value, escaped for text and for attribute values in double quotes.
    fn text(&mut self, value: &str) -> &mut Self {
        for c in value.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                c => self.0.push(c),
            }
        }
        self
    }

    fn number(&mut self, value: usize) -> &mut Self {
        let _ = write!(self.0, "{value}");
        self
    }
}

/// The whole page. `token` guards the page's requests; `steps` lets `?steps=` drive the page
/// (for the browser test).
pub(super) fn page(review: &Review, token: &str, steps: bool) -> String {
    let mut h = Html(String::with_capacity(review.text.len() * 2 + 64 * 1024));
    h.raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<meta name=\"review-token\" content=\"")
        .text(token)
        .raw("\">\n");
    if steps {
        h.raw("<meta name=\"review-steps\" content=\"on\">\n");
    }
    h.raw("<title>Review: ")
        .text(&review.source.title)
        .raw(" — negkg</title>\n")
        .raw("<link rel=\"stylesheet\" href=\"/review.css\">\n")
        .raw("<script src=\"/review.js\" defer></script>\n</head>\n<body>\n");
    header(&mut h, review);
    h.raw("<main id=\"review\">\n");
    body(&mut h, review);
    h.raw("</main>\n</body>\n</html>\n");
    h.0
}

/// The part of the page that changes with each edit (the page swaps it in after a request).
fn body(h: &mut Html, review: &Review) {
    h.raw("<section id=\"article\" aria-labelledby=\"article-title\">\n<h2 id=\"article-title\">Article</h2>\n")
        .raw("<p class=\"hint\">Select words to add a claim with them as its quote. A marked passage is a claim's evidence: choose it (or press Enter on it) to go to the claim.</p>\n")
        .raw("<div id=\"text\" class=\"text\">");
    article(h, review);
    h.raw("</div>\n");
    add_form(h);
    h.raw("</section>\n<section id=\"claims\" aria-labelledby=\"claims-title\">\n<h2 id=\"claims-title\">Claims</h2>\n");
    save_bar(h, review);
    if review.entries.is_empty() {
        h.raw("<p class=\"hint\">The draft has no claims: add them from the article.</p>\n");
    }
    let actors = review.actors();
    let lists = Lists {
        actors: &actors,
        actions: &review.actions(),
        places: &review.places(),
        issues: &review.issues(),
    };
    for (index, entry) in review.entries.iter().enumerate() {
        claim(h, &lists, index, entry);
    }
    h.raw("</section>\n");
}

fn header(h: &mut Html, review: &Review) {
    let source = &review.source;
    h.raw("<header class=\"top\">\n<h1>")
        .text(&source.title)
        .raw("</h1>\n<p class=\"meta\">")
        .text(review.actor_name(&source.publisher))
        .raw(" · ")
        .text(&source.published.to_string())
        .raw(" · source <code>")
        .text(&source.id)
        .raw("</code></p>\n<p class=\"meta\">Draft <code>")
        .text(&review.draft_name)
        .raw("</code> · article <code>")
        .text(&review.article_name)
        .raw("</code></p>\n</header>\n");
}

/// The article's text, each stretch covered by evidence in a `<mark>` naming its claims, and
/// an empty anchor where each claim's first quote begins.
fn article(h: &mut Html, review: &Review) {
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
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        for (index, entry) in review.entries.iter().enumerate() {
            if entry.spans.first().is_some_and(|&(s, _)| s == start) {
                h.raw("<span class=\"anchor\" id=\"ev-")
                    .number(index)
                    .raw("\"></span>");
            }
        }
        let segment = &text[bytes[start]..bytes[end]];
        let covering: Vec<usize> = spans
            .iter()
            .filter(|&&(_, s, e)| s <= start && end <= e)
            .map(|&(i, _, _)| i)
            .collect();
        if covering.is_empty() {
            h.text(segment);
            continue;
        }
        let decisions = covering.iter().map(|&i| review.entries[i].decision);
        let status = [Decision::Accepted, Decision::Undecided, Decision::Rejected]
            .into_iter()
            .find(|d| decisions.clone().any(|x| x == *d))
            .unwrap_or(Decision::Undecided);
        let names: Vec<String> = covering.iter().map(|i| (i + 1).to_string()).collect();
        let ids: Vec<String> = covering.iter().map(ToString::to_string).collect();
        h.raw("<mark class=\"ev ")
            .raw(status.as_str())
            .raw("\" tabindex=\"0\" data-claims=\"")
            .text(&ids.join(" "))
            .raw("\" title=\"Evidence of claim ")
            .text(&names.join(", "))
            .raw("\">")
            .text(segment)
            .raw("</mark>");
    }
}

fn add_form(h: &mut Html) {
    h.raw("<form id=\"add-form\" class=\"add\">\n")
        .raw("<label for=\"add-quote\">Quote of a new claim</label>\n<div class=\"row\">")
        .raw("<input id=\"add-quote\" name=\"quote\" autocomplete=\"off\" placeholder=\"select words in the article, or paste them here\">")
        .raw("<input type=\"hidden\" name=\"start\"><input type=\"hidden\" name=\"end\">")
        .raw("<button type=\"submit\">Add claim</button></div>\n")
        .raw("<p class=\"message\" role=\"alert\"></p>\n</form>\n");
}

fn save_bar(h: &mut Html, review: &Review) {
    let count = |d: Decision| review.entries.iter().filter(|e| e.decision == d).count();
    let accepted = count(Decision::Accepted);
    h.raw("<div id=\"save\" class=\"save\">\n<p id=\"counts\">")
        .number(accepted)
        .raw(" accepted · ")
        .number(count(Decision::Rejected))
        .raw(" rejected · ")
        .number(count(Decision::Undecided))
        .raw(" undecided (not saved)</p>\n<form id=\"save-form\"><button type=\"submit\">Save ")
        .number(accepted)
        .raw(if accepted == 1 { " claim" } else { " claims" })
        .raw(" to <code>")
        .text(&review.out.display().to_string())
        .raw("</code></button></form>\n<div id=\"save-status\" role=\"status\" aria-live=\"polite\">");
    if let Some(path) = &review.saved {
        h.raw("<p class=\"saved\">Saved to <code>")
            .text(&path.display().to_string())
            .raw("</code>.</p>");
    }
    h.raw("</div>\n</div>\n");
}

struct Lists<'a> {
    actors: &'a [Choice],
    actions: &'a [Choice],
    places: &'a [Choice],
    issues: &'a [Choice],
}

fn claim(h: &mut Html, lists: &Lists<'_>, index: usize, entry: &Entry) {
    let claim = &entry.claim;
    let status = entry.decision.as_str();
    h.raw("<article class=\"claim ")
        .raw(status)
        .raw("\" id=\"claim-")
        .number(index)
        .raw("\" aria-labelledby=\"claim-title-")
        .number(index)
        .raw("\">\n<form class=\"claim-form\" data-claim=\"")
        .number(index)
        .raw("\">\n<div class=\"head\"><h3 id=\"claim-title-")
        .number(index)
        .raw("\">Claim ")
        .number(index + 1)
        .raw("</h3><span class=\"decision\">")
        .raw(status)
        .raw("</span>");
    if let Some(drafted) = &entry.drafted {
        h.raw("<span class=\"drafted\">")
            .text(drafted)
            .raw("</span>");
    } else {
        h.raw("<span class=\"drafted\">added in review</span>");
    }
    h.raw("</div>\n");
    for evidence in &claim.evidence {
        h.raw("<blockquote class=\"quote\">")
            .text(&evidence.quote)
            .raw("</blockquote>\n");
    }
    if entry.spans.is_empty() {
        h.raw("<p class=\"warning\">This quote is not in the article: is the article the one the draft was made from?</p>\n");
    } else {
        h.raw("<button type=\"button\" class=\"show\" data-claim=\"")
            .number(index)
            .raw("\">Show in the article</button>\n");
    }
    h.raw("<div class=\"fields\">\n");
    let kinds: Vec<Choice> = keywords(ClaimKind::ALL.iter().map(|k| k.as_str()));
    select(h, "Kind", "kind", &kinds, claim.kind.as_str(), false);
    select(h, "Holder", "holder", lists.actors, &claim.holder, true);
    select_list(h, "Addressee", "addressee", lists.actors, &claim.addressees);
    select(h, "Action", "action", lists.actions, &claim.action, true);
    select_list(h, "Place", "place", lists.places, &claim.places);
    select_list(h, "Issue", "issue", lists.issues, &claim.issues);
    let date = claim.stated_on.map(|d| d.to_string()).unwrap_or_default();
    input(h, "Stated on", "stated_on", "date", &date);
    let modalities = keywords(Modality::ALL.iter().map(|m| m.as_str()));
    select(
        h,
        "Modality",
        "modality",
        &modalities,
        claim.modality.as_str(),
        false,
    );
    let condition = claim.condition.as_deref().unwrap_or_default();
    input(h, "Condition", "condition", "text", condition);
    input(h, "Label", "label", "text", &claim.label);
    h.raw("</div>\n<div class=\"actions\">")
        .raw("<button type=\"submit\" name=\"decision\" value=\"accept\" class=\"accept\">Accept</button>")
        .raw("<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"reject\">Reject</button>");
    if entry.decision != Decision::Undecided {
        h.raw(
            "<button type=\"submit\" name=\"decision\" value=\"undecided\">Undo decision</button>",
        );
    }
    h.raw("</div>\n<p class=\"message\" role=\"alert\"></p>\n</form>\n</article>\n");
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

fn input(h: &mut Html, label: &str, name: &str, kind: &str, value: &str) {
    h.raw("<label class=\"field")
        .raw(if name == "label" || name == "condition" {
            " wide"
        } else {
            ""
        })
        .raw("\"><span>")
        .raw(label)
        .raw("</span><input type=\"")
        .raw(kind)
        .raw("\" name=\"")
        .raw(name)
        .raw("\" value=\"")
        .text(value)
        .raw("\"></label>\n");
}

fn select(h: &mut Html, label: &str, name: &str, choices: &[Choice], value: &str, blank: bool) {
    h.raw("<label class=\"field\"><span>")
        .raw(label)
        .raw("</span>");
    select_element(h, name, None, choices, value, blank);
    h.raw("</label>\n");
}

/// A list of ids as one select per value and an empty one to add another.
fn select_list(h: &mut Html, label: &str, name: &str, choices: &[Choice], values: &[String]) {
    h.raw("<fieldset class=\"field list\"><legend>")
        .raw(label)
        .raw("</legend>");
    let empty = String::new();
    for (i, value) in values.iter().chain(std::iter::once(&empty)).enumerate() {
        let aria = format!("{label} {}", i + 1);
        select_element(h, name, Some(&aria), choices, value, true);
    }
    h.raw("</fieldset>\n");
}

fn select_element(
    h: &mut Html,
    name: &str,
    aria: Option<&str>,
    choices: &[Choice],
    value: &str,
    blank: bool,
) {
    h.raw("<select name=\"").raw(name).raw("\"");
    if let Some(aria) = aria {
        h.raw(" aria-label=\"").text(aria).raw("\"");
    }
    h.raw(">");
    if blank {
        h.raw("<option value=\"\"")
            .raw(if value.is_empty() { " selected" } else { "" })
            .raw(">—</option>");
    }
    let known = value.is_empty() || choices.iter().any(|c| c.id == value);
    if !known {
        // A value from the draft that the data lacks: shown, so that nothing changes unseen.
        h.raw("<option selected value=\"")
            .text(value)
            .raw("\">")
            .text(value)
            .raw(" (not in the data)</option>");
    }
    let proposed = choices.iter().filter(|c| c.proposed).count();
    let groups = [
        ("proposed by the draft", &choices[..proposed]),
        ("in the data", &choices[proposed..]),
    ];
    for (group, items) in groups {
        if items.is_empty() {
            continue;
        }
        if proposed > 0 {
            h.raw("<optgroup label=\"").raw(group).raw("\">");
        }
        for choice in items {
            h.raw("<option value=\"").text(&choice.id).raw("\"");
            if choice.id == value {
                h.raw(" selected");
            }
            h.raw(">").text(&choice.name);
            if choice.name != choice.id {
                h.raw(" (").text(&choice.id).raw(")");
            }
            h.raw("</option>");
        }
        if proposed > 0 {
            h.raw("</optgroup>");
        }
    }
    h.raw("</select>");
}

#[cfg(test)]
mod tests {
    use super::Html;

    #[test]
    fn values_are_escaped_for_text_and_attributes() {
        let mut h = Html(String::new());
        h.text("<script>alert('x')</script> & \"quoted\"");
        assert_eq!(
            h.0,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"
        );
    }
}
