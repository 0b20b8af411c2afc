//! Text preparation for the extractor: HTML with its page furniture stripped, and a sentence
//! splitter that survives quotation marks and abbreviations. Every span is a byte range into
//! the prepared text, so evidence quotes are exact slices of it.

use std::ops::{Bound, Range, RangeBounds};

/// Elements whose content is page furniture, not article text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "button",
    "figure", "iframe", "template", "select",
];

/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "main",
    "title",
    "dd",
    "dt",
];

/// The text the extractor reads from an article given as plain text or HTML: a page's text
/// without its markup and page furniture, or the plain text with Windows line ends made
/// plain. Evidence offsets in a draft count characters in this text.
pub fn article_text(input: &str) -> String {
    if looks_like_html(input) {
        html_to_text(input)
    } else {
        input.replace("\r\n", "\n")
    }
}

/// Whether the input looks like HTML rather than plain text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<body")
        || (head.contains("<p>") && head.contains("</p>"))
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" | "#160" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// The text of an HTML page: tags removed, the content of scripts, styles, navigation, headers,
/// footers and the like dropped, entities decoded, one blank line between blocks. Never fails:
/// markup soup gives its best-effort text.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip_depth: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(position) = rest.find(['<', '&']) {
        let (before, after) = rest.split_at(position);
        if skip_depth.is_empty() {
            out.push_str(before);
        }
        if let Some(entity_text) = after.strip_prefix('&') {
            let end = entity_text.find([';', ' ', '<', '&']);
            let decoded = end
                .filter(|e| *e <= 11 && entity_text.as_bytes().get(*e) == Some(&b';'))
                .and_then(|e| entity(entity_text.slice(..e)).map(|c| (c, e)));
            match decoded {
                Some((c, e)) => {
                    if skip_depth.is_empty() {
                        out.push(c);
                    }
                    rest = entity_text.slice(e + 1..);
                }
                None => {
                    if skip_depth.is_empty() {
                        out.push('&');
                    }
                    rest = entity_text;
                }
            }
            continue;
        }
        // A tag, a comment or a stray '<'.
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| comment.slice(e + 3..));
            continue;
        }
        let Some(close) = after.find('>') else {
            if skip_depth.is_empty() {
                out.push_str(after);
            }
            rest = "";
            break;
        };
        let tag = after.slice(1..close);
        rest = after.slice(close + 1..);
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if skip_depth.is_empty() && !tag.starts_with('!') && !tag.starts_with('?') {
                out.push('<');
                out.push_str(tag);
                out.push('>');
            }
            continue;
        }
        if SKIPPED.contains(&name.as_str()) {
            if closing {
                if let Some(i) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(i);
                }
            } else if !tag.ends_with('/') {
                skip_depth.push(name);
            }
            continue;
        }
        if skip_depth.is_empty() && BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    if skip_depth.is_empty() {
        out.push_str(rest);
    }
    normalise_blank_lines(&out)
}

fn normalise_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out.push('\n');
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "sen", "rep",
    "gov", "pres", "amb", "min",
];

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')')
}

/// The sentence, or run of sentences, of `text` (whose [`sentences`] are `sentences`) in which
/// the characters `start..end` stand (code points, end exclusive): a quote in its context, word
/// for word. `None` when the range is empty or not in the text.
pub(crate) fn sentences_around(
    text: &str,
    sentences: &[Range<usize>],
    start: u64,
    end: u64,
) -> Option<String> {
    let quote = crate::model::text_at(text, start, end).filter(|q| !q.is_empty())?;
    // The quote's byte range: the slice lies inside `text`.
    let from = quote.as_ptr() as usize - text.as_ptr() as usize;
    let to = from + quote.len();
    let around: Vec<&Range<usize>> = sentences
        .iter()
        .filter(|s| s.start < to && s.end > from)
        .collect();
    let first = around.first().map_or(from, |s| s.start.min(from));
    let last = around.last().map_or(to, |s| s.end.max(to));
    Some(text[first..last].to_owned())
}

