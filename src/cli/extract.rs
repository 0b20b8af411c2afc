//! `negkg extract`: draft claims from an article, or measure the extractor.

use super::common::output;
use super::UsageError;
use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use negkg::extract::{
    self, ArticleInfo, Backend, CachePolicy, Lexicon, ModelBackend, ModelEvent, ModelOptions,
    ModelReport, Rules,
};
use negkg::{DataFile, Date, Input, KnowledgeGraph};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

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
///
/// With `--backend openai`, a language model drafts the claims instead, through any
/// OpenAI-compatible chat-completions server: llama.cpp's `llama-server` (endpoint
/// http://127.0.0.1:8080/v1, the default), Ollama (http://127.0.0.1:11434/v1), vLLM or a hosted
/// API, whose key is read from the environment variable named by --api-key-env. The answer is
/// held to a JSON Schema of the data's ids; a claim whose quote is not in the article is
/// dropped, and every drop is counted on standard error. Answers are cached on disk, so that a
/// second run (or `--offline`) needs no server. Nothing is written unless every part of the
/// article was answered.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg extract article.txt --published 2025-05-19 --publisher 'Financial Times' -o draft.toml
  negkg extract page.html --published 2025-06-02 --url https://example.org/a
  curl -s https://example.org/a | negkg extract - --published 2025-06-02
  negkg extract article.txt --published 2025-05-19 --load
  negkg extract --evaluate tests/eval
  negkg extract --check-annotations tests/eval/voa-2008-09-11-nigeria-mend-ceasefire/gold.toml

With a model (llama.cpp's server, Ollama, a hosted API):
  llama-server -m qwen2.5-7b-instruct-q4_k_m.gguf --port 8080 -c 8192
  negkg extract article.txt --backend openai --model qwen2.5-7b -o draft.toml
  negkg extract article.txt --backend openai --endpoint http://127.0.0.1:11434/v1 --model qwen2.5:7b
  OPENAI_API_KEY=… negkg extract article.txt --backend openai --endpoint https://api.openai.com/v1 --model gpt-4o-mini
  negkg extract --evaluate tests/eval --backend openai --model qwen2.5-7b --offline")]
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
    /// What drafts the claims: the rules (no network), or a language model behind an
    /// OpenAI-compatible chat-completions server.
    #[arg(long, value_enum, default_value_t = BackendName::Rules)]
    backend: BackendName,
    /// The server's base URL [default: http://127.0.0.1:8080/v1, llama.cpp's server; Ollama:
    /// http://127.0.0.1:11434/v1].
    #[arg(
        long,
        value_name = "URL",
        value_parser = endpoint_url,
        help_heading = "Model backend (--backend openai)"
    )]
    endpoint: Option<String>,
    /// The model's name as the server knows it (Ollama: `ollama list`); it is part of the
    /// cache key.
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "Model backend (--backend openai)"
    )]
    model: Option<String>,
    /// The environment variable holding the API key, sent as a bearer token when set (over
    /// https://, or over http:// to this machine only); keys are never taken on the command
    /// line nor cached [default: OPENAI_API_KEY].
    #[arg(
        long,
        value_name = "VAR",
        help_heading = "Model backend (--backend openai)"
    )]
    api_key_env: Option<String>,
    /// How long one request may take, in seconds; a model on a CPU may need minutes for one
    /// part [default: 600].
    #[arg(
        long,
        value_name = "SECS",
        help_heading = "Model backend (--backend openai)"
    )]
    timeout: Option<u64>,
    /// How many times a 429 or 5xx answer is asked again, waiting 1, 2, 4, … s or as long as
    /// the server's Retry-After says [default: 3].
    #[arg(
        long,
        value_name = "N",
        help_heading = "Model backend (--backend openai)"
    )]
    retries: Option<u32>,
    /// The model's context in tokens (as the server was started with: llama-server -c,
    /// Ollama's num_ctx). Articles are split into parts so that instructions, schema, a part
    /// and its answer fit, counting a token per three characters [default: 8192].
    #[arg(
        long,
        value_name = "N",
        help_heading = "Model backend (--backend openai)"
    )]
    context_tokens: Option<usize>,
    /// Where answers are cached [default: $XDG_CACHE_HOME/negkg, else ~/.cache/negkg].
    #[arg(
        long,
        value_name = "DIR",
        help_heading = "Model backend (--backend openai)"
    )]
    cache: Option<PathBuf>,
    /// Neither read nor keep cached answers.
    #[arg(long, conflicts_with_all = ["cache", "offline"], help_heading = "Model backend (--backend openai)")]
    no_cache: bool,
    /// Use cached answers only: fail, naming the part, rather than ask the server.
    #[arg(long, help_heading = "Model backend (--backend openai)")]
    offline: bool,
}

