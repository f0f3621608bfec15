//! `shuzibao search QUERY`: search the archive and print the results with
//! highlighted snippets and facet counts (or JSON with `--json`).
//!
//! The query language is documented in `shuzibao search --help` and the
//! README; a query that cannot be read gets a message saying what is wrong
//! and where, not an empty list.

use crate::cli::{SearchArgs, SortArg};
use crate::exit::{Outcome, Status, UsageError};
use serde::Serialize;
use shuzibao_search::query::date_range;
use shuzibao_search::snippet::Snippet;
use shuzibao_search::{parse_query, Clause, Facets, Query, SearchRequest, Sort};
use std::io::{IsTerminal, Write};

/// What `search` was asked to do.
pub struct SearchConfig {
    data: crate::cli::DataArgs,
    /// The query with its filters; its text is cut into words again by the
    /// archive's own segmenter when it is opened (see `run`).
    request: SearchRequest,
    /// The query as typed, without the filters.
    text: String,
    /// How many clauses the text gave (the filters come after them).
    text_clauses: usize,
    /// What was searched, filters included, as the query language writes it.
    query_text: String,
    json: bool,
}

impl TryFrom<SearchArgs> for SearchConfig {
    type Error = anyhow::Error;
    fn try_from(a: SearchArgs) -> anyhow::Result<Self> {
        let text = a.query.join(" ");
        let query_text = describe(&text, &a);
        let usage = |e: shuzibao_search::QueryError| UsageError(format!("bad query: {e}"));
        // a filter alone (`--person 钟晓咏`) is a query too
        // (read here so that a bad query is a usage error before anything is opened)
        let mut query = if text.trim().is_empty() { Query::default() } else { parse_query(&text).map_err(usage)? };
        let text_clauses = query.clauses.len();
        if let Some(c) = date_range(a.from.as_deref(), a.to.as_deref()).map_err(usage)? {
            query.clauses.push(c);
        }
        if let Some(r) = a.reporter {
            query.clauses.push(Clause::Reporter(r));
        }
        if let Some(p) = a.person {
            query.clauses.push(Clause::Person(p));
        }
        if let Some(p) = a.page {
            query.clauses.push(Clause::Page(p, p));
        }
        if let Some(k) = a.kind {
            query.clauses.push(Clause::Kind(k));
        }
        if let Some(p) = a.paper {
            query.clauses.push(Clause::Paper(p));
        }
        if query.clauses.is_empty() {
            return Err(UsageError(
                "give a query or a filter (--reporter, --person, --from, --to, --page, --kind, --paper)".into(),
            )
            .into());
        }
        let sort = match a.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        };
        let request = SearchRequest { query, sort, offset: a.offset, limit: a.limit, facets: true };
        Ok(SearchConfig { data: a.data, request, text, text_clauses, query_text, json: a.json })
    }
}

/// What was searched, in the query language: the query's words and each
/// filter given as an option (`--person 钟晓咏 --from 2023` is
/// `person:钟晓咏 date:2023..`), for the header and the JSON's `query`.
fn describe(text: &str, a: &SearchArgs) -> String {
    let field = |name: &str, value: &str| {
        if value.chars().any(char::is_whitespace) || value.is_empty() {
            format!("{name}:\"{value}\"")
        } else {
            format!("{name}:{value}")
        }
    };
    let mut parts: Vec<String> = Vec::new();
    if !text.trim().is_empty() {
        parts.push(text.trim().to_string());
    }
    match (a.from.as_deref(), a.to.as_deref()) {
        (None, None) => {}
        (Some(f), Some(t)) if f == t => parts.push(field("date", f)),
        (f, t) => parts.push(field("date", &format!("{}..{}", f.unwrap_or(""), t.unwrap_or("")))),
    }
    if let Some(r) = &a.reporter {
        parts.push(field("reporter", r));
    }
    if let Some(p) = &a.person {
        parts.push(field("person", p));
    }
    if let Some(p) = a.page {
        parts.push(format!("page:{p}"));
    }
    if let Some(k) = &a.kind {
        parts.push(field("kind", k));
    }
    parts.join(" ")
}