/// Sentences of the text as byte ranges, trimmed. A sentence ends at `.`, `!` or `?` (with any
/// closing quotes after it) followed by white space and an upper-case letter, a digit or an
/// opening quote — unless the word before the stop is an abbreviation or an initial — and at
/// every blank line. Full stops inside quotation marks end a sentence only at the closing quote.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quote_depth: i32 = 0;
    let mut i = 0;
    while i < chars.len() {
        let (position, c) = chars[i];
        match c {
            '“' | '«' => quote_depth += 1,
            '”' | '»' => quote_depth = (quote_depth - 1).max(0),
            '\n' if chars.get(i + 1).is_some_and(|(_, n)| *n == '\n') => {
                push(text, start..position, &mut out);
                start = position;
                quote_depth = 0;
            }
            '.' | '!' | '?' => {
                // Take the closing quotes and brackets that follow.
                let mut j = i + 1;
                while chars.get(j).is_some_and(|(_, n)| is_closing_quote(*n)) {
                    j += 1;
                }
                let followed_by_space = chars.get(j).is_none_or(|(_, n)| n.is_whitespace());
                let mut k = j;
                while chars.get(k).is_some_and(|(_, n)| *n == ' ' || *n == '\n') {
                    k += 1;
                }
                let next_starts = chars.get(k).is_none_or(|(_, n)| {
                    n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '"' | '‘' | '«')
                });
                let closes_quote = j > i + 1;
                let word: String = chars[..i]
                    .iter()
                    .rev()
                    .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '.')
                    .map(|(_, ch)| *ch)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>()
                    .to_lowercase();
                let abbreviation = c == '.'
                    && (ABBREVIATIONS.contains(&word.trim_end_matches('.'))
                        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)));
                let inside_quote = quote_depth > 0 && !closes_quote;
                if followed_by_space && next_starts && !abbreviation && !inside_quote {
                    let end = chars.get(j).map_or(text.len(), |(p, _)| *p);
                    push(text, start..end, &mut out);
                    start = end;
                    if closes_quote {
                        quote_depth = 0;
                    }
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    push(text, start..text.len(), &mut out);
    out
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = text.slice(range.clone());
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    let trimmed = range.start + leading..range.end - trailing;
    if trimmed.start < trimmed.end {
        out.push(trimmed);
    }
}

/// Slices of text that never panic. Every offset the extractor computes (a match's end, a
/// punctuation mark found by `rfind` plus one, a window of so many bytes back) goes through
/// here: a start inside a multi-byte character moves on to the next character, an end inside
/// one moves back to its start, offsets past the end stop at the end, and a range that ends
/// up empty or reversed gives the empty string. On ASCII text it is plain slicing.
pub(crate) trait SliceText {
    /// The text in `range` (byte offsets), widened or narrowed to whole characters.
    fn slice(&self, range: impl RangeBounds<usize>) -> &str;
}

impl SliceText for str {
    fn slice(&self, range: impl RangeBounds<usize>) -> &str {
        let start = match range.start_bound() {
            Bound::Included(&at) => at,
            Bound::Excluded(&at) => at.saturating_add(1),
            Bound::Unbounded => 0,
        };
        let end = match range.end_bound() {
            Bound::Included(&at) => at.saturating_add(1),
            Bound::Excluded(&at) => at,
            Bound::Unbounded => self.len(),
        };
        let (start, end) = (ceil_boundary(self, start), floor_boundary(self, end));
        self.get(start..end.max(start)).unwrap_or("")
    }
}

/// The nearest character boundary at or before `at` (the end of the text if `at` is past it).
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0)
}

/// The nearest character boundary at or after `at` (the end of the text if `at` is past it).
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len())
}

/// The text in lower case with every character at the byte offset it had: a character whose
/// lower case is longer or shorter in UTF-8 ('İ', 'ẞ', 'Ⱥ') or more than one character stays
/// as it is. Offsets found in the lower-case text can then be used on the original.
pub(crate) fn lowercase_in_place(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Character offsets of byte positions, counted on from the last one asked for (the
/// sentences are visited in order, so a long article is counted through once).
#[derive(Default)]
pub(super) struct CharOffsets {
    byte: usize,
    chars: u64,
}

impl CharOffsets {
    pub(super) fn at(&mut self, text: &str, byte: usize) -> u64 {
        if byte < self.byte {
            *self = Self::default();
        }
        self.chars += text.slice(self.byte..byte).chars().count() as u64;
        self.byte = byte;
        self.chars
    }
}

pub(super) fn contains_word(text: &str, word: &str) -> bool {
    let lower = lowercase_in_place(text);
    let word = word.to_lowercase();
    lower.match_indices(&word).any(|(i, _)| {
        let before = lower.slice(..i).chars().next_back();
        let after = lower.slice(i + word.len()..).chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '\'')
            || word.starts_with("n't")
    })
}

/// The word that ends right before `end` (only spaces between), with its start.
pub(super) fn previous_word(sentence: &str, end: usize) -> Option<(usize, &str)> {
    let head = sentence.slice(..end).trim_end_matches(' ');
    if head.len() == end && end > 0 {
        // No space: punctuation or the start of the sentence is right before the name.
        return None;
    }
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then(|| (start, head.slice(start..)))
}

/// The last word of `text` when it ends with one (no punctuation after it), and its start.
pub(super) fn last_word(text: &str) -> Option<(usize, &str)> {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < text.len()).then(|| (start, text.slice(start..)))
}

