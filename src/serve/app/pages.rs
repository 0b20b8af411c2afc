//! The pages as HTML, written with maud's templates (checked at compile time; every value
//! escaped). Each handler reads what it shows — from the claim index where an analysis exists,
//! else by bounded look-ups — and pages every list.

use super::data::{self, Catalogue, ClaimLine, Kind, Property, ID_BASE};
use super::{internal, Answer, Context, Page, PER_PAGE};
use crate::analysis::{run_fast_page, Solutions};
use crate::query::compact_iri;
use crate::vocab;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use oxigraph::model::{Literal, NamedNode, Term};
use std::collections::BTreeMap;

/// Which part of the site a page belongs to (for the navigation bar).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Conflicts,
    CommonGround,
    Graph,
    Search,
    Resource,
}

/// The page around `body`: the navigation bar with the search box, and links to the RDF of a
/// resource when `rdf` is its path. The bar's pages keep the negotiation chosen.
fn layout(
    context: &Context,
    title: &str,
    section: Section,
    rdf: Option<&str>,
    body: Markup,
) -> String {
    let keep = query_of(context, &["negotiation"]);
    let nav = [
        ("/", "Overview", Section::Overview),
        ("/conflicts", "Conflicts", Section::Conflicts),
        ("/common-ground", "Common ground", Section::CommonGround),
        ("/graph", "Graph", Section::Graph),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — negkg" }
                link rel="stylesheet" href="/app.css";
                @if let Some(path) = rdf {
                    link rel="alternate" type="text/turtle" href={ (path) ".ttl" };
                    link rel="alternate" type="application/ld+json" href={ (path) ".jsonld" };
                }
                script src="/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header.top {
                    nav aria-label="Main" {
                        a.brand href="/" { "negkg" }
                        ul {
                            @for (href, name, s) in nav {
                                li {
                                    @if s == section {
                                        a href={ (href) (keep) } aria-current="page" { (name) }
                                    } @else {
                                        a href={ (href) (keep) } { (name) }
                                    }
                                }
                            }
                            li { a href="/sparql" { "SPARQL" } }
                        }
                        form.search role="search" action="/search" method="get" {
                            label.visually-hidden for="q" { "Search by name" }
                            input #q type="search" name="q" placeholder="Search names  ( / )" autocomplete="off";
                            button type="submit" { "Search" }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
                footer {
                    @if let Some(path) = rdf {
                        p {
                            "This resource as RDF: "
                            a href={ (path) ".ttl" } { "Turtle" } " · "
                            a href={ (path) ".jsonld" } { "JSON-LD" } " · "
                            a href={ (path) ".nt" } { "N-Triples" } " · "
                            a href={ (path) ".rdf" } { "RDF/XML" }
                            " (or ask for it with the Accept header)."
                        }
                    }
                    p { "negkg: a knowledge graph of negotiation positions. Every claim links to its evidence." }
                }
            }
        }
    }
    .into_string()
}

/// The local path of an IRI of negkg's (`/id/actor/russia`), if it is one.
fn local_path(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID_BASE).filter(|p| p.starts_with("/id/"))
}

/// The IRI of a compact one (`claim:x`) or of an IRI.
fn expand(text: &str) -> String {
    if let Some((prefix, local)) = text.split_once(':') {
        if let Some((_, ns)) = vocab::PREFIXES.iter().find(|(p, _)| *p == prefix) {
            return format!("{ns}{local}");
        }
    }
    text.trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned()
}

/// A link to a resource: to its page when it is negkg's, out when it is on the web.
fn link(iri: &str, label: &str) -> Markup {
    let iri = expand(iri);
    let shown = if label.is_empty() {
        compact_iri(&iri)
    } else {
        label.to_owned()
    };
    html! {
        @if let Some(path) = local_path(&iri) {
            a href=(path) { (shown) }
        } @else if iri.starts_with("http://") || iri.starts_with("https://") {
            a href=(iri) rel="noopener noreferrer" { (shown) }
        } @else {
            (shown)
        }
    }
}

/// A claim's kind (or stance: "threat (hypothetical)") as a coloured badge.
fn kind_badge(kind: &str) -> Markup {
    let class = kind.split(' ').next().unwrap_or_default();
    html! { span class={ "kind k-" (class) } { (kind) } }
}

fn quote(text: &str) -> Markup {
    html! {
        @if !text.is_empty() { q { (text) } }
    }
}

/// A quote in the sentence of the source it stands in, the quote marked; the quote alone when
/// no sentence is recorded (or the sentence does not hold it word for word).
fn quote_in_sentence(quote: &str, sentence: &str) -> Markup {
    match sentence.split_once(quote) {
        Some((before, after)) if !quote.is_empty() => html! {
            blockquote.sentence { (before) mark { (quote) } (after) }
        },
        _ => html! { blockquote { (quote) } },
    }
}

/// "Page 2 of 7" with links to the pages around, keeping the other parameters.
fn pager(context: &Context, page: usize, total: usize) -> Markup {
    let pages = total.div_ceil(PER_PAGE).max(1);
    html! {
        @if pages > 1 {
            nav.pager aria-label="Pages" {
                @if page > 1 {
                    a rel="prev" href=(context.with("page", Some(&(page - 1).to_string()))) { "← Previous" }
                }
                span { "Page " (page) " of " (pages) " (" (total) " in all)" }
                @if page < pages {
                    a rel="next" href=(context.with("page", Some(&(page + 1).to_string()))) { "Next →" }
                }
            }
        }
    }
}

/// The rows of `page` out of `total`, or a 404 past the last page.
fn page_bounds(page: usize, total: usize) -> std::result::Result<(usize, usize), Answer> {
    let pages = total.div_ceil(PER_PAGE).max(1);
    if page > pages {
        return Err(Answer::text(
            404,
            format!("there is no page {page}: the list has {pages} page(s) of {PER_PAGE}"),
        ));
    }
    let start = (page - 1) * PER_PAGE;
    Ok((start, (start + PER_PAGE).min(total)))
}

fn date_term(date: crate::model::Date) -> Term {
    Literal::new_typed_literal(date.to_string(), oxigraph::model::vocab::xsd::DATE).into()
}

