//! `shuzibao-bench DOCS QUERIES WORKDIR OUT.json`: shuzibao's runner for the
//! side-by-side benchmark in `bench/` (see `bench/README.md` for the formats).
//!
//! It goes through the real path: every document is ingested into a fresh
//! archive in WORKDIR (SQLite store, one transaction per issue, then the
//! search index follows), and every query is run through the same search the
//! command line and the web edition use. Each document becomes a page of
//! its own, a part of its paper's page of that date (so that two documents
//! of one paper, date and page do not become two versions of one page).

use shuzibao_archive as archive;
use shuzibao_archive::ingest::Page;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use shuzibao_core::{Article, ArticleKind, Byline, Headline, Issue, Paragraph, ParagraphRole, Span};
use shuzibao_search::{Clause, Query, Scope, SearchRequest};
use shuzibao_store::{Outcome, Placement};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

#[derive(Deserialize)]
struct Doc {
    id: String,
    paper: String,
    date: Option<String>,
    page: Option<u32>,
    title: String,
    body: String,
    #[serde(default)]
    reporters: Vec<String>,
}

#[derive(Deserialize)]
struct BenchQuery {
    id: String,
    kind: String,
    text: String,
    terms: Vec<String>,
    phrase: bool,
    from: Option<String>,
    to: Option<String>,
    page: Option<u32>,
}

#[derive(Serialize)]
struct QueryResult {
    id: String,
    kind: String,
    ms: f64,
    hits: usize,
    top: Vec<String>,
}

#[derive(Serialize)]
struct Output {
    engine: String,
    docs: usize,
    raw_bytes: u64,
    ingest_seconds: f64,
    index_bytes: u64,
    store_bytes: u64,
    notes: String,
    queries: Vec<QueryResult>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        bail!("usage: shuzibao-bench DOCS QUERIES WORKDIR OUT.json");
    }
    let (docs_path, queries_path, work, out_path) = (&args[1], &args[2], Path::new(&args[3]), &args[4]);
    let data = work.join("shuzibao-data");
    // SHUZIBAO_BENCH_REUSE=1: run the queries again on the archive a
    // previous run left in WORKDIR (its ingest figures are taken from OUT.json)
    let reuse = std::env::var_os("SHUZIBAO_BENCH_REUSE").is_some() && data.join(shuzibao_store::DB_FILE).exists();
    let (archive, ingested) = if reuse {
        let archive = archive::Archive::open(&data)?;
        let ingested = reused(&archive, out_path)?;
        (archive, ingested)
    } else {
        if data.exists() {
            std::fs::remove_dir_all(&data).with_context(|| format!("clearing {}", data.display()))?;
        }
        let mut archive = archive::Archive::open(&data)?;
        let ingested = ingest(docs_path, &mut archive)?;
        (archive, ingested)
    };
    let Ingested { docs, by_article, raw_bytes, ingest_seconds } = ingested;

    // queries: a warm-up pass, then the measured pass
    let queries: Vec<BenchQuery> = BufReader::new(std::fs::File::open(queries_path)?)
        .lines()
        .map_while(|l| l.ok())
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l))
        .collect::<Result<_, _>>()?;
    for q in &queries {
        run_query(&archive, q, &by_article)?;
    }
    let mut results = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let (hits, top) = run_query(&archive, q, &by_article)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        results.push(QueryResult { id: q.id.clone(), kind: q.kind.clone(), ms, hits, top });
    }
    let out = Output {
        engine: "shuzibao".into(),
        docs,
        raw_bytes,
        ingest_seconds,
        index_bytes: dir_size(&data.join(archive::INDEX_DIR)),
        store_bytes: dir_size(&data) - dir_size(&data.join(archive::INDEX_DIR)),
        notes: format!(
            "index_bytes is the search index; store_bytes the SQLite archive (raw text and articles). \
             Matching folds traditional to simplified and ignores punctuation, so exact-string counts may exceed a plain scan.{}",
            if reuse { " Queries run again on the archive of the previous run (its ingest figures)." } else { "" }
        ),
        queries: results,
    };
    std::fs::write(out_path, serde_json::to_string_pretty(&out)?)?;
    Ok(())
}

/// What the ingest measured.
struct Ingested {
    docs: usize,
    /// Article id in the archive → the document's id.
    by_article: HashMap<u64, String>,
    raw_bytes: u64,
    ingest_seconds: f64,
}

