//! Finding the model's quote in the article. A quote must occur in the text as it stands; the
//! comparison forgives only what models change when they copy: every run of white space
//! (spaces, line breaks, non-breaking spaces) counts as one space, curly and straight quotation
//! marks and apostrophes are the same, and so are hyphens, en and em dashes and the minus sign.
//! Letters, case, punctuation and every word must match. The evidence written is the article's
//! own text at the place found, never the model's copy.

use std::ops::Range;

/// A character as quotes are compared.
fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// `text` folded for comparison, with the character offset in `text` of each folded character.
fn fold(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut at = Vec::new();
    for (index, c) in text.chars().enumerate() {
        let folded = fold_char(c);
        if folded == ' ' && chars.last() == Some(&' ') {
            continue;
        }
        chars.push(folded);
        at.push(index);
    }
    (chars, at)
}

/// Where `quote` first occurs in `text`, as a range of character offsets; also when the model
/// put quotation marks around it that the text does not have. `None` when it does not occur
/// (or is empty).
pub(super) fn find_quote(text: &str, quote: &str) -> Option<Range<usize>> {
    let (haystack, at) = fold(text);
    let (needle, _) = fold(quote.trim());
    let inner = needle
        .strip_prefix(&['"'])
        .and_then(|n| n.strip_suffix(&['"']))
        .map(|n| {
            n.iter()
                .copied()
                .skip_while(|c| *c == ' ')
                .collect::<Vec<char>>()
        });
    for needle in std::iter::once(needle.clone()).chain(inner) {
        let needle: &[char] = needle.strip_suffix(&[' ']).unwrap_or(&needle);
        if needle.is_empty() || needle.len() > haystack.len() {
            continue;
        }
        if let Some(start) = haystack.windows(needle.len()).position(|w| w == needle) {
            let last = start + needle.len() - 1;
            return Some(at[start]..at[last] + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, quote: &str) -> Option<String> {
        find_quote(text, quote).map(|r| text.chars().skip(r.start).take(r.len()).collect())
    }

    #[test]
    fn a_quote_is_found_as_it_stands_in_the_text() {
        let text = "Moscow — on Monday — said: “We will not yield.”\nKyiv  refused.";
        assert_eq!(
            found(text, "We will not yield.").as_deref(),
            Some("We will not yield.")
        );
        // Dashes, curly quotes and white space are forgiven; the article's own text is kept.
        assert_eq!(
            found(text, "Moscow - on Monday - said: \"We will").as_deref(),
            Some("Moscow — on Monday — said: “We will")
        );
        assert_eq!(
            found(text, "yield.” Kyiv refused").as_deref(),
            Some("yield.”\nKyiv  refused")
        );
        // Quotation marks the model added around a quote.
        assert_eq!(
            found(text, "“Kyiv refused.”").as_deref(),
            Some("Kyiv  refused.")
        );
        assert_eq!(find_quote(text, "Moscow — on Monday — said"), Some(0..25));
    }

    #[test]
    fn a_changed_word_case_or_an_ellipsis_is_not_found() {
        let text = "Russia demanded that Ukraine withdraw from Kherson.";
        assert_eq!(
            find_quote(text, "Russia demands that Ukraine withdraw"),
            None
        );
        assert_eq!(find_quote(text, "russia demanded"), None);
        assert_eq!(find_quote(text, "Russia demanded … from Kherson"), None);
        assert_eq!(find_quote(text, "  "), None);
        assert_eq!(find_quote(text, ""), None);
    }
}