pub(super) fn trim_quote(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.slice(range.clone());
    let trimmed_end =
        slice.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let trimmed =
        trimmed_end.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let start = range.start + (trimmed_end.len() - trimmed.len());
    start..range.start + trimmed_end.len()
}

/// Cuts a span to at most `words` words, at a word end.
pub(super) fn limit_words(text: &str, range: Range<usize>, words: usize) -> Range<usize> {
    let slice = text.slice(range.clone());
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == words {
                    return range.start..range.start + i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| text.slice(r)).collect()
    }

    #[test]
    fn sentences_survive_abbreviations_and_quotes() {
        let text = "Mr. Trump said the Vatican would be “very interested.” He added: “Let the process begin!” The U.S. side agreed.";
        assert_eq!(
            split(text),
            [
                "Mr. Trump said the Vatican would be “very interested.”",
                "He added: “Let the process begin!”",
                "The U.S. side agreed."
            ]
        );
    }

    #[test]
    fn a_full_stop_inside_a_quote_does_not_split() {
        let text = "He said “we will go. They will not” and left. Next one.";
        assert_eq!(
            split(text),
            ["He said “we will go. They will not” and left.", "Next one."]
        );
    }

    #[test]
    fn blank_lines_end_sentences() {
        assert_eq!(
            split("Title line\n\nBody starts here."),
            ["Title line", "Body starts here."]
        );
    }

    #[test]
    fn html_furniture_is_dropped() {
        let html = "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head><body><nav>Menu</nav><p>First &amp; &ldquo;second&rdquo;.</p><footer>© me</footer><p>Third&#8212;fourth</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "T\n\nFirst & “second”.\n\nThird—fourth\n"
        );
    }

    #[test]
    fn markup_soup_gives_text_not_a_panic() {
        for soup in [
            "<p>unclosed <b>bold",
            "a < b and c > d",
            "&#xZZ; &unknown; &",
            "<<<>>>",
            "<script>never closed",
        ] {
            let _ = html_to_text(soup);
            let _ = sentences(soup);
        }
        assert_eq!(html_to_text("a < b"), "a < b\n");
    }

    #[test]
    fn slices_widen_or_narrow_to_whole_characters() {
        let text = "a—b“c”";
        // The em dash is bytes 1..4: a start inside it moves on past it, an end inside it
        // moves back to its start.
        assert_eq!(text.slice(2..), "b“c”");
        assert_eq!(text.slice(..2), "a");
        assert_eq!(text.slice(1..4), "—");
        assert_eq!(text.slice(2..3), "");
        let (late, early) = (3, 1);
        assert_eq!(text.slice(late..early), "");
        assert_eq!(text.slice(40..), "");
        assert_eq!(text.slice(..40), text);
        assert_eq!(text.slice(..=0), "a");
        assert_eq!("plain ascii".slice(6..), "ascii");
    }

    #[test]
    fn lower_case_keeps_every_offset() {
        let text = "İstanbul ȺẞRussia КИЇВ";
        let lower = lowercase_in_place(text);
        assert_eq!(lower.len(), text.len());
        assert_eq!(lower, "İstanbul Ⱥẞrussia київ");
        for (i, _) in text.char_indices() {
            assert!(lower.is_char_boundary(i));
        }
    }

    #[test]
    fn quotes_are_trimmed_and_limited() {
        let text = " one two three, ";
        let r = trim_quote(text, 0..text.len());
        assert_eq!(text.slice(r.clone()), "one two three");
        let r = limit_words(text, r, 2);
        assert_eq!(text.slice(r), "one two");
    }
}
