//! `shuzibao issues`: the papers of the archive with their issues (dates and
//! pages), or, with `--undated`, the pages without a date, each with its id
//! (for `shuzibao date`) and the date guessed for it, if any; with
//! `--doubtful DATE`, the least certain articles of an issue.

use crate::cli::IssuesArgs;
use crate::exit::{Outcome, Status};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct IssueLine {
    paper: String,
    date: String,
    /// The date was inferred from the pages' signals (see `date_evidence`).
    inferred: bool,
    date_evidence: Option<String>,
    pages: Vec<String>,
    articles: i64,
}

#[derive(Serialize)]
struct UndatedLine {
    id: i64,
    paper: Option<String>,
    page: Option<String>,
    source: String,
    articles: i64,
    guessed: Option<String>,
    evidence: Option<String>,
}

/// Runs the subcommand.
pub fn run(a: &IssuesArgs) -> Outcome {
    let reader = super::open_reader(&a.data)?;
    let store = &reader.store;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(date) = a.doubtful {
        return super::doubtful::run(store, a.paper.as_deref(), date, a.limit, a.json, &mut out);
    }
    if a.undated {
        let lines: Vec<UndatedLine> = store
            .undated(a.paper.as_deref())?
            .into_iter()
            .map(|p| UndatedLine {
                id: p.id,
                page: p.page_no().map(|n| n.to_string()),
                paper: p.paper,
                source: p.source,
                articles: p.article_count,
                guessed: p.inferred_date.map(|d| d.to_string()),
                evidence: p.date_evidence,
            })
            .collect();
        if a.json {
            serde_json::to_writer_pretty(&mut out, &lines)?;
            writeln!(out)?;
        } else if lines.is_empty() {
            writeln!(out, "no pages without a date")?;
        } else {
            writeln!(out, "{} pages without a date (give one with `shuzibao date ID YYYY-MM-DD`):", lines.len())?;
            for l in &lines {
                let guess = match (&l.guessed, &l.evidence) {
                    (Some(d), Some(e)) => format!("  perhaps {d} ({e})"),
                    (Some(d), None) => format!("  perhaps {d}"),
                    _ => String::new(),
                };
                let page = l.page.as_deref().map(|p| format!(" 第{p}版")).unwrap_or_default();
                writeln!(
                    out,
                    "  #{:<6} {}{page}  {} articles  {}{guess}",
                    l.id,
                    l.paper.as_deref().unwrap_or("?"),
                    l.articles,
                    l.source
                )?;
            }
        }
        out.flush()?;
        return Ok(Status::Ok);
    }
    let mut lines: Vec<IssueLine> = Vec::new();
    for p in store.issues()? {
        let (Some(paper), Some(date)) = (p.paper.clone(), p.date) else { continue };
        if a.paper.as_deref().is_some_and(|want| want != paper) {
            continue;
        }
        let date = date.to_string();
        let page = p.page_no().map_or_else(|| "-".to_string(), |n| n.to_string());
        match lines.last_mut() {
            Some(l) if l.paper == paper && l.date == date => {
                l.pages.push(page);
                l.articles += p.article_count;
            }
            _ => lines.push(IssueLine {
                paper,
                date,
                inferred: p.date_source.as_deref() == Some("inferred"),
                date_evidence: p.date_evidence.clone(),
                pages: vec![page],
                articles: p.article_count,
            }),
        }
    }
    let undated = store.undated(a.paper.as_deref())?.len();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &lines)?;
        writeln!(out)?;
    } else {
        for l in &lines {
            let inferred = match (&l.inferred, &l.date_evidence) {
                (true, Some(e)) => format!("  (date inferred: {e})"),
                (true, None) => "  (date inferred)".to_string(),
                _ => String::new(),
            };
            // a page exported as one file an article is one page of several parts
            let mut distinct: Vec<&str> = Vec::new();
            for p in &l.pages {
                if !distinct.contains(&p.as_str()) {
                    distinct.push(p);
                }
            }
            let parts =
                if distinct.len() < l.pages.len() { format!(" in {} files", l.pages.len()) } else { String::new() };
            writeln!(
                out,
                "{}  {}  {} pages ({}){parts}  {} articles{inferred}",
                l.paper,
                l.date,
                distinct.len(),
                distinct.join(" "),
                l.articles
            )?;
        }
        if undated > 0 {
            writeln!(out, "and {undated} pages without a date: `shuzibao issues --undated`")?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