/// What drafts the claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BackendName {
    /// The rules: dictionaries, trigger phrases and verb classes.
    Rules,
    /// A model behind an OpenAI-compatible chat-completions server.
    Openai,
}

/// The model backend the options ask for (`None` for the rules), with the progress bar it
/// shows on a terminal (to be cleared when it is done).
fn model_backend(args: &Args) -> anyhow::Result<Option<(ModelBackend, ProgressBar)>> {
    if args.backend == BackendName::Rules {
        let given = [
            ("--endpoint", args.endpoint.is_some()),
            ("--model", args.model.is_some()),
            ("--api-key-env", args.api_key_env.is_some()),
            ("--timeout", args.timeout.is_some()),
            ("--retries", args.retries.is_some()),
            ("--context-tokens", args.context_tokens.is_some()),
            ("--cache", args.cache.is_some()),
            ("--no-cache", args.no_cache),
            ("--offline", args.offline),
        ];
        if let Some((flag, _)) = given.iter().find(|(_, given)| *given) {
            return Err(UsageError(format!("{flag} is an option of the model backend\n  help: add --backend openai (the rules need no server)")).into());
        }
        return Ok(None);
    }
    let Some(model) = &args.model else {
        return Err(UsageError("--backend openai needs --model NAME: the model's name as the server knows it (Ollama: `ollama list`; llama.cpp's server takes any name)".into()).into());
    };
    let endpoint = args
        .endpoint
        .as_deref()
        .unwrap_or("http://127.0.0.1:8080/v1");
    let mut options = ModelOptions::new(endpoint, model);
    if let Some(name) = &args.api_key_env {
        options.api_key_env = name.clone();
    }
    options.api_key = std::env::var(&options.api_key_env)
        .ok()
        .filter(|key| !key.trim().is_empty());
    if let Some(seconds) = args.timeout {
        if seconds == 0 {
            return Err(UsageError(
                "--timeout 0: give the seconds one request may take, such as 600".into(),
            )
            .into());
        }
        options.timeout = Duration::from_secs(seconds);
    }
    if let Some(retries) = args.retries {
        options.retries = retries;
    }
    if let Some(tokens) = args.context_tokens {
        options.context_tokens = tokens;
    }
    options.cache = if args.no_cache {
        CachePolicy::Off
    } else {
        let dir = match args.cache.clone().or_else(extract::default_cache_dir) {
            Some(dir) => dir,
            None => bail!("no folder for the cache: neither XDG_CACHE_HOME nor HOME is set\n  help: give one with --cache DIR, or --no-cache"),
        };
        if args.offline {
            CachePolicy::Offline(dir)
        } else {
            CachePolicy::Use(dir)
        }
    };
    let bar = progress_bar();
    let backend = ModelBackend::new(options).on_event(progress_listener(bar.clone()));
    Ok(Some((backend, bar)))
}