/// The fast analysis `name` with bindings, a page of it and its total.
fn analysis_page(
    context: &Context,
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
) -> std::result::Result<(Solutions, usize), Answer> {
    // With a negotiation chosen, the analysis reads its index and says so in its bindings
    // (the kept pages are kept under them).
    let mut bindings = bindings.to_vec();
    if let Some(chosen) = &context.negotiation {
        bindings.push((
            crate::analysis::NEGOTIATION_PARAMETER,
            chosen.iri.clone().into(),
        ));
    }
    let bindings = bindings.as_slice();
    if let Err(error) =
        crate::analysis::check_rows_held(&context.index, name, bindings, offset, limit)
    {
        return Err(Answer::text(400, error.to_string()));
    }
    let run = || {
        run_fast_page(&context.index, name, bindings, offset, limit)
            .ok_or_else(|| internal(format!("the analysis {name} takes no such parameters")))
    };
    if limit.is_some() && WHOLE_DATASET.contains(&name) {
        // A page of a whole-dataset analysis is kept for the next visit (a few rows each).
        let key = page_key(name, bindings, offset, limit);
        let kept = context.app.page(context.graph.generation(), key, run)?;
        return Ok((kept.0.clone(), kept.1));
    }
    run()
}

/// The analyses that read the whole dataset whatever their filters.
const WHOLE_DATASET: [&str; 2] = ["conflicts", "common-ground"];

/// The first pages the overview and the list pages show without filters, made when the server
/// starts (see `App::prepare`).
pub(super) const WHOLE_DATASET_FIRST_PAGES: [(&str, usize); 4] = [
    ("conflicts", 5),
    ("common-ground", 5),
    ("conflicts", PER_PAGE),
    ("common-ground", PER_PAGE),
];

/// What a page of an analysis is kept under.
pub(super) fn page_key(
    name: &str,
    bindings: &[(&str, Term)],
    offset: usize,
    limit: Option<usize>,
) -> String {
    format!("{name} {bindings:?} {offset} {limit:?}")
}

/// The standing positions (as of a day), for one actor or issue or all.
fn positions(
    context: &Context,
    as_of: Option<crate::model::Date>,
) -> std::result::Result<std::sync::Arc<Solutions>, Answer> {
    context.app.positions(
        context.graph.generation(),
        (as_of, context.negotiation.as_ref().map(|n| n.iri.clone())),
        || {
            let bindings: Vec<(&str, Term)> =
                as_of.map(|d| ("asOf", date_term(d))).into_iter().collect();
            Ok(analysis_page(context, "positions", &bindings, 0, None)?.0)
        },
    )
}

/// The rows of `solutions` whose `variable` is `iri` (a scan of terms, with no text made).
fn rows_with(solutions: &Solutions, variable: &str, iri: &NamedNode) -> Vec<usize> {
    let Some(column) = solutions.variables.iter().position(|v| v == variable) else {
        return Vec::new();
    };
    (0..solutions.len())
        .filter(|&r| matches!(&solutions.rows[r][column], Some(Term::NamedNode(n)) if n == iri))
        .collect()
}

fn stance(solutions: &Solutions, row: usize) -> String {
    let kind = solutions.text(row, "kind");
    let modality = solutions.text(row, "modality");
    if modality.is_empty() || modality == "asserted" {
        kind
    } else {
        format!("{kind} ({modality})")
    }
}

// ---------------------------------------------------------------------------------------
// Overview

/// Most parties and issues the overview's matrix shows.
const MATRIX_ACTORS: usize = 12;
const MATRIX_ISSUES: usize = 6;

