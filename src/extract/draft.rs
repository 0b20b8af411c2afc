//! The extractor's output: the article's details given by the caller, the drafted claims with
//! their confidence and rule, and the draft data file written from them for review.

use crate::model::{Action, Actor, Claim, Dataset, Date, ObjectRef, Source};
use std::fmt::Write;

/// What is known about the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInfo {
    /// Publication date: relative dates ("on Friday", "last week") are resolved against it.
    pub published: Option<Date>,
    /// The publisher's name or actor id.
    pub publisher: Option<String>,
    /// Where the article can be read.
    pub url: Option<String>,
    /// Its title (else the first line of the text).
    pub title: Option<String>,
}

/// One drafted claim with the reviewer's notes.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftClaim {
    /// The claim, in the data model.
    pub claim: Claim,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f64,
    /// The rule that produced it: kind and trigger phrase.
    pub rule: String,
}

/// A draft data file: a source, the new actors and actions it needs, and its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The text the offsets refer to (the input, or the text of an HTML page).
    pub text: String,
    /// The source.
    pub source: Source,
    /// Actors the data does not define yet.
    pub new_actors: Vec<Actor>,
    /// Actions the data does not define yet.
    pub new_actions: Vec<Action>,
    /// The claims.
    pub claims: Vec<DraftClaim>,
}

/// Text fit for a TOML comment: one line, no control characters (TOML refuses them there).
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

impl Draft {
    /// Drops the claims drafted with less than `min_confidence` (0 keeps all), and the new
    /// actors and actions only they used: a draft for a reviewer who wants fewer, surer lines.
    pub fn keep_confident(&mut self, min_confidence: f64) {
        self.claims.retain(|c| c.confidence >= min_confidence);
        let used_actor = |id: &str| {
            self.claims.iter().any(|c| {
                let claim = &c.claim;
                claim.holder == id
                    || claim.voiced_by.as_deref() == Some(id)
                    || claim.addressees.iter().any(|a| a == id)
                    || claim.evidence.iter().any(|e| e.reported_by == id)
                    || matches!(&claim.object, Some(ObjectRef::Actor(a)) if a == id)
            }) || self.source.publisher == id
                || self.source.authors.iter().any(|a| a == id)
        };
        let actors: Vec<bool> = self.new_actors.iter().map(|a| used_actor(&a.id)).collect();
        let mut keep = actors.into_iter();
        self.new_actors.retain(|_| keep.next().unwrap_or(true));
        let claims = &self.claims;
        self.new_actions
            .retain(|a| claims.iter().any(|c| c.claim.action == a.id));
    }

    /// The draft as a data file: a header for the reviewer, the source, new actors and actions,
    /// and each claim with its confidence and rule as comments. It loads as it is.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Draft made by `negkg extract`: {} claims from \"{}\".\n# Review every claim: check holder, kind, action, addressee, places and dates against the\n# quote; add issues and events; raise `label` to a readable sentence; delete what is wrong.\n# Offsets count Unicode characters in the text the extractor read.\n",
            self.claims.len(),
            comment_text(&self.source.title)
        );
        let head = Dataset {
            actors: self.new_actors.clone(),
            actions: self.new_actions.clone(),
            ..Dataset::default()
        };
        out.push_str(&crate::dataset::to_toml(&head));
        let body = Dataset {
            sources: vec![self.source.clone()],
            claims: self.claims.iter().map(|c| c.claim.clone()).collect(),
            ..Dataset::default()
        };
        let text = crate::dataset::to_toml(&body);
        // Put each claim's confidence and rule above it.
        let mut index = 0;
        for line in text.lines() {
            if line == "[[claim]]" {
                if let Some(claim) = self.claims.get(index) {
                    let _ = writeln!(
                        out,
                        "# confidence {:.2} · rule {}",
                        claim.confidence,
                        comment_text(&claim.rule)
                    );
                }
                index += 1;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}
