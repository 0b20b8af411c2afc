//! Long articles split into parts that each fit the model's context: whole paragraphs where
//! they fit, else whole sentences, else (a sentence longer than a part) runs of words. Each
//! part knows where it starts in the article, so that offsets found in it map back.

use super::prompt::estimate_tokens;
use crate::extract::text::{self, SliceText};
use std::ops::Range;

/// One part of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    /// Its byte range in the article's text.
    pub(super) bytes: Range<usize>,
    /// The character offset of its start in the article's text.
    pub(super) chars: u64,
}

/// The paragraphs of `text` (separated by blank lines) as trimmed byte ranges.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |range: Range<usize>| {
        let slice = text.slice(range.clone());
        let leading = slice.len() - slice.trim_start().len();
        let trimmed = range.start + leading..range.start + slice.trim_end().len();
        if trimmed.start < trimmed.end {
            out.push(trimmed);
        }
    };
    while let Some(found) = text.slice(start..).find("\n\n") {
        push(start..start + found);
        start += found + 2;
    }
    push(start..text.len());
    out
}

/// `range` cut into runs of words of at most `max_tokens` each (a word longer than that is
/// cut between characters).
fn word_runs(text: &str, range: Range<usize>, max_tokens: usize) -> Vec<Range<usize>> {
    let max_chars = (max_tokens * 3).max(1);
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let rest = text.slice(start..range.end);
        let Some((cut, _)) = rest.char_indices().nth(max_chars) else {
            out.push(start..range.end);
            break;
        };
        let at_space = if rest.slice(cut..).starts_with(char::is_whitespace) {
            Some(cut)
        } else {
            rest.slice(..cut)
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
        };
        let end = start + at_space.unwrap_or(cut);
        out.push(start..end);
        start =
            end + text.slice(end..range.end).len() - text.slice(end..range.end).trim_start().len();
    }
    out
}

/// The pieces no part may split: paragraphs that fit, else their sentences that fit, else
/// runs of words.
fn pieces(text: &str, max_tokens: usize) -> Vec<Range<usize>> {
    let fits = |range: &Range<usize>| estimate_tokens(text.slice(range.clone())) <= max_tokens;
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        if fits(&paragraph) {
            out.push(paragraph);
            continue;
        }
        let inside = text.slice(paragraph.clone());
        for sentence in text::sentences(inside) {
            let sentence = paragraph.start + sentence.start..paragraph.start + sentence.end;
            if fits(&sentence) {
                out.push(sentence);
            } else {
                out.extend(word_runs(text, sentence, max_tokens));
            }
        }
    }
    out
}

/// The parts of `text`, each estimated at no more than `max_tokens` tokens, in order and
/// covering every word: pieces are packed into a part as long as it fits.
pub(super) fn split(text: &str, max_tokens: usize) -> Vec<Part> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for piece in pieces(text, max_tokens) {
        match ranges.last_mut() {
            Some(last) if estimate_tokens(text.slice(last.start..piece.end)) <= max_tokens => {
                last.end = piece.end;
            }
            _ => ranges.push(piece),
        }
    }
    let mut chars = 0u64;
    let mut counted = 0;
    ranges
        .into_iter()
        .map(|bytes| {
            chars += text.slice(counted..bytes.start).chars().count() as u64;
            counted = bytes.start;
            Part { chars, bytes }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, parts: &[Part]) -> Vec<&'t str> {
        parts.iter().map(|p| &text[p.bytes.clone()]).collect()
    }

    #[test]
    fn a_short_article_is_one_part() {
        let text = "\n Russia demanded a ceasefire.\n\nUkraine refused. \n";
        let parts = split(text, 1000);
        assert_eq!(
            texts(text, &parts),
            ["Russia demanded a ceasefire.\n\nUkraine refused."]
        );
        assert_eq!(parts[0].chars, 2);
    }

    #[test]
    fn parts_end_at_paragraphs_then_sentences_and_map_back_to_character_offsets() {
        // Multi-byte characters before each part: byte and character offsets differ.
        let text = "“Première” — phrase une. Deuxième phrase ici.\n\nTroisième paragraphe, très long, qui continue encore et encore. Une autre phrase là.";
        let parts = split(text, 12);
        let got = texts(text, &parts);
        assert_eq!(
            got,
            [
                "“Première” — phrase une.",
                "Deuxième phrase ici.",
                "Troisième paragraphe, très long, qui",
                "continue encore et encore.",
                "Une autre phrase là."
            ]
        );
        for part in &parts {
            let by_chars: String = text
                .chars()
                .skip(part.chars as usize)
                .take(text[part.bytes.clone()].chars().count())
                .collect();
            assert_eq!(by_chars, &text[part.bytes.clone()]);
            assert!(estimate_tokens(&text[part.bytes.clone()]) <= 12);
        }
    }

    #[test]
    fn a_word_longer_than_a_part_is_cut_between_characters() {
        let text = "ééééééééé";
        let parts = split(text, 1);
        assert_eq!(texts(text, &parts), ["ééé", "ééé", "ééé"]);
        assert_eq!(parts[2].chars, 6);
    }
}
