//! `negkg review`: a draft beside its article in the browser, to accept, edit or reject each
//! claim before it enters the graph.

use anyhow::bail;
use negkg::serve::review::{serve, Review, ReviewOptions};
use negkg::DataFile;
use std::path::{Path, PathBuf};

/// The largest article or draft read.
const MAX_INPUT: u64 = 64 << 20;

/// Review a draft from `negkg extract` in the browser: the article with each claim's evidence
/// marked, and each claim with the data's actors, actions, places and issues to choose from.
///
/// Accept, edit or reject each claim, or add one by selecting words in the article. Saving
/// writes the accepted claims, their source and the new actors and actions they use as a data
/// file, under data/sources/ by default, after the checks `negkg validate` makes: a file that
/// would not validate is not written, and the page lists what to fix. An existing file is
/// replaced only when you confirm it.
///
/// The page is served on 127.0.0.1 only, for the browser of this machine; stop with Ctrl-C.
/// ARTICLE is the text or HTML file the draft was made from: its evidence offsets count
/// characters in that text.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  negkg extract article.txt --published 2025-05-19 -o draft.toml
  negkg review article.txt draft.toml       # saves to data/sources/<source id>.toml
  negkg review page.html draft.toml --out reviewed.toml --port 8090")]
pub(crate) struct Args {
    /// The article the draft was made from (text or HTML).
    #[arg(value_name = "ARTICLE")]
    article: PathBuf,
    /// The draft: a data file as `negkg extract` writes it.
    #[arg(value_name = "DRAFT")]
    draft: PathBuf,
    /// Where saving writes (default: data/sources/<source id>.toml, from the current folder).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// The port on 127.0.0.1 (default 0: a free one; the address is printed).
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    port: u16,
    /// Let `?steps=` in the page's address drive the page (for tests in a browser).
    #[arg(long, hide = true)]
    scripted_steps: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let article = read_text(&args.article, "article")?;
    let draft = DataFile::new(
        args.draft.display().to_string(),
        read_text(&args.draft, "draft")?,
    );
    // A draft that is itself a bundled data file is read in its place, not beside it.
    let reference: Vec<DataFile> = negkg::bundled_data_files()
        .into_iter()
        .filter(|file| !args.draft.ends_with(&file.name))
        .collect();
    let review = Review::open(
        &args.article.display().to_string(),
        &article,
        &draft,
        reference,
        args.out.clone(),
    )?;
    check_folder(review.out(), args.out.is_none())?;
    let (claims, missing) = review.quotes_not_found();
    if missing > 0 {
        eprintln!(
            "warning: {missing} of {claims} quotes in the draft are not in {}: is it the article the draft was made from?",
            args.article.display()
        );
    }
    let options = ReviewOptions {
        port: args.port,
        scripted_steps: args.scripted_steps,
        ..ReviewOptions::default()
    };
    let out = review.out().to_owned();
    serve(review, &options, |address| {
        eprintln!(
            "negkg review: open http://{address}/ in a browser to review {claims} claims; saving writes {} (Ctrl-C to stop)",
            out.display()
        );
    })?;
    Ok(())
}

fn read_text(path: &Path, what: &str) -> anyhow::Result<String> {
    let io = |source| negkg::Error::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_INPUT {
        bail!(
            "{}: {} MB is too large for one {what} (the limit is {} MB)",
            path.display(),
            size >> 20,
            MAX_INPUT >> 20
        );
    }
    let bytes = std::fs::read(path).map_err(io)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) if what == "article" => {
            let valid = error.utf8_error().valid_up_to();
            eprintln!("warning: the article is not valid UTF-8 (first bad byte at {valid}); invalid bytes are replaced by U+FFFD, as `negkg extract` does");
            Ok(String::from_utf8_lossy(error.as_bytes()).into_owned())
        }
        Err(error) => {
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let location = negkg::Location::from_offset(
                &path.display().to_string(),
                &text,
                error.utf8_error().valid_up_to(),
            );
            Err(negkg::Error::Data(negkg::DataErrors(vec![negkg::DataError {
                location,
                message: "the draft is not valid UTF-8".into(),
                help: Some("save the file as UTF-8".into()),
            }]))
            .into())
        }
    }
}

/// The folder the review saves to must exist before the analyst starts, and the file to save
/// must not be a folder.
fn check_folder(out: &Path, default: bool) -> anyhow::Result<()> {
    if out.is_dir() {
        bail!(
            "{} is a folder: saving needs a file
  help: give --out FOLDER/NAME.toml",
            out.display()
        );
    }
    let folder = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => return Ok(()),
    };
    if folder.is_dir() {
        return Ok(());
    }
    if default {
        bail!(
            "there is no folder {} here to save the review in\n  help: run negkg review from a negkg checkout, or give --out FILE",
            folder.display()
        );
    }
    bail!(
        "the folder {} does not exist\n  help: create it, or give another --out FILE",
        folder.display()
    )
}