#[derive(Serialize)]
struct JsonHit {
    id: u64,
    score: f32,
    paper: Option<String>,
    date: Option<String>,
    page: Option<u32>,
    kind: String,
    kicker: Option<String>,
    title: String,
    subtitle: Option<String>,
    reporters: Vec<String>,
    snippet: Snippet,
}

#[derive(Serialize)]
struct JsonResults {
    query: String,
    total: usize,
    offset: usize,
    hits: Vec<JsonHit>,
    facets: Option<Facets>,
}

/// Runs the subcommand.
pub fn run(c: &SearchConfig) -> Outcome {
    let reader = super::open_reader(&c.data)?;
    // the text cut as the archive's index cuts it (names it has learned whole)
    let mut request = c.request.clone();
    if c.text_clauses > 0 {
        let mut query = reader.index.parse_query(&c.text).map_err(|e| UsageError(format!("bad query: {e}")))?;
        query.clauses.extend(request.query.clauses.drain(c.text_clauses..));
        request.query = query;
    }
    let results = shuzibao_archive::find::search(&reader.index, &reader.store, &request, 90)?;
    let mut hits = Vec::new();
    for h in results.hits {
        let a = h.article;
        hits.push(JsonHit {
            id: a.id as u64,
            score: h.score,
            paper: a.paper,
            date: a.date.map(|d| d.to_string()),
            page: a.page,
            kind: a.kind,
            kicker: a.kicker,
            title: a.title,
            subtitle: a.subtitle,
            reporters: a.reporters,
            snippet: h.snippet,
        });
    }
    let out = JsonResults {
        query: c.query_text.clone(),
        total: results.total,
        offset: c.request.offset,
        hits,
        facets: results.facets,
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if c.json {
        serde_json::to_writer_pretty(&mut w, &out)?;
        writeln!(w)?;
    } else {
        let color = std::io::stdout().is_terminal();
        let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("【", "】") };
        let shown = out.hits.len();
        let from = if shown == 0 { 0 } else { out.offset + 1 };
        writeln!(w, "{} results for {}  (showing {}–{})", out.total, out.query, from, out.offset + shown)?;
        for h in &out.hits {
            let date = h.date.as_deref().unwrap_or("----------");
            let page = h.page.map(|p| format!("第{p}版")).unwrap_or_default();
            let paper = h.paper.as_deref().unwrap_or("");
            writeln!(w, "\n{paper} {date}  {page:<5} {}   [#{}]", h.title, h.id)?;
            if !h.reporters.is_empty() {
                writeln!(w, "    记者 {}", h.reporters.join(" "))?;
            }
            writeln!(w, "    {}", h.snippet.marked(open, close))?;
        }
        if let Some(f) = &out.facets {
            // the most frequent few of a long list; every page with hits
            let line = |name: &str, v: &[(String, u64)], most: usize| -> String {
                let items: Vec<String> = v.iter().take(most).map(|(k, n)| format!("{k} ({n})")).collect();
                format!("{name:<8} {}", items.join(" · "))
            };
            if out.total > 0 {
                writeln!(w)?;
                if !f.paper.is_empty() {
                    writeln!(w, "{}", line("paper", &f.paper, usize::MAX))?;
                }
                writeln!(w, "{}", line("year", &f.year, 8))?;
                writeln!(w, "{}", line("kind", &f.kind, 8))?;
                writeln!(w, "{}", line("person", &f.person, 8))?;
                let pages: Vec<(String, u64)> =
                    f.page.iter().map(|(p, n)| (p.trim_start_matches('0').to_string(), *n)).collect();
                writeln!(w, "{}", line("page", &pages, usize::MAX))?;
            }
        }
    }
    w.flush()?;
    Ok(Status::Ok)
}