/// A bar counting the parts of articles answered, on a terminal; hidden elsewhere.
fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} parts ({elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// Moves `bar` on as the model answers, and says each retry (above the bar on a terminal).
fn progress_listener(bar: ProgressBar) -> impl Fn(&ModelEvent) {
    move |event| match event {
        ModelEvent::Started { parts } => bar.inc_length(*parts as u64),
        ModelEvent::Asking { part, parts } => {
            bar.set_message(format!("asking the model (part {part} of {parts})"));
        }
        ModelEvent::Retrying(retry) => {
            let line = format!(
                "negkg: the model server answered {}; asking again in {:.1} s (attempt {})",
                retry.status,
                retry.wait.as_secs_f64(),
                retry.attempt
            );
            if bar.is_hidden() {
                eprintln!("{line}");
            } else {
                bar.println(line);
            }
        }
        ModelEvent::Answered { .. } => bar.inc(1),
    }
}

/// Says on standard error what the model answered and what was dropped.
fn print_report(report: &ModelReport) {
    let mut lines = vec![format!(
        "the model answered {} claims in {} parts ({} from the cache, {} requests to the server): {} kept, {} dropped ({} with a quote not in the article, {} with a quote too short, {} of unknown kind, {} with an unknown action, {} with no holder, {} repeated, {} no claim)",
        report.answered,
        report.parts,
        report.from_cache,
        report.requests,
        report.kept,
        report.dropped(),
        report.quote_not_in_text,
        report.quote_too_short,
        report.unknown_kind,
        report.unknown_action,
        report.no_holder,
        report.repeated,
        report.not_claims,
    )];
    lines.push(format!(
        "{} unknown ids left out, {} unknown actions mapped, {} new actors proposed; about {} prompt tokens by the estimate{}",
        report.unknown_ids,
        report.mapped_actions,
        report.proposed_actors,
        report.estimated_prompt_tokens,
        if report.prompt_tokens + report.completion_tokens > 0 {
            format!(
                ", {} in and {} out as the server counted",
                report.prompt_tokens, report.completion_tokens
            )
        } else {
            String::new()
        }
    ));
    for note in &report.notes {
        lines.push(format!("  {note}"));
    }
    eprintln!("{}", lines.join("\n"));
}

/// An endpoint given as an HTTP(S) URL with a host (a typo would otherwise be reported as a
/// server that cannot be reached).
fn endpoint_url(text: &str) -> Result<String, String> {
    let url = text.trim();
    let host = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(host) if !host.is_empty() => Ok(url.to_owned()),
        _ => Err(format!(
            "{text:?} is no server URL: give its base URL with http:// or https://, such as http://127.0.0.1:8080/v1 (llama.cpp) or http://127.0.0.1:11434/v1 (Ollama)"
        )),
    }
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
        let checked = extract::check_annotations(path, &reference, &lexicon)?;
        let (files, claims) = (checked.files, checked.claims);
        if checked.texts_missing.is_empty() {
            println!("{files} annotation files, {claims} claims: every id is known and every quote is at its offsets");
        } else {
            println!("{files} annotation files, {claims} claims: every id is known; quotes are at their offsets where the article's text was found");
            for path in &checked.texts_missing {
                eprintln!(
                    "warning: no article text at {}: its annotations' offsets are not checked",
                    path.display()
                );
            }
        }
        for path in &checked.old_scheme {
            eprintln!(
                "warning: {} is in the old scheme (free-text holders and `object`), not checked\n  help: annotate it again to tests/eval/GUIDELINES.md: actor ids in `holder`, action ids in `action`",
                path.display()
            );
        }
        return Ok(());
    }
    let model = model_backend(&args)?;
    if let Some(dir) = &args.evaluate {
        let backend: &dyn Backend = match &model {
            Some((model, _)) => model,
            None => &Rules,
        };
        let evaluation = extract::evaluate(dir, backend, &lexicon, &reference, args.min_confidence);
        if let Some((model, bar)) = &model {
            bar.finish_and_clear();
            print_report(&model.totals());
        }
        let evaluation = evaluation?;
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
    let mut draft = match &model {
        Some((model, bar)) => {
            let drafted = model.draft_article(&text, &info, &lexicon, &reference);
            bar.finish_and_clear();
            let (draft, report) = drafted?;
            print_report(&report);
            draft
        }
        None => extract::extract(&text, &info, &lexicon, &reference),
    };
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