pub(super) fn overview(context: &Context) -> Page {
    let catalogue = &context.catalogue;
    let as_of = context.date("asOf")?;
    let standing = positions(context, as_of)?;
    // The main issues: those most parties hold a position on; the parties: those with most.
    let mut by_issue: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut by_actor: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for row in 0..standing.len() {
        let issue = by_issue
            .entry(standing.text(row, "issue"))
            .or_insert_with(|| (standing.text(row, "issueLabel"), 0));
        issue.1 += 1;
        let actor = by_actor
            .entry(standing.text(row, "actor"))
            .or_insert_with(|| (standing.text(row, "actorLabel"), 0));
        actor.1 += 1;
    }
    let top = |map: BTreeMap<String, (String, usize)>, n: usize| {
        let mut items: Vec<(String, String, usize)> =
            map.into_iter().map(|(k, (l, c))| (k, l, c)).collect();
        items.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
        items.truncate(n);
        items
    };
    let issues = top(by_issue, MATRIX_ISSUES);
    let actors = top(by_actor, MATRIX_ACTORS);
    let mut cells: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for row in 0..standing.len() {
        cells
            .entry((standing.text(row, "actor"), standing.text(row, "issue")))
            .or_default()
            .push(row);
    }
    // One negotiation's totals come from its claims; the whole store's from the catalogue.
    let summary = context
        .negotiation
        .as_ref()
        .map(|_| context.index.summary(catalogue.latest.len().max(8)));
    let latest = summary.as_ref().map_or(&catalogue.latest, |s| &s.latest);
    let latest = data::claim_lines(context.graph, latest).map_err(internal)?;
    let (conflicts, conflict_total) = analysis_page(context, "conflicts", &[], 0, Some(5))?;
    let (ground, ground_total) = analysis_page(context, "common-ground", &[], 0, Some(5))?;
    let body = html! {
        @if let Some(chosen) = &context.negotiation {
            h1 { (chosen.name) " at a glance" }
        } @else {
            h1 { "The negotiation at a glance" }
        }
        (negotiation_bar(context))
        p.lead {
            @if let Some(summary) = &summary {
                (summary.claims) " claims from " (summary.sources) " sources"
                @if let (Some(first), Some(last)) = (&summary.first, &summary.last) {
                    ", stated between " (first) " and " (last)
                }
                "; " (summary.holders) " actors hold them."
            } @else {
                (catalogue.claims) " claims from " (catalogue.sources) " sources"
                @if let (Some(first), Some(last)) = (&catalogue.first, &catalogue.last) {
                    ", stated between " (first) " and " (last)
                }
                "; " (catalogue.of_kind(Kind::Actor).count()) " actors, "
                (catalogue.of_kind(Kind::Issue).count()) " issues, "
                (catalogue.of_kind(Kind::Event).count()) " events, "
                (catalogue.of_kind(Kind::Place).count()) " places."
            }
        }
        section aria-labelledby="positions" {
            h2 #positions { "Who stands where" }
            (as_of_form(context, as_of, "Standing positions as of"))
            @if actors.is_empty() {
                p.empty { "No standing positions" @if as_of.is_some() { " on that day" } "." }
            } @else {
                div.scroll {
                    table.matrix {
                        caption { "Each party's standing position (its latest claim, not superseded) on the issues most parties hold one on." }
                        thead { tr {
                            th scope="col" { "Party" }
                            @for (iri, label, _) in &issues {
                                th scope="col" { (link(iri, label)) }
                            }
                        } }
                        tbody {
                            @for (actor, label, _) in &actors {
                                tr {
                                    th scope="row" { (link(actor, label)) }
                                    @for (issue, _, _) in &issues {
                                        td {
                                            @if let Some(rows) = cells.get(&(actor.clone(), issue.clone())) {
                                                @for &row in rows.iter().take(3) {
                                                    div.cell {
                                                        (kind_badge(&standing.text(row, "kind")))
                                                        " " a href=(local_path(&expand(&standing.text(row, "claim"))).unwrap_or("#")) title=(standing.text(row, "label")) {
                                                            (standing.text(row, "action"))
                                                        }
                                                        @let modality = standing.text(row, "modality");
                                                        @if !modality.is_empty() && modality != "asserted" {
                                                            " (" (modality) ")"
                                                        }
                                                        small { " " (standing.text(row, "statedOn")) }
                                                    }
                                                }
                                            } @else {
                                                span.none { "—" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="latest" {
            h2 #latest { "Latest claims" }
            (claim_list(&latest))
        }
        div.two {
            section aria-labelledby="conflicts" {
                h2 #conflicts { "Sharpest conflicts" }
                (group_table(&conflicts, "conflicts"))
                p { a href={ "/conflicts" (query_of(context, &["negotiation"])) } { "All " (conflict_total) " conflicts →" } }
            }
            section aria-labelledby="ground" {
                h2 #ground { "Common ground" }
                (group_table(&ground, "common-ground"))
                p { a href={ "/common-ground" (query_of(context, &["negotiation"])) } { "All " (ground_total) " groups of common ground →" } }
            }
        }
        section aria-labelledby="browse" {
            h2 #browse { "Browse" }
            div.browse {
                @for kind in [Kind::Actor, Kind::Issue, Kind::Event, Kind::Place] {
                    (browse_list(catalogue, kind))
                }
            }
        }
    };
    Ok(layout(context, "Overview", Section::Overview, None, body))
}

/// Most names listed per kind on the overview.
const BROWSE_LIMIT: usize = 40;

fn browse_list(catalogue: &Catalogue, kind: Kind) -> Markup {
    let all: Vec<_> = catalogue.of_kind(kind).collect();
    html! {
        div {
            h3 { (kind.name()) "s (" (all.len()) ")" }
            ul.compact {
                @for entity in all.iter().take(BROWSE_LIMIT) {
                    li { (link(&entity.iri, &entity.label)) }
                }
            }
            @if all.len() > BROWSE_LIMIT {
                p { "… find the others with the search box." }
            }
        }
    }
}

/// The negotiations the page can be limited to, as links that keep the page's other
/// parameters (none when the store names no negotiation): "All" and one per negotiation,
/// the chosen one marked.
fn negotiation_bar(context: &Context) -> Markup {
    let negotiations = &context.catalogue.negotiations;
    let chosen = context.negotiation.as_ref().map(|n| n.id.as_str());
    html! {
        @if !negotiations.is_empty() {
            nav.negotiations aria-label="Negotiation" {
                "Negotiation: "
                @if chosen.is_none() {
                    a href=(context.with("negotiation", None)) aria-current="true" { "all" }
                } @else {
                    a href=(context.with_page("negotiation", None)) { "all" }
                }
                @for negotiation in negotiations {
                    " · "
                    @if chosen == Some(negotiation.id.as_str()) {
                        a href=(context.with("negotiation", Some(&negotiation.id))) aria-current="true" { (negotiation.name) }
                    } @else {
                        a href=(context.with_page("negotiation", Some(&negotiation.id))) { (negotiation.name) }
                    }
                }
            }
        }
    }
}

fn as_of_form(context: &Context, as_of: Option<crate::model::Date>, label: &str) -> Markup {
    html! {
        form.filters method="get" action=(context.path) {
            @for (k, v) in context.params {
                @if k != "asOf" && k != "page" {
                    input type="hidden" name=(k) value=(v);
                }
            }
            label { (label) " "
                input type="date" name="asOf" value=(as_of.map(|d| d.to_string()).unwrap_or_default()) data-autosubmit="yes";
            }
            button type="submit" { "Show" }
            @if as_of.is_some() {
                " " a href=(context.with("asOf", None)) { "today" }
            }
        }
    }
}

fn claim_list(lines: &[ClaimLine]) -> Markup {
    html! {
        @if lines.is_empty() {
            p.empty { "No claims." }
        } @else {
            ol.claims {
                @for line in lines {
                    li {
                        div.head {
                            (kind_badge(&line.kind)) " "
                            (link(&line.claim, &line.label))
                        }
                        @if !line.quote.is_empty() { blockquote { (line.quote) } }
                        div.meta {
                            (link(&line.holder, &line.holder_label))
                            @if !line.stated_on.is_empty() { " · " (line.stated_on) }
                            " · " (link(&line.source, &line.source_label))
                        }
                    }
                }
            }
        }
    }
}

/// The rows of a grouped analysis (`conflicts` or `common-ground`) as a table.
fn group_table(rows: &Solutions, name: &str) -> Markup {
    let (about, about_label, basis) = if name == "conflicts" {
        ("about", "aboutLabel", "kinds")
    } else {
        ("action", "actionLabel", "bases")
    };
    html! {
        @if rows.is_empty() {
            p.empty { "None for these filters." }
        } @else {
            div.scroll {
                table.groups {
                    thead { tr {
                        th scope="col" { "Parties" }
                        th scope="col" { @if name == "conflicts" { "Issue" } @else { "Action" } }
                        th scope="col" { "Pairs" }
                        th scope="col" { "Dates" }
                        th scope="col" { "Latest on each side" }
                    } }
                    tbody {
                        @for row in 0..rows.len() {
                            tr {
                                td { (link(&rows.text(row, "partyA"), &rows.text(row, "partyALabel"))) " · " (link(&rows.text(row, "partyB"), &rows.text(row, "partyBLabel"))) }
                                td { (link(&rows.text(row, about), &rows.text(row, about_label))) br; small { (rows.text(row, basis)) } }
                                td.num { (rows.text(row, "pairs")) }
                                td.dates { (rows.text(row, "first")) " – " (rows.text(row, "latest")) }
                                td {
                                    div { a href=(local_path(&expand(&rows.text(row, "claimA"))).unwrap_or("#")) { (rows.text(row, "partyALabel")) } ": " (quote(&rows.text(row, "quoteA"))) }
                                    div { a href=(local_path(&expand(&rows.text(row, "claimB"))).unwrap_or("#")) { (rows.text(row, "partyBLabel")) } ": " (quote(&rows.text(row, "quoteB"))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Conflicts and common ground

pub(super) fn grouped(context: &Context, name: &str) -> Page {
    let filters = crate::analysis::GroupFilters {
        actor: context.resource("actor", vocab::ACTOR_NS)?.map(Term::from),
        issue: context.resource("issue", vocab::ISSUE_NS)?.map(Term::from),
        as_of: context.date("asOf")?,
        from: context.date("from")?,
        to: context.date("to")?,
        negotiation: None,
    };
    let page = context.page_number()?;
    let start = (page - 1).saturating_mul(PER_PAGE);
    let (rows, total) = analysis_page(context, name, &filters.bindings(), start, Some(PER_PAGE))?;
    page_bounds(page, total)?;
    let (title, section, intro) = if name == "conflicts" {
        (
            "Conflicts",
            Section::Conflicts,
            "Where the parties clash: one row per pair of parties and issue, with the number of claim pairs in conflict (a claim and the rejection answering it, opposing demands on one place, a demand refused, claims marked as contradicting), the largest first.",
        )
    } else {
        (
            "Common ground",
            Section::CommonGround,
            "Where the parties meet: one row per pair of parties and an action both propose, offer, agree or commit to (or one accepts from the other), the largest first.",
        )
    };
    let body = html! {
        h1 { (title) }
        (negotiation_bar(context))
        p.lead { (intro) }
        (filter_form(context, true))
        (group_table(&rows, name))
        (pager(context, page, total))
        p { a href={ "/graph" (query_of(context, &["actor", "issue", "from", "to", "negotiation"])) } { "See these parties in the graph picture →" } }
    };
    Ok(layout(context, title, section, None, body))
}

/// `?k=v&…` of the given parameters of this page, or "".
fn query_of(context: &Context, keys: &[&str]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for key in keys {
        if let Some(value) = context.param(key) {
            serializer.append_pair(key, value);
        }
    }
    let query = serializer.finish();
    if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    }
}

/// The filters: actor, issue, (as of,) from, to. Lists of actors and issues to pick from.
fn filter_form(context: &Context, with_as_of: bool) -> Markup {
    let value = |k: &str| context.param(k).unwrap_or_default().to_owned();
    let catalogue = &context.catalogue;
    html! {
        form.filters method="get" action=(context.path) {
            @if let Some(chosen) = &context.negotiation {
                input type="hidden" name="negotiation" value=(chosen.id);
            }
            label { "Actor "
                input name="actor" list="actors" value=(value("actor")) placeholder="russia" size="12";
            }
            datalist #actors {
                @for e in catalogue.of_kind(Kind::Actor).take(500) {
                    option value=(e.iri.strip_prefix(vocab::ACTOR_NS).unwrap_or(&e.iri)) { (e.label) }
                }
            }
            label { "Issue "
                input name="issue" list="issues" value=(value("issue")) placeholder="territory" size="12";
            }
            datalist #issues {
                @for e in catalogue.of_kind(Kind::Issue).take(500) {
                    option value=(e.iri.strip_prefix(vocab::ISSUE_NS).unwrap_or(&e.iri)) { (e.label) }
                }
            }
            @if with_as_of {
                label { "As of " input type="date" name="asOf" value=(value("asOf")); }
            }
            label { "From " input type="date" name="from" value=(value("from")); }
            label { "To " input type="date" name="to" value=(value("to")); }
            button type="submit" { "Filter" }
            " " a href=(context.negotiation.as_ref().map_or_else(|| context.path.to_owned(), |n| format!("{}?negotiation={}", context.path, encode(&n.id)))) { "clear" }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Search

/// Most claims shown under each thing found.
const CLAIMS_PER_HIT: usize = 3;
/// How many of the things found on a page show their latest claims (the closest matches).
const HITS_WITH_CLAIMS: usize = 5;

pub(super) fn search(context: &Context) -> Page {
    let text = context.param("q").unwrap_or_default().to_owned();
    let found = context.catalogue.search(&text);
    let page = context.page_number()?;
    let (start, end) = page_bounds(page, found.len())?;
    let mut hits = Vec::new();
    for (i, entity) in found[start..end].iter().enumerate() {
        let claims = if i < HITS_WITH_CLAIMS {
            Some(claims_about(
                context,
                entity.kind,
                &entity.iri,
                CLAIMS_PER_HIT,
            )?)
        } else {
            None
        };
        hits.push((entity, claims));
    }
    let body = html! {
        h1 { "Search" }
        form.filters role="search" method="get" action="/search" {
            label { "Name or alias of an actor, place, issue or event "
                input type="search" name="q" value=(text) autofocus;
            }
            button type="submit" { "Search" }
        }
        @if !text.trim().is_empty() {
            p.lead { (found.len()) " found for “" (text) "”." }
        }
        ol.hits {
            @for (entity, claims) in &hits {
                li {
                    div.head { span class="kind" { (entity.kind.name()) } " " (link(&entity.iri, &entity.label)) }
                    @if let Some(claims) = claims { (claim_list(claims)) }
                }
            }
        }
        (pager(context, page, found.len()))
    };
    Ok(layout(context, "Search", Section::Search, None, body))
}

/// The latest `limit` claims held by an actor, on an issue or place, or in an event.
fn claims_about(
    context: &Context,
    kind: Kind,
    iri: &str,
    limit: usize,
) -> std::result::Result<Vec<ClaimLine>, Answer> {
    let node = NamedNode::new(iri).map_err(internal)?;
    let predicate = match kind {
        Kind::Actor => "holder",
        Kind::Place => "place",
        Kind::Issue => "issue",
        Kind::Event => "event",
    };
    let rows = data::select(
        context.graph,
        &format!("SELECT ?r ?c ?d WHERE {{ ?c neg:{predicate} ?r . OPTIONAL {{ ?c neg:statedOn ?d }} }} ORDER BY DESC(?d) ?c LIMIT {limit}"),
        &[("r", node.into())],
    )
    .map_err(internal)?;
    let claims: Vec<String> = (0..rows.len())
        .map(|r| data::iri_of(rows.term(r, "c")))
        .collect();
    data::claim_lines(context.graph, &claims).map_err(internal)
}

// ---------------------------------------------------------------------------------------
// Resources

pub(super) fn resource_page(context: &Context, iri: &NamedNode, path: &str) -> Page {
    let properties = data::properties(context.graph, iri).map_err(internal)?;
    if properties.is_empty() {
        return Err(Answer::text(
            404,
            format!("the store says nothing about <{}>", iri.as_str()),
        ));
    }
    let label = data::label(context.graph, iri)
        .map_err(internal)?
        .unwrap_or_else(|| compact_iri(iri.as_str()));
    let kind = path
        .strip_prefix("/id/")
        .and_then(|p| p.split('/').next())
        .unwrap_or_default();
    let body = match kind {
        "actor" => actor(context, iri, &label, &properties)?,
        "issue" => issue(context, iri, &label, &properties)?,
        "event" => event(context, iri, &label, &properties)?,
        "source" => source(context, iri, &label, &properties)?,
        "claim" => claim(context, iri, &label, &properties)?,
        "place" => place(context, iri, &label, &properties)?,
        _ => html! {
            h1 { (label) }
            (facts(&properties, iri))
        },
    };
    Ok(layout(context, &label, Section::Resource, Some(path), body))
}

/// The heading of a resource page.
fn heading(kind: &str, label: &str, iri: &NamedNode) -> Markup {
    html! {
        p.kindline { (kind) " · " code { (iri.as_str()) } }
        h1 { (label) }
    }
}

/// Every statement about a resource, in a table, with labels and links; when there are more
/// than the table shows, a link to all of them as Turtle.
fn facts(properties: &[Property], iri: &NamedNode) -> Markup {
    let turtle = local_path(iri.as_str()).map(|path| format!("{path}.ttl"));
    html! {
        details.facts open {
            summary { "Every statement about it" }
            table.facts {
                tbody {
                    @for p in properties {
                        tr {
                            th scope="row" { (p.predicate_label) }
                            td { (term(&p.object, p.object_label.as_deref())) }
                        }
                    }
                }
            }
            @if properties.len() >= data::MAX_PROPERTIES {
                p {
                    (data::MAX_PROPERTIES) " statements are shown: its description, then others in the store's order. "
                    @if let Some(turtle) = &turtle { a href=(turtle) { "All of them, as Turtle" } } @else { "The SPARQL page gives them all." }
                }
            }
        }
    }
}

fn term(term: &Term, label: Option<&str>) -> Markup {
    match term {
        Term::NamedNode(node) => link(node.as_str(), label.unwrap_or_default()),
        Term::Literal(literal) => html! { (literal.value()) },
        #[allow(unreachable_patterns)]
        other => html! { (other.to_string()) },
    }
}

fn first_value(properties: &[Property], local: &str) -> Option<String> {
    properties
        .iter()
        .find(|p| p.predicate.ends_with(local))
        .map(|p| match &p.object {
            Term::Literal(l) => l.value().to_owned(),
            other => p
                .object_label
                .clone()
                .unwrap_or_else(|| crate::query::compact_term(other)),
        })
}

fn actor(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let as_of = context.date("asOf")?;
    let standing = positions(context, as_of)?;
    let mine = rows_with(&standing, "actor", iri);
    let timeline = timeline_sections(
        context,
        ("timeline-actor", "actor", iri),
        ("kind", &format!("Claims of {label}")),
        ("Claims", false),
    )?;
    let groups = data::groups(context.graph, iri, 100).map_err(internal)?;
    let addressers = data::addressers(context.graph, &context.index, iri, 25).map_err(internal)?;
    Ok(html! {
        (heading("Actor", label, iri))
        (negotiation_bar(context))
        @if let Some(description) = first_value(properties, "description").or_else(|| first_value(properties, "comment")) {
            p.lead { (description) }
        }
        (related(context, "actor", iri, "Its conflicts", "Its common ground"))
        section aria-labelledby="standing" {
            h2 #standing { "Standing positions" }
            (as_of_form(context, as_of, "As of"))
            @if mine.is_empty() {
                p.empty { "No standing position." }
            } @else {
                div.scroll {
                    table.positions {
                        thead { tr { th scope="col" { "Issue" } th scope="col" { "Position" } th scope="col" { "Claim" } th scope="col" { "Since" } } }
                        tbody {
                            @for &r in &mine {
                                tr {
                                    th scope="row" { (link(&standing.text(r, "issue"), &standing.text(r, "issueLabel"))) }
                                    td { (kind_badge(&stance(&standing, r))) " " (standing.text(r, "action")) }
                                    td { (link(&standing.text(r, "claim"), &standing.text(r, "label"))) }
                                    td { (standing.text(r, "statedOn")) }
                                }
                            }
                        }
                    }
                }
            }
        }
        div.two {
            section aria-labelledby="affiliations" {
                h2 #affiliations { "Affiliations" }
                @if groups.is_empty() { p.empty { "None recorded." } }
                ul.compact {
                    @for (how, other, label) in &groups {
                        li { (how) ": " (link(other, label)) }
                    }
                }
            }
            section aria-labelledby="addressed" {
                h2 #addressed { "Who addresses it" }
                @if addressers.is_empty() { p.empty { "No claim is addressed to it." } }
                ul.compact {
                    @for (holder, label, claims) in &addressers {
                        li { (link(holder, label)) " — " (claims) " claims" }
                    }
                }
            }
        }
        (timeline)
        (facts(properties, iri))
    })
}

/// The timeline and claims sections of an actor's or an issue's page: the `analysis`
/// (`timeline-actor` or `timeline-issue`) with `variable` bound to `iri`, drawn with one lane
/// per `lane` under `title`, and its claims a page at a time, newest first, under `heading`
/// (`with_holder`: each says who holds it).
fn timeline_sections(
    context: &Context,
    (analysis, variable, iri): (&str, &str, &NamedNode),
    (lane, title): (&str, &str),
    (heading, with_holder): (&str, bool),
) -> std::result::Result<Markup, Answer> {
    let (timeline, total) = analysis_page(
        context,
        analysis,
        &[(variable, iri.clone().into())],
        0,
        None,
    )?;
    let page = context.page_number()?;
    let (start, end) = page_bounds(page, total)?;
    // Newest first.
    let listed: Vec<usize> = (start..end).map(|i| total - 1 - i).collect();
    let titles = labels_of(context, listed.iter().map(|&r| timeline.text(r, "source")))?;
    Ok(html! {
        section aria-labelledby="timeline" {
            h2 #timeline { "Timeline" }
            (timeline_picture(&timeline, lane, title))
        }
        section aria-labelledby="claims" {
            h2 #claims { (heading) " (" (total) "), newest first" }
            (timeline_rows(&timeline, &listed, with_holder, &titles))
            (pager(context, page, total))
        }
    })
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Most claims drawn in a timeline picture (the latest).
const PICTURE_ROWS: usize = 150;

fn timeline_picture(timeline: &Solutions, lane: &str, title: &str) -> Markup {
    if timeline.is_empty() {
        return html! { p.empty { "No dated claims." } };
    }
    let start = timeline.len().saturating_sub(PICTURE_ROWS);
    let latest = Solutions {
        variables: timeline.variables.clone(),
        rows: timeline.rows[start..].to_vec(),
    };
    // The SVG is negkg's own, with every text escaped.
    let svg = crate::analysis::timeline_svg(&latest, lane, title);
    html! {
        @if start > 0 { p.note { "The latest " (PICTURE_ROWS) " of " (timeline.len()) " claims." } }
        div.picture { (PreEscaped(svg)) }
    }
}

/// Rows of a timeline (`timeline-actor` or `timeline-issue`) as a list of claims.
/// The labels (or titles) of the resources with these compact or full IRIs, each looked up once.
fn labels_of(
    context: &Context,
    iris: impl Iterator<Item = String>,
) -> std::result::Result<BTreeMap<String, String>, Answer> {
    let mut out = BTreeMap::new();
    for iri in iris {
        if out.contains_key(&iri) {
            continue;
        }
        let Ok(node) = NamedNode::new(expand(&iri)) else {
            continue;
        };
        let label = data::label(context.graph, &node)
            .map_err(internal)?
            .unwrap_or_default();
        out.insert(iri, label);
    }
    Ok(out)
}

fn timeline_rows(
    timeline: &Solutions,
    rows: &[usize],
    with_holder: bool,
    titles: &BTreeMap<String, String>,
) -> Markup {
    html! {
        ol.claims {
            @for &r in rows {
                li {
                    div.head {
                        (kind_badge(&timeline.text(r, "kind"))) " "
                        (link(&timeline.text(r, "claim"), &timeline.text(r, "label")))
                    }
                    @let q = timeline.text(r, "quote");
                    @if !q.is_empty() { blockquote { (q) } }
                    div.meta {
                        @if with_holder { (timeline.text(r, "holder")) " · " }
                        @if timeline.text(r, "dated") == "before" { "before " }
                        (timeline.text(r, "statedOn"))
                        @let issues = timeline.text(r, "issues");
                        @if !issues.is_empty() { " · " (issues) }
                        @let source = timeline.text(r, "source");
                        " · " (link(&source, titles.get(&source).map_or("", String::as_str)))
                    }
                }
            }
        }
    }
}

fn issue(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let as_of = context.date("asOf")?;
    let standing = positions(context, as_of)?;
    let mut rows = rows_with(&standing, "issue", iri);
    let all_rows = rows.len();
    rows.truncate(MAX_MATRIX_ROWS);
    let titles = labels_of(context, rows.iter().map(|&r| standing.text(r, "source")))?;
    let timeline = timeline_sections(
        context,
        ("timeline-issue", "issue", iri),
        ("holder", &format!("Claims on {label}")),
        ("Claims on it", true),
    )?;
    Ok(html! {
        (heading("Issue", label, iri))
        (negotiation_bar(context))
        @if let Some(definition) = first_value(properties, "definition").or_else(|| first_value(properties, "comment")) {
            p.lead { (definition) }
        }
        (related(context, "issue", iri, "Conflicts on it", "Common ground on it"))
        section aria-labelledby="matrix" {
            h2 #matrix { "Who stands where" }
            (as_of_form(context, as_of, "Positions as of"))
            @if rows.is_empty() {
                p.empty #no-positions { "No party holds a standing position on it" @if let Some(d) = as_of { " on " (d.to_string()) } "." }
            } @else {
                div.scroll {
                    table.matrix #position-matrix {
                        thead { tr { th scope="col" { "Party" } th scope="col" { "Position" } th scope="col" { "Claim" } th scope="col" { "Stated" } th scope="col" { "Source" } } }
                        tbody {
                            @for &r in &rows {
                                tr {
                                    th scope="row" { (link(&standing.text(r, "actor"), &standing.text(r, "actorLabel"))) }
                                    td { (kind_badge(&stance(&standing, r))) " " (standing.text(r, "action")) }
                                    td { (link(&standing.text(r, "claim"), &standing.text(r, "label"))) }
                                    td { (standing.text(r, "statedOn")) }
                                    @let source = standing.text(r, "source");
                                    td { (link(&source, titles.get(&source).map_or("", String::as_str))) }
                                }
                            }
                        }
                    }
                }
                @if all_rows > rows.len() {
                    p.note { "The first " (rows.len()) " of " (all_rows) " standing positions, by party." }
                }
            }
        }
        (timeline)
        (facts(properties, iri))
    })
}

/// Most rows of an issue's position matrix.
const MAX_MATRIX_ROWS: usize = 200;

/// Most accounts shown side by side.
const MAX_ACCOUNTS: usize = 8;

/// What one account (reporter) says on one topic: (claim, label, quote, source).
type Said = Vec<(String, String, String, String)>;

fn event(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let (accounts, _) = analysis_page(
        context,
        "accounts-of-event",
        &[("event", iri.clone().into())],
        0,
        None,
    )?;
    let (reporters, topics): (Vec<String>, Vec<(String, Vec<Said>)>) =
        crate::analysis::side_by_side(&accounts, |r| {
            (
                accounts.text(r, "claim"),
                accounts.text(r, "label"),
                accounts.text(r, "quote"),
                accounts.text(r, "source"),
            )
        });
    // The accounts that speak to most topics, in columns; a topic counts as only one
    // account's among all of them.
    let mut shown: Vec<usize> = (0..reporters.len()).collect();
    shown.sort_by_key(|&i| {
        std::cmp::Reverse(topics.iter().filter(|(_, s)| !s[i].is_empty()).count())
    });
    shown.truncate(MAX_ACCOUNTS);
    shown.sort_unstable();
    let hidden = reporters.len() - shown.len();
    let page = context.page_number()?;
    let (start, end) = page_bounds(page, topics.len())?;
    let titles = labels_of(
        context,
        topics[start..end]
            .iter()
            .flat_map(|(_, says)| says.iter().flatten().map(|said| said.3.clone())),
    )?;
    Ok(html! {
        (heading("Event", label, iri))
        @if let Some(description) = first_value(properties, "description").or_else(|| first_value(properties, "comment")) {
            p.lead { (description) }
        }
        section aria-labelledby="accounts" {
            h2 #accounts { "The accounts side by side" }
            @if reporters.is_empty() {
                p.empty { "No account of it is recorded." }
            } @else {
                p.note { "One column per account (who gives it). A topic that only one account mentions is marked " span.only-mark { "only in one account" } "." }
                @if hidden > 0 {
                    p.note { "The " (MAX_ACCOUNTS) " accounts that speak to most topics; " (hidden) " more are not shown (the named query accounts-of-event on the SPARQL page lists them all)." }
                }
                div.scroll {
                    table.accounts {
                        thead { tr {
                            th scope="col" { "Topic" }
                            @for &i in &shown { th scope="col" { (reporters[i]) "’s account" } }
                        } }
                        tbody {
                            @for (topic, says) in &topics[start..end] {
                                @let mentioned: Vec<usize> = (0..says.len()).filter(|&i| !says[i].is_empty()).collect();
                                @let only = mentioned.len() == 1 && reporters.len() > 1;
                                tr class=[only.then_some("only")] {
                                    th scope="row" {
                                        (topic)
                                        @if only {
                                            br; span.only-mark { "only in " (reporters[mentioned[0]]) "’s account" }
                                        }
                                    }
                                    @for said in shown.iter().map(|&i| &says[i]) {
                                        td {
                                            @if said.is_empty() { span.none { "—" } }
                                            @for (claim, label, text, source) in said {
                                                div.said {
                                                    (link(claim, label))
                                                    blockquote { (text) }
                                                    div.meta { "in " (link(source, titles.get(source).map_or("", String::as_str))) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                (pager(context, page, topics.len()))
            }
        }
        (facts(properties, iri))
    })
}

fn source(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let (rows, total) = analysis_page(
        context,
        "claims-of-source",
        &[("source", iri.clone().into())],
        0,
        None,
    )?;
    let page = context.page_number()?;
    let (start, end) = page_bounds(page, total)?;
    let url = properties
        .iter()
        .filter(|p| p.predicate == "https://schema.org/url")
        .filter_map(|p| match &p.object {
            Term::NamedNode(node) => Some(node.as_str().to_owned()),
            Term::Literal(literal) => Some(literal.value().to_owned()),
            _ => None,
        })
        // Only addresses on the web: never a `javascript:` or `data:` link.
        .find(|url| url.starts_with("https://") || url.starts_with("http://"));
    Ok(html! {
        (heading("Source", label, iri))
        p.lead {
            @if let Some(publisher) = properties.iter().find(|p| p.predicate.ends_with("/publisher")) {
                (term(&publisher.object, publisher.object_label.as_deref())) " · "
            }
            @if let Some(date) = first_value(properties, "/date") { (date) }
            @if let Some(url) = &url {
                " · " a href=(url) rel="noopener noreferrer" { "the original" }
            }
        }
        section aria-labelledby="claims" {
            h2 #claims { "Its claims (" (total) " quotes)" }
            p.note { "Each claim with the words of the source that support it, marked in the sentence they stand in where the data records it. The store keeps these sentences, not the whole article: follow the link to the original to read on." }
            ol.claims {
                @for r in start..end {
                    li {
                        div.head { (kind_badge(&rows.text(r, "kind"))) " " (link(&rows.text(r, "claim"), &rows.text(r, "label"))) }
                        (quote_in_sentence(&rows.text(r, "quote"), &rows.text(r, "sentence")))
                        div.meta { (rows.text(r, "holder")) @let d = rows.text(r, "statedOn"); @if !d.is_empty() { " · " (d) } " · reported by " (rows.text(r, "reportedBy")) }
                    }
                }
            }
            (pager(context, page, total))
        }
        (facts(properties, iri))
    })
}

/// Longest chain of superseding or responding claims followed from a claim.
const CHAIN_LIMIT: usize = 20;

fn claim(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let graph = context.graph;
    let older = data::chain(graph, iri, "supersedes", false, CHAIN_LIMIT).map_err(internal)?;
    let newer = data::chain(graph, iri, "supersedes", true, CHAIN_LIMIT).map_err(internal)?;
    let answers_to = data::chain(graph, iri, "respondsTo", false, CHAIN_LIMIT).map_err(internal)?;
    let responses = data::select(
        graph,
        "SELECT ?c ?n WHERE { ?n neg:respondsTo ?c } ORDER BY ?n LIMIT 25",
        &[("c", iri.clone().into())],
    )
    .map_err(internal)?;
    let responses: Vec<String> = (0..responses.len())
        .map(|r| data::iri_of(responses.term(r, "n")))
        .collect();
    let conditions = data::select(
        graph,
        "SELECT ?c ?text ?on WHERE { { ?c neg:condition ?text } UNION { ?c neg:conditionalOn ?on } }",
        &[("c", iri.clone().into())],
    )
    .map_err(internal)?;
    let evidence = data::select(
        graph,
        "SELECT ?c ?e ?q ?r ?rl ?s ?sl ?start ?end ?sentence WHERE { ?c neg:evidence ?e . ?e neg:quote ?q . OPTIONAL { ?e neg:sentence ?sentence } OPTIONAL { ?e neg:reportedBy ?r } OPTIONAL { ?e neg:reportedBy/rdfs:label ?rl } OPTIONAL { ?e neg:source ?s } OPTIONAL { ?e neg:source/dcterms:title ?sl } OPTIONAL { ?e neg:charStart ?start } OPTIONAL { ?e neg:charEnd ?end } } ORDER BY ?e LIMIT 50",
        &[("c", iri.clone().into())],
    )
    .map_err(internal)?;
    let lines = |iris: &[String]| data::claim_lines(graph, iris).map_err(internal);
    let (older, newer, answers_to, responses) = (
        lines(&older)?,
        lines(&newer)?,
        lines(&answers_to)?,
        lines(&responses)?,
    );
    let conditional_on: Vec<String> = (0..conditions.len())
        .map(|r| data::iri_of(conditions.term(r, "on")))
        .filter(|s| !s.is_empty())
        .collect();
    let conditional_on = lines(&conditional_on)?;
    let condition_text: Vec<String> = (0..conditions.len())
        .map(|r| conditions.text(r, "text"))
        .filter(|s| !s.is_empty())
        .collect();
    let kind = properties
        .iter()
        .find(|p| {
            p.predicate.ends_with("#type")
                && matches!(&p.object, Term::NamedNode(n) if n.as_str().starts_with(vocab::NEG))
        })
        .and_then(|p| p.object_label.clone())
        .unwrap_or_else(|| "Claim".into());
    Ok(html! {
        (heading(&kind, label, iri))
        p.lead {
            @if let Some(holder) = properties.iter().find(|p| p.predicate.ends_with("#holder")) {
                (term(&holder.object, holder.object_label.as_deref()))
            }
            @if let Some(date) = first_value(properties, "#statedOn") { " · stated on " (date) }
            @if let Some(date) = first_value(properties, "#statedBefore") { " · stated before " (date) }
        }
        section aria-labelledby="evidence" {
            h2 #evidence { "Evidence" }
            @if evidence.is_empty() { p.empty { "No quote recorded." } }
            @for r in 0..evidence.len() {
                figure.evidence {
                    (quote_in_sentence(&evidence.text(r, "q"), &evidence.text(r, "sentence")))
                    figcaption {
                        "Reported by " (link(&evidence.text(r, "r"), &evidence.text(r, "rl")))
                        " in " (link(&evidence.text(r, "s"), &evidence.text(r, "sl")))
                        @let start = evidence.text(r, "start");
                        @if !start.is_empty() { " (characters " (start) "–" (evidence.text(r, "end")) ")" }
                    }
                }
            }
        }
        @if !condition_text.is_empty() || !conditional_on.is_empty() {
            section aria-labelledby="condition" {
                h2 #condition { "Condition" }
                @for text in &condition_text { p { (text) } }
                @if !conditional_on.is_empty() { p { "It holds only if:" } (claim_list(&conditional_on)) }
            }
        }
        @if !older.is_empty() || !newer.is_empty() {
            section aria-labelledby="supersedes" {
                h2 #supersedes { "Supersedes chain" }
                @if !newer.is_empty() { h3 { "Superseded by (the next first)" } (claim_list(&newer)) }
                @if !older.is_empty() { h3 { "Supersedes (the previous first)" } (claim_list(&older)) }
            }
        }
        @if !answers_to.is_empty() || !responses.is_empty() {
            section aria-labelledby="responds" {
                h2 #responds { "Responds-to chain" }
                @if !answers_to.is_empty() { h3 { "It responds to (the nearest first)" } (claim_list(&answers_to)) }
                @if !responses.is_empty() { h3 { "Responses to it" } (claim_list(&responses)) }
            }
        }
        (facts(properties, iri))
    })
}

fn place(
    context: &Context,
    iri: &NamedNode,
    label: &str,
    properties: &[Property],
) -> std::result::Result<Markup, Answer> {
    let page = context.page_number()?;
    let offset = (page - 1) * PER_PAGE;
    let rows = data::select(
        context.graph,
        &format!("SELECT ?r ?c ?d WHERE {{ ?c neg:place ?r . OPTIONAL {{ ?c neg:statedOn ?d }} }} ORDER BY DESC(?d) ?c LIMIT {} OFFSET {offset}", PER_PAGE + 1),
        &[("r", iri.clone().into())],
    )
    .map_err(internal)?;
    if page > 1 && rows.is_empty() {
        return Err(Answer::text(
            404,
            format!("there is no page {page} of claims on this place"),
        ));
    }
    let more = rows.len() > PER_PAGE;
    let claims: Vec<String> = (0..rows.len().min(PER_PAGE))
        .map(|r| data::iri_of(rows.term(r, "c")))
        .collect();
    let lines = data::claim_lines(context.graph, &claims).map_err(internal)?;
    Ok(html! {
        (heading("Place", label, iri))
        section aria-labelledby="claims" {
            h2 #claims { "Claims on it, newest first" }
            (claim_list(&lines))
            nav.pager aria-label="Pages" {
                @if page > 1 { a rel="prev" href=(context.with("page", Some(&(page - 1).to_string()))) { "← Previous" } }
                span { "Page " (page) }
                @if more { a rel="next" href=(context.with("page", Some(&(page + 1).to_string()))) { "Next →" } }
            }
        }
        (facts(properties, iri))
    })
}

// ---------------------------------------------------------------------------------------
// Graph

pub(super) fn graph_page(context: &Context) -> Page {
    let (svg, drawn_by) = super::picture::picture(context)?;
    let query = query_of(
        context,
        &["actor", "issue", "from", "to", "draw", "negotiation"],
    );
    let body = html! {
        h1 { "Graph picture" }
        (negotiation_bar(context))
        p.lead { "The briefing view: who takes which position towards whom or what, for the claims these filters keep. Drawn by Graphviz when it is installed, else by negkg." }
        (filter_form(context, false))
        figure.graph #picture data-drawn-by=(drawn_by) {
            // The SVG is Graphviz's or negkg's, with every text escaped.
            (PreEscaped(svg))
            figcaption {
                "Drawn by " (if drawn_by == "graphviz" { "Graphviz" } else { "negkg (Graphviz is not installed, or draw=plain)" }) ". "
                a href={ "/graph.svg" (query) } { "The picture alone (SVG)" }
            }
        }
    };
    Ok(layout(context, "Graph picture", Section::Graph, None, body))
}

/// The links from an actor's or an issue's page to its conflicts, common ground and picture.
/// They keep the negotiation chosen.
fn related(
    context: &Context,
    filter: &str,
    iri: &NamedNode,
    conflicts: &str,
    common_ground: &str,
) -> Markup {
    let mut query = format!("?{filter}={}", encode(iri.as_str()));
    if let Some(chosen) = &context.negotiation {
        query.push_str(&format!("&negotiation={}", encode(&chosen.id)));
    }
    html! {
        p.links {
            a href={ "/conflicts" (query) } { (conflicts) } " · "
            a href={ "/common-ground" (query) } { (common_ground) } " · "
            a href={ "/graph" (query) } { "Its graph picture" }
        }
    }
}
