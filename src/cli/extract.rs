//! `negkg extract`: draft claims from an article, or measure the extractor.

use super::common::output;
use anyhow::{bail, Context};
use negkg::extract::{self, ArticleInfo, Lexicon};
use negkg::{DataFile, Date, Input, KnowledgeGraph};
use std::io::{Read, Write};
use std::path::PathBuf;

/// The largest input read; longer ones are refused with a message.
const MAX_INPUT: u64 = 64 << 20;

/// Draft claims from a news article (plain text or HTML) as a data file for review: actors
/// matched against the known ones and their aliases, claims with kind, holder, addressee,
/// action, place, condition, modality, date and the exact quote with character offsets, each
/// with the rule that produced it and its confidence.
///
/// The draft validates and loads as it is (`--load`, or `negkg load` of the file). Lexicons
/// and patterns are data files: `extract/lexicon.toml`, `extract/patterns.toml` and
/// `extract/verbs.toml` (verb classes, inflected from their base form), extended with
/// `--lexicon FILE`. With --evaluate, measures precision and recall on an annotated set, on
/// the strict match (holder, kind, action) and the lenient one (kind, holder, overlapping
/// evidence).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg extract article.txt --published 2025-05-19 --publisher 'Financial Times' -o draft.toml
  negkg extract page.html --published 2025-06-02 --url https://example.org/a
  curl -s https://example.org/a | negkg extract - --published 2025-06-02
  negkg extract article.txt --published 2025-05-19 --load
  negkg extract --evaluate tests/eval
  negkg extract --check-annotations tests/eval/voa-2008-09-11-nigeria-mend-ceasefire/gold.toml")]
pub(crate) struct Args {
    /// The article: a text or HTML file, or - for standard input.
    #[arg(value_name = "ARTICLE", required_unless_present_any = ["evaluate", "check_annotations"])]
    article: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD): relative dates are resolved against it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// The publisher: a known actor's id or name, or a new name.
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    /// Where the article can be read.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// The title (default: the first line).
    #[arg(long, value_name = "TITLE")]
    title: Option<String>,
    /// More lexicon or pattern files (same format as extract/*.toml); repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Write the draft to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also validate the draft with the bundled data and load it into memory (or --store).
    #[arg(long)]
    load: bool,
    /// With --load: the on-disk store to load into.
    #[arg(long, value_name = "DIR", requires = "load")]
    store: Option<PathBuf>,
    /// Measure the extractor on an annotated set (a folder of articles with gold claims).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["article", "load"])]
    evaluate: Option<PathBuf>,
    /// Check the annotations (gold.toml, second.toml) of an evaluation set, an article folder
    /// or one file against tests/eval/GUIDELINES.md: ids known or declared, quotes at their
    /// offsets. Prints every problem with file:line:column; --evaluate runs the same checks.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["article", "load", "evaluate"])]
    check_annotations: Option<PathBuf>,
    /// With --evaluate: list the missed gold claims and the unmatched drafts of the articles
    /// used to write the rules (never of the held-out ones).
    #[arg(long, requires = "evaluate")]
    explain: bool,
    /// Keep only the claims drafted with at least this confidence (0 to 1; default 0, all).
    /// Fewer, surer lines: `--evaluate` prints precision and recall at several levels.
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = confidence)]
    min_confidence: f64,
}

fn confidence(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{text:?} is not a confidence: give a number from 0 to 1, such as 0.7"
        )),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let reference =
        negkg::parse_dataset(&negkg::bundled_data_files()).map_err(negkg::Error::Data)?;
    let mut extra = Vec::new();
    for path in &args.lexicon {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the lexicon {}", path.display()))?;
        extra.push(DataFile::new(path.display().to_string(), text));
    }
    let lexicon = Lexicon::new(&reference, &extra)?;
    if let Some(path) = &args.check_annotations {
        let (files, claims) = extract::check_annotations(path, &reference, &lexicon)?;
        println!("{files} annotation files, {claims} claims: every id is known and every quote is at its offsets");
        return Ok(());
    }
    if let Some(dir) = &args.evaluate {
        let evaluation = extract::evaluate(dir, &lexicon, &reference, args.min_confidence)?;
        let agreement = extract::agreement(dir, &lexicon, &reference)?;
        let mut out = std::io::stdout().lock();
        out.write_all(extract::report(&evaluation, &agreement, args.explain).as_bytes())?;
        return Ok(());
    }
    let Some(article) = &args.article else {
        bail!("give an ARTICLE file, or - for standard input");
    };
    let bytes = if article.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut bytes)
            .context("cannot read the article from standard input")?;
        bytes
    } else {
        let size = std::fs::metadata(article)
            .map_err(|source| negkg::Error::Io {
                path: article.clone(),
                source,
            })?
            .len();
        if size > MAX_INPUT {
            bail!("{}: {} MB is too large for one article (the limit is {} MB)\n  help: split it into articles", article.display(), size >> 20, MAX_INPUT >> 20);
        }
        std::fs::read(article).map_err(|source| negkg::Error::Io {
            path: article.clone(),
            source,
        })?
    };
    if bytes.len() as u64 > MAX_INPUT {
        bail!(
            "the input is larger than {} MB\n  help: split it into articles",
            MAX_INPUT >> 20
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            eprintln!("warning: the article is not valid UTF-8 (first bad byte at {valid}); invalid bytes are replaced by U+FFFD");
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    if text.trim().is_empty() {
        bail!("the article is empty");
    }
    let published = args
        .published
        .as_deref()
        .map(|d| {
            d.parse::<Date>()
                .map_err(|e| anyhow::anyhow!("--published: {e}"))
        })
        .transpose()?;
    if published.is_none() {
        eprintln!("warning: no --published date: relative dates stay unresolved (1970-01-01); give the article's date");
    }
    let info = ArticleInfo {
        published,
        publisher: args.publisher.clone(),
        url: args.url.clone(),
        title: args.title.clone(),
    };
    let mut draft = extract::extract(&text, &info, &lexicon, &reference);
    let drafted = draft.claims.len();
    draft.keep_confident(args.min_confidence);
    if draft.claims.len() < drafted {
        eprintln!(
            "{} claims drafted below confidence {} left out",
            drafted - draft.claims.len(),
            args.min_confidence
        );
    }
    let toml = draft.to_toml();
    eprintln!("{} claims drafted", draft.claims.len());
    if args.load {
        let mut input = Input::bundled();
        input.add_data_file(DataFile::new("the draft", toml.clone()));
        let prepared = input.prepare()?;
        let graph = match &args.store {
            Some(dir) => KnowledgeGraph::open(dir)?,
            None => KnowledgeGraph::in_memory()?,
        };
        let report = graph.load_prepared(&prepared)?;
        eprintln!(
            "the draft validates and loads: {} claims in all, {} quads",
            report.claims, report.quads
        );
    }
    let mut out = output(args.output.as_ref())?;
    out.write_all(toml.as_bytes())?;
    out.flush()?;
    Ok(())
}
