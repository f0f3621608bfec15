//! `shuzibao issues --doubtful DATE`: the articles of an issue the parser was
//! least sure of (its boundaries or its headline), least sure first, for
//! editors to check before the others. Reads only.

use crate::exit::{Outcome, Status};
use anyhow::bail;
use shuzibao_archive::doubtful::doubtful_of;
use shuzibao_store::Store;
use std::io::Write;

/// Lists the `limit` least certain articles of the issue of `paper` on `date`.
pub fn run(
    store: &Store,
    paper: Option<&str>,
    date: chrono::NaiveDate,
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> Outcome {
    let pages: Vec<_> =
        store.issues_on(date)?.into_iter().filter(|p| paper.is_none_or(|w| p.paper.as_deref() == Some(w))).collect();
    let mut papers: Vec<&str> = pages.iter().filter_map(|p| p.paper.as_deref()).collect();
    papers.sort_unstable();
    papers.dedup();
    if pages.is_empty() {
        bail!("no issue on {date}{}", paper.map(|p| format!(" of {p}")).unwrap_or_default());
    }
    if papers.len() > 1 {
        bail!("several papers on {date} ({}): say which with --paper", papers.join(", "));
    }
    let lines = doubtful_of(store, &pages, limit)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &lines)?;
        writeln!(out)?;
    } else if lines.is_empty() {
        writeln!(out, "no article of {date} has a confidence (stored before it was kept: `shuzibao reparse`)")?;
    } else {
        writeln!(out, "the {} least certain articles of {} {date} (boundary, title):", lines.len(), papers[0])?;
        for l in &lines {
            let page = l.page.as_deref().map(|p| format!("第{p}版 ")).unwrap_or_default();
            let inferred = if l.title_inferred { " (title inferred)" } else { "" };
            writeln!(out, "  #{:<6} {:.2} {:.2}  {page}{}{inferred}", l.id, l.boundary, l.title_confidence, l.title)?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