/// Ingests every document of DOCS into `archive`, timed.
fn ingest(docs_path: &String, archive: &mut archive::Archive) -> Result<Ingested> {
    let start = Instant::now();
    let mut ids: Vec<String> = Vec::new();
    let mut by_article: HashMap<u64, String> = HashMap::new();
    let mut raw_bytes = 0u64;
    let file = std::fs::File::open(docs_path).with_context(|| format!("reading {docs_path}"))?;
    // Reading and building run on a thread of their own ahead of the
    // writer, finding entities on one a core, as `shuzibao ingest` does.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Page>>(64);
    let docs_name = docs_path.clone();
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            for (n, line) in BufReader::new(file).lines().enumerate() {
                let prepared = line.map_err(anyhow::Error::from).and_then(|line| {
                    if line.trim().is_empty() {
                        return Ok(None);
                    }
                    let doc: Doc =
                        serde_json::from_str(&line).with_context(|| format!("{docs_name}: line {}", n + 1))?;
                    let raw = format!("{}\n\n{}", doc.title, doc.body);
                    let issue = issue_of(&doc, &raw);
                    // (each document its own page: a part of its paper's page, the
                    // part its line)
                    let placement = Placement {
                        paper: doc.paper.clone(),
                        part: Some(n as u32),
                        date: doc.date.as_deref().and_then(|d| d.parse().ok()),
                        page: doc.page.map(shuzibao_core::PageNo::plain),
                        ..Placement::default()
                    };
                    Ok(Some(Page {
                        name: doc.id,
                        bytes: doc.title.len() + doc.body.len(),
                        decoded: shuzibao_core::Decoded { text: raw, encoding: "UTF-8", replaced: 0 },
                        issue,
                        placement,
                        entities: None,
                        warnings: Vec::new(),
                        pdf: None,
                    }))
                });
                match prepared {
                    Ok(None) => continue,
                    Ok(Some(p)) => {
                        if tx.send(Ok(p)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        archive.begin_batch();
        let pages =
            archive::entity_stage::find_entities(scope, rx, archive::entity_stage::workers(), |p| p.as_mut().ok());
        for p in pages {
            let p = p?;
            raw_bytes += p.bytes as u64;
            let report = archive.store_page(&p)?;
            if report.outcome != Outcome::Unchanged {
                // (ids and titles only: the articles themselves are read by the index)
                for (id, _) in archive.store().titles_of_issue(report.issue_id)? {
                    by_article.insert(id as u64, p.name.clone());
                }
            }
            ids.push(p.name);
            if ids.len() % 256 == 0 {
                archive.stage()?;
            }
        }
        Ok(())
    })?;
    archive.sync()?;
    archive.end_batch()?;
    archive.index().finish_writes()?;
    // the archive at rest, as a finished `shuzibao ingest` leaves it (the
    // write-ahead log emptied), for the sizes measured after
    archive.store().checkpoint()?;
    let ingest_seconds = start.elapsed().as_secs_f64();
    Ok(Ingested { docs: ids.len(), by_article, raw_bytes, ingest_seconds })
}

/// The figures of the run that built the archive, and its articles' documents.
fn reused(archive: &archive::Archive, out_path: &str) -> Result<Ingested> {
    let prev: serde_json::Value = std::fs::read(out_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .context("SHUZIBAO_BENCH_REUSE needs the OUT.json of the run that built the archive")?;
    let by_article: HashMap<u64, String> =
        archive.store().article_sources()?.into_iter().map(|(id, source)| (id as u64, source)).collect();
    Ok(Ingested {
        docs: prev["docs"].as_u64().unwrap_or(0) as usize,
        by_article,
        raw_bytes: prev["raw_bytes"].as_u64().unwrap_or(0),
        ingest_seconds: prev["ingest_seconds"].as_f64().unwrap_or(0.0),
    })
}

/// A document as an issue of one article.
fn issue_of(doc: &Doc, raw: &str) -> Issue {
    let mut paragraphs = Vec::new();
    let mut at = doc.title.len() + 2;
    for p in doc.body.split('\n') {
        if !p.trim().is_empty() {
            paragraphs.push(Paragraph {
                text: p.to_string(),
                role: ParagraphRole::Text,
                span: Span::new(at, at + p.len()),
            });
        }
        at += p.len() + 1;
    }
    let article = Article {
        kind: ArticleKind::News,
        column: None,
        headline: Headline { title: doc.title.clone(), ..Headline::default() },
        byline: Byline { reporters: doc.reporters.clone(), ..Byline::default() },
        dateline: None,
        source: None,
        continued_to_page: None,
        continued_from_page: None,
        page: doc.page,
        signed_date: None,
        paragraphs,
        span: Span::new(0, raw.len()),
        confidence: shuzibao_core::Confidence::default(),
    };
    Issue { masthead: None, page_header: None, teasers: vec![], articles: vec![article], leftovers: vec![] }
}

fn run_query(archive: &archive::Archive, q: &BenchQuery, ids: &HashMap<u64, String>) -> Result<(usize, Vec<String>)> {
    let mut clauses = Vec::new();
    if q.phrase {
        clauses.push(Clause::Text {
            text: shuzibao_search::tokenize::normalize(&q.text),
            phrase: true,
            slop: 0,
            scope: Scope::Anywhere,
        });
    } else {
        for t in &q.terms {
            let text = shuzibao_search::tokenize::normalize(t);
            clauses.push(Clause::Text { text, phrase: false, slop: 0, scope: Scope::Anywhere });
        }
    }
    if q.from.is_some() || q.to.is_some() {
        if let Some(c) = shuzibao_search::query::date_range(q.from.as_deref(), q.to.as_deref())? {
            clauses.push(c);
        }
    }
    if let Some(p) = q.page {
        clauses.push(Clause::Page(p, p));
    }
    // SHUZIBAO_BENCH_FACETS=1: count the facets too, as the command line and
    // the web edition do (the peers count none, so not by default)
    let facets = std::env::var_os("SHUZIBAO_BENCH_FACETS").is_some();
    let req =
        SearchRequest { query: Query { clauses, ..Query::default() }, limit: 10, facets, ..SearchRequest::default() };
    let r = archive.index().search(&req)?;
    let top = r.hits.iter().filter_map(|h| ids.get(&h.id).cloned()).collect();
    Ok((r.total, top))
}

fn dir_size(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
