//! Corrections in the store: made, undone, listed, and applied at every
//! write of a page's articles ([`write_articles`]), each in the
//! transaction of that write.
//!
//! A page with corrections keeps its articles as the parser made them (the
//! base, table `correction_bases`, written again at every ingest or
//! `reparse` of the page); its articles table rows are the base with its
//! corrections applied, in the order they were made. A page without any
//! correction costs one look-up by index at each write, nothing more. A
//! correction is made on the page's current articles, refused when the
//! editor saw an older state of the page (a revision: the count of its
//! corrections and undos), when the same field of the same article has an
//! active correction already, or when it cannot apply; the message names
//! the article and the conflict.

use super::apply::{apply, find_article_in, Applied, Piece};
use super::{kind_named, ArticleAnchor, Edit, Operation, ParagraphAnchor, Status};
use crate::db::{p, Backend, Db, Row};
use crate::pack::{packed, text_at};
use crate::write::{link_continuations, log_changes, page_of, replace_articles, IssueMeta, PdfArticles};
use crate::{now, LineBox, Region, Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shuzibao_core::{Article, Issue, Paragraph, Span};
use shuzibao_people::entities;

/// One correction as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrectionRecord {
    /// Its id.
    pub id: i64,
    /// The page (版) it corrects.
    pub page_id: i64,
    /// The version of the page's text it was made on.
    pub version: i64,
    /// The parser that had read that text.
    pub parser_version: String,
    /// Who made it (the editor's name).
    pub editor: String,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    /// `split`, `merge`, `headline`, `byline`, `kind`, `move`,
    /// `hide_article`, `hide_paragraph`.
    pub kind: String,
    /// What it does, anchored by text.
    pub operation: Operation,
    /// The title of the article it was made on, then.
    pub article_title: String,
    /// Active, undone or stale.
    pub status: Status,
    /// Why it no longer applies (a stale one).
    pub reason: Option<String>,
    /// Who undid it.
    pub undone_by: Option<String>,
    /// When.
    pub undone_at: Option<String>,
}

/// What a correction or an undo did.
#[derive(Debug, Clone, Serialize)]
pub struct Corrected {
    /// The correction made or undone.
    pub correction: CorrectionRecord,
    /// The page's articles now, by id, in reading order.
    pub articles: Vec<i64>,
    /// Corrections of the page that no longer apply (after an undo, those
    /// that rested on the one undone).
    pub stale: Vec<CorrectionRecord>,
    /// The page's revision now (give it back to correct it again).
    pub revision: i64,
}

/// Which corrections to list.
#[derive(Debug, Clone, Default)]
pub struct CorrectionFilter {
    /// Of one page.
    pub page: Option<i64>,
    /// Of one paper.
    pub paper: Option<String>,
    /// Of one date.
    pub date: Option<NaiveDate>,
    /// In one state.
    pub status: Option<Status>,
}

/// The articles of a page as the parser made them, kept while the page
/// has corrections.
#[derive(Debug, Serialize, Deserialize)]
struct Base {
    /// Read from a PDF: its articles have regions and lines.
    pdf: bool,
    articles: Vec<BaseArticle>,
}

#[derive(Debug, Serialize, Deserialize)]
struct BaseArticle {
    article: Article,
    regions: Vec<Region>,
    /// `[x0, y0, x1, y1, start]`.
    lines: Vec<[u32; 5]>,
}

impl Base {
    fn of_parse(issue: &Issue, pdf: Option<PdfArticles<'_>>) -> Base {
        let articles = issue
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| BaseArticle {
                article: a.clone(),
                regions: pdf.and_then(|(r, _)| r.get(i)).cloned().unwrap_or_default(),
                lines: pdf.and_then(|(_, l)| l.get(i)).map(|l| l.iter().map(line_row).collect()).unwrap_or_default(),
            })
            .collect();
        Base { pdf: pdf.is_some(), articles }
    }

    fn pieces(&self) -> Vec<Piece> {
        self.articles
            .iter()
            .map(|b| {
                let lines = b
                    .lines
                    .iter()
                    .map(|l| LineBox {
                        x0: clamp16(l[0]),
                        y0: clamp16(l[1]),
                        x1: clamp16(l[2]),
                        y1: clamp16(l[3]),
                        start: l[4],
                    })
                    .collect();
                Piece::new(b.article.clone(), b.regions.clone(), lines)
            })
            .collect()
    }
}

fn line_row(l: &LineBox) -> [u32; 5] {
    [l.x0.into(), l.y0.into(), l.x1.into(), l.y1.into(), l.start]
}

fn clamp16(v: u32) -> u16 {
    v.min(u32::from(u16::MAX)) as u16
}

/// Writes a page's articles as `issue` has them (a new parse: an ingest, a
/// new version, `reparse`) with the page's corrections applied, in the
/// caller's transaction. Returns how many articles were written.
pub(crate) fn write_articles(
    tx: &Db,
    meta: &IssueMeta<'_>,
    issue: &Issue,
    found: Vec<entities::Entities>,
    pdf: Option<PdfArticles<'_>>,
) -> Result<usize, StoreError> {
    let any: bool = tx.value("SELECT EXISTS (SELECT 1 FROM corrections WHERE issue_id = ?1)", p![meta.id])?;
    if !any {
        return replace_articles(tx, meta, issue, found, pdf);
    }
    let base = Base::of_parse(issue, pdf);
    save_base(tx, meta, &base)?;
    rewrite(tx, meta, &base)
}

fn save_base(tx: &Db, meta: &IssueMeta<'_>, base: &Base) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO correction_bases (issue_id, version_id, articles) VALUES (?1, ?2, ?3)
         ON CONFLICT (issue_id) DO UPDATE SET version_id = excluded.version_id, articles = excluded.articles",
        p![meta.id, meta.version_id, packed(&serde_json::to_string(base)?, Some(meta.raw))?],
    )?;
    Ok(())
}

/// Applies the page's corrections (not undone) to its base, records what
/// became of each, and writes the articles, their mentions and which
/// corrections each shows.
fn rewrite(tx: &Db, meta: &IssueMeta<'_>, base: &Base) -> Result<usize, StoreError> {
    let ops: Vec<(i64, Operation)> = records(tx, &CorrectionFilter { page: Some(meta.id), ..Default::default() })?
        .into_iter()
        .filter(|c| c.status != Status::Undone)
        .map(|c| (c.id, c.operation))
        .collect();
    let Applied { pieces, outcomes } = apply(base.pieces(), &ops);
    for (id, why) in outcomes {
        let status = if why.is_some() { Status::Stale } else { Status::Active };
        tx.execute("UPDATE corrections SET status = ?1, reason = ?2 WHERE id = ?3", p![status.as_str(), why, id])?;
    }
    tx.execute(
        "DELETE FROM corrected_articles WHERE article_id IN (SELECT id FROM articles WHERE issue_id = ?1)",
        p![meta.id],
    )?;
    // an article an editor has corrected is as sure as its editor: none
    // of the parser's doubts about it stands
    let articles: Vec<Article> = pieces
        .iter()
        .map(|p| {
            let mut a = p.article.clone();
            if !p.corrections.is_empty() {
                a.confidence = shuzibao_core::Confidence::default();
            }
            a
        })
        .collect();
    let found = entities::extract_issue(&articles, meta.date);
    let issue = Issue { masthead: None, page_header: None, teasers: Vec::new(), articles, leftovers: Vec::new() };
    let regions: Vec<Vec<Region>> = pieces.iter().map(|p| p.regions.clone()).collect();
    let lines: Vec<Vec<LineBox>> = pieces.iter().map(|p| p.lines.clone()).collect();
    let n = replace_articles(tx, meta, &issue, found, base.pdf.then_some((&regions[..], &lines[..])))?;
    for (id, piece) in article_ids(tx, meta.id)?.into_iter().zip(&pieces) {
        if !piece.corrections.is_empty() {
            tx.execute(
                "INSERT INTO corrected_articles (article_id, corrections) VALUES (?1, ?2)",
                p![id, serde_json::to_string(&piece.corrections)?],
            )?;
        }
    }
    Ok(n)
}

fn article_ids(tx: &Db, page: i64) -> Result<Vec<i64>, StoreError> {
    tx.query("SELECT id FROM articles WHERE issue_id = ?1 ORDER BY seq", p![page], |r| r.get(0))
}

const RECORD_COLUMNS: &str = "c.id, c.issue_id, c.version, c.parser_version, c.editor, c.created_at, c.kind,
    c.operation, c.article_title, c.status, c.reason, c.undone_by, c.undone_at";

fn record_of(r: &Row<'_>) -> Result<CorrectionRecord, StoreError> {
    let op: String = r.get(7)?;
    let operation = serde_json::from_str(&op)?;
    Ok(CorrectionRecord {
        id: r.get(0)?,
        page_id: r.get(1)?,
        version: r.get(2)?,
        parser_version: r.get(3)?,
        editor: r.get(4)?,
        created_at: r.get(5)?,
        kind: r.get(6)?,
        operation,
        article_title: r.get(8)?,
        status: Status::parse(&r.get::<String>(9)?),
        reason: r.get(10)?,
        undone_by: r.get(11)?,
        undone_at: r.get(12)?,
    })
}

fn records(conn: &Db, f: &CorrectionFilter) -> Result<Vec<CorrectionRecord>, StoreError> {
    // (PostgreSQL is told the parameters' types: `?1 IS NULL` alone does not say)
    let wanted = match conn.backend() {
        Backend::Sqlite => {
            "(?1 IS NULL OR c.issue_id = ?1) AND (?2 IS NULL OR i.paper = ?2) AND (?3 IS NULL OR i.date = ?3)
           AND (?4 IS NULL OR c.status = ?4)"
        }
        Backend::Postgres => {
            "(CAST(?1 AS BIGINT) IS NULL OR c.issue_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR i.paper = ?2)
           AND (CAST(?3 AS TEXT) IS NULL OR i.date = ?3) AND (CAST(?4 AS TEXT) IS NULL OR c.status = ?4)"
        }
    };
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM corrections c JOIN issues i ON i.id = c.issue_id
         WHERE {wanted}
         ORDER BY c.id"
    );
    conn.query(sql, p![f.page, f.paper, f.date.map(|d| d.to_string()), f.status.map(Status::as_str)], record_of)
}

/// The revision of a page: how many times its articles were written (the
/// change log's entries for it: an ingest, a new version, `reparse`, a
/// correction, an undo, a date, a continuation linked).
fn revision(conn: &Db, page: i64) -> Result<i64, StoreError> {
    conn.value("SELECT count(*) FROM changes WHERE issue_id = ?1", p![page])
}

/// Refuses a change made on an older state of the page than its current one.
fn check_revision(tx: &Db, page: i64, expect: Option<i64>, title: &str) -> Result<(), StoreError> {
    let Some(expect) = expect else { return Ok(()) };
    let now = revision(tx, page)?;
    if now == expect {
        return Ok(());
    }
    let last = records(tx, &CorrectionFilter { page: Some(page), ..Default::default() })?
        .into_iter()
        .max_by_key(|c| c.undone_at.clone().unwrap_or_default().max(c.created_at.clone()));
    let what = last.map_or_else(String::new, |c| match &c.undone_by {
        Some(by) => format!(
            "; its latest correction, #{} ({}), was undone by {by} at {}",
            c.id,
            c.kind,
            c.undone_at.unwrap_or_default()
        ),
        None => format!("; its latest correction is #{} ({}) by {} at {}", c.id, c.kind, c.editor, c.created_at),
    });
    Err(StoreError::Conflict(format!(
        "the page of 《{title}》 changed since you read it (a correction, or a new version of its text: revision {now}, yours {expect}){what}; read it again and redo your correction if it is still needed"
    )))
}

/// What a correction or undo works on: the page, its text and its base.
struct PageState {
    page: i64,
    version_id: i64,
    version: i64,
    parser_version: String,
    raw: String,
    paper: Option<String>,
    date: Option<NaiveDate>,
    page_no: Option<shuzibao_core::PageNo>,
    base: Base,
    /// The base was read from the articles table (first correction): save it.
    fresh: bool,
}

impl PageState {
    fn load(tx: &Db, dicts: &crate::pack::Dictionaries, page: i64) -> Result<PageState, StoreError> {
        let (version_id, version, parser_version, raw): (i64, i64, String, String) = tx
            .query_opt(
                "SELECT v.id, v.version, v.parser_version, v.raw_text FROM issues i JOIN issue_versions v ON v.id = i.current_version
             WHERE i.id = ?1",
                p![page],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, dicts.raw_at(r, 3, tx)?)),
            )?
            .ok_or_else(|| StoreError::NotFound(format!("page {page}")))?;
        let (paper, date, page_no) = page_of(tx, page)?;
        let kept: Option<String> =
            tx.query_opt("SELECT articles FROM correction_bases WHERE issue_id = ?1", p![page], |r| {
                text_at(r, 0, Some(&raw))
            })?;
        let (base, fresh) = match kept {
            Some(json) => (serde_json::from_str(&json)?, false),
            None => (base_of_table(tx, dicts, page, version_id, &raw)?, true),
        };
        Ok(PageState { page, version_id, version, parser_version, raw, paper, date, page_no, base, fresh })
    }

    fn meta(&self) -> IssueMeta<'_> {
        IssueMeta {
            id: self.page,
            version_id: self.version_id,
            raw: &self.raw,
            paper: self.paper.clone(),
            date: self.date,
            page: self.page_no,
        }
    }
}

/// The base of a page that has had no correction yet: its articles as
/// stored, which are the parser's (paragraphs found again in the raw text
/// for their places).
fn base_of_table(
    tx: &Db,
    dicts: &crate::pack::Dictionaries,
    page: i64,
    version_id: i64,
    raw: &str,
) -> Result<Base, StoreError> {
    let pdf: bool = tx.value("SELECT EXISTS (SELECT 1 FROM page_assets WHERE version_id = ?1)", p![version_id])?;
    let mut articles = Vec::new();
    for a in crate::read::articles_of(tx, dicts, page)? {
        let lines: Option<Vec<u8>> = tx.value("SELECT lines FROM articles WHERE id = ?1", p![a.id])?;
        let lines = lines.map(|b| crate::lines::decode(&b)).unwrap_or_default();
        let mut from = a.span.0.min(raw.len());
        let paragraphs = a
            .paragraphs
            .iter()
            .map(|p| {
                let span = find_in_raw(raw, from, &p.text);
                if !span.is_empty() {
                    from = span.end;
                }
                Paragraph { text: p.text.clone(), role: p.role, span }
            })
            .collect();
        let article = Article {
            kind: kind_named(&a.kind).unwrap_or(shuzibao_core::ArticleKind::News),
            paragraphs,
            ..crate::write::article_of_record(&a)
        };
        articles.push(BaseArticle { article, regions: a.regions, lines: lines.iter().map(line_row).collect() });
    }
    Ok(Base { pdf, articles })
}

/// Where a clean paragraph starts in the raw text, from `from` on: its
/// first characters found (a paragraph's text is cleaned, so only its
/// start is sought); empty when not found.
fn find_in_raw(raw: &str, from: usize, text: &str) -> Span {
    let head: String = text.chars().take(8).collect();
    if head.is_empty() || !raw.is_char_boundary(from) {
        return Span::default();
    }
    match raw[from..].find(&head) {
        Some(i) => Span::new(from + i, (from + i + text.len()).min(raw.len())),
        None => Span::default(),
    }
}

impl Store {
    /// Makes a correction of article `article_id` by `editor`, in one
    /// transaction with the rewrite of its page's articles, mentions and
    /// change log. `expect` is the page's revision the editor saw (see
    /// [`Corrected::revision`]): another revision is a conflict. Refused,
    /// with a message naming the article: a paragraph or article it does
    /// not have, a field already corrected (undo that first), a change
    /// that changes nothing or cannot apply.
    pub fn correct(
        &mut self,
        article_id: i64,
        edit: &Edit,
        editor: &str,
        expect: Option<i64>,
    ) -> Result<Corrected, StoreError> {
        let editor = editor_name(editor)?;
        let tx = self.db.transaction()?;
        let (page, seq, title) = article_place(&tx, article_id)?;
        check_revision(&tx, page, expect, &title)?;
        let state = PageState::load(&tx, &self.dicts, page)?;
        let all = records(&tx, &CorrectionFilter { page: Some(page), ..Default::default() })?;
        let ops: Vec<(i64, Operation)> =
            all.iter().filter(|c| c.status != Status::Undone).map(|c| (c.id, c.operation.clone())).collect();
        let current = apply(state.base.pieces(), &ops).pieces;
        let index = usize::try_from(seq - 1).ok().filter(|i| *i < current.len()).ok_or_else(|| {
            StoreError::Conflict(format!(
                "article {article_id} 《{title}》 is out of step with its page: run `shuzibao reparse`"
            ))
        })?;
        let named = format!("article {article_id} 《{}》", current[index].article.headline.title);
        let op = operation_of(&tx, edit, &current, index, page, &named)?;
        if let Some(anchor) = op.field_of() {
            for c in all.iter().filter(|c| c.status == Status::Active && c.kind == op.kind()) {
                let same = c.operation.field_of().is_some_and(|a| find_article_in(&current, a) == Ok(index));
                if same && find_article_in(&current, anchor) == Ok(index) {
                    return Err(StoreError::Conflict(format!(
                        "{named} already has its {} corrected by {} at {} (correction #{}): undo that one first (`shuzibao correct undo {}`)",
                        c.kind, c.editor, c.created_at, c.id, c.id
                    )));
                }
            }
        }
        let mut trial_ops = ops.clone();
        trial_ops.push((i64::MAX, op.clone()));
        let trial = apply(state.base.pieces(), &trial_ops);
        if let Some((_, Some(why))) = trial.outcomes.last() {
            return Err(StoreError::Refused(format!("cannot {} {named}: {why}", op.kind())));
        }
        let same = |a: &[Piece], b: &[Piece]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.article == y.article && x.regions == y.regions)
        };
        if same(&trial.pieces, &current) {
            return Err(StoreError::Refused(format!("nothing to change: {named} already reads so")));
        }
        let id = tx.insert(
            "INSERT INTO corrections (issue_id, version, parser_version, editor, created_at, kind, operation, article_title, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'active')",
            p![
                page,
                state.version,
                state.parser_version,
                editor,
                now(),
                op.kind(),
                serde_json::to_string(&op)?,
                current[index].article.headline.title
            ],
        )?;
        let done = finish(&tx, &state, id)?;
        tx.commit()?;
        Ok(done)
    }

    /// Undoes correction `id` (it stays in the history, marked undone by
    /// `editor`), in one transaction with the rewrite of its page.
    /// Corrections that rested on it and no longer apply are reported.
    pub fn undo_correction(&mut self, id: i64, editor: &str, expect: Option<i64>) -> Result<Corrected, StoreError> {
        let editor = editor_name(editor)?;
        let tx = self.db.transaction()?;
        let c = tx
            .query_opt(format!("SELECT {RECORD_COLUMNS} FROM corrections c WHERE c.id = ?1"), p![id], record_of)?
            .ok_or_else(|| StoreError::NotFound(format!("correction {id}")))?;
        if c.status == Status::Undone {
            return Err(StoreError::Conflict(format!(
                "correction #{id} ({} of 《{}》) was undone already, by {} at {}",
                c.kind,
                c.article_title,
                c.undone_by.unwrap_or_default(),
                c.undone_at.unwrap_or_default()
            )));
        }
        check_revision(&tx, c.page_id, expect, &c.article_title)?;
        let state = PageState::load(&tx, &self.dicts, c.page_id)?;
        tx.execute(
            "UPDATE corrections SET status = 'undone', undone_by = ?1, undone_at = ?2 WHERE id = ?3",
            p![editor, now(), id],
        )?;
        let done = finish(&tx, &state, id)?;
        tx.commit()?;
        Ok(done)
    }

    /// Corrections, oldest first.
    pub fn corrections(&self, filter: &CorrectionFilter) -> Result<Vec<CorrectionRecord>, StoreError> {
        records(&self.db, filter)
    }

    /// The corrections that changed an article (its history), oldest first.
    pub fn corrections_of_article(&self, article_id: i64) -> Result<Vec<CorrectionRecord>, StoreError> {
        let ids: Option<String> = self.db.query_opt(
            "SELECT corrections FROM corrected_articles WHERE article_id = ?1",
            p![article_id],
            |r| r.get(0),
        )?;
        let Some(ids) = ids else { return Ok(Vec::new()) };
        let ids: Vec<i64> = serde_json::from_str(&ids)?;
        let page: i64 = self
            .db
            .query_opt("SELECT issue_id FROM articles WHERE id = ?1", p![article_id], |r| r.get(0))?
            .ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))?;
        let all = records(&self.db, &CorrectionFilter { page: Some(page), ..Default::default() })?;
        Ok(all.into_iter().filter(|c| ids.contains(&c.id)).collect())
    }

    /// A page's revision: how many corrections and undos it has had (give
    /// it to [`Store::correct`] to refuse a correction made on an older
    /// state).
    pub fn correction_revision(&self, page: i64) -> Result<i64, StoreError> {
        revision(&self.db, page)
    }
}

/// Rewrites the page after a correction or undo and says what it did.
fn finish(tx: &Db, state: &PageState, id: i64) -> Result<Corrected, StoreError> {
    let meta = state.meta();
    if state.fresh {
        save_base(tx, &meta, &state.base)?;
    }
    rewrite(tx, &meta, &state.base)?;
    // the page's articles are new rows: their continuations are linked again
    let mut touched = vec![state.page];
    if let Some(d) = state.date {
        touched.extend(link_continuations(tx, state.paper.as_deref(), d)?);
    }
    log_changes(tx, &touched, &now())?;
    let all = records(tx, &CorrectionFilter { page: Some(state.page), ..Default::default() })?;
    let correction =
        all.iter().find(|c| c.id == id).cloned().ok_or_else(|| StoreError::NotFound(format!("correction {id}")))?;
    Ok(Corrected {
        correction,
        articles: article_ids(tx, state.page)?,
        stale: all.into_iter().filter(|c| c.status == Status::Stale).collect(),
        revision: revision(tx, state.page)?,
    })
}

fn editor_name(editor: &str) -> Result<String, StoreError> {
    let name = editor.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(StoreError::Refused(
            "an editor's name is needed (1 to 64 characters, no control characters)".into(),
        ));
    }
    Ok(name.to_string())
}

/// The page, place and title of an article.
fn article_place(tx: &Db, id: i64) -> Result<(i64, i64, String), StoreError> {
    tx.query_opt("SELECT issue_id, seq, title FROM articles WHERE id = ?1", p![id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?
    .ok_or_else(|| {
        StoreError::NotFound(format!(
            "article {id} (a correction or a new version of its page may have replaced it since you read it: read the page again)"
        ))
    })
}

fn paragraph_anchor(p: &Paragraph) -> ParagraphAnchor {
    ParagraphAnchor::of(&p.text, (!p.span.is_empty()).then_some(p.span.start))
}

fn article_anchor(a: &Article) -> ArticleAnchor {
    ArticleAnchor { title: a.headline.title.clone(), first: a.paragraphs.first().map(paragraph_anchor) }
}

/// The operation an edit asks for, anchored on the current articles.
fn operation_of(
    tx: &Db,
    edit: &Edit,
    current: &[Piece],
    index: usize,
    page: i64,
    named: &str,
) -> Result<Operation, StoreError> {
    let a = &current[index].article;
    let paragraph = |k: usize| -> Result<&Paragraph, StoreError> {
        k.checked_sub(1).and_then(|i| a.paragraphs.get(i)).ok_or_else(|| {
            StoreError::Refused(format!(
                "{named} has {} paragraph(s): there is no paragraph {k} (paragraphs count from 1)",
                a.paragraphs.len()
            ))
        })
    };
    let other = |id: i64| -> Result<&Article, StoreError> {
        let (p, seq, _) = article_place(tx, id)?;
        if p != page {
            return Err(StoreError::Refused(format!(
                "article {id} is on another page than {named}: corrections join articles of one page only"
            )));
        }
        let i = usize::try_from(seq - 1).ok().filter(|i| *i < current.len()).ok_or_else(|| {
            StoreError::Conflict(format!("article {id} is out of step with its page: run `shuzibao reparse`"))
        })?;
        if i == index {
            return Err(StoreError::Refused(format!("{named} cannot be joined to itself")));
        }
        Ok(&current[i].article)
    };
    let given = |s: &Option<String>, now: &Option<String>| match s {
        None => now.clone(),
        Some(t) if t.trim().is_empty() => None,
        Some(t) => Some(t.trim().to_string()),
    };
    Ok(match edit {
        Edit::Split { paragraph: k, title } => {
            let p = paragraph(*k)?;
            if *k == 1 {
                return Err(StoreError::Refused(format!(
                    "paragraph 1 opens {named} already: split at a later paragraph"
                )));
            }
            let title = title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(String::from);
            Operation::Split { at: paragraph_anchor(p), title }
        }
        Edit::Merge { with } => Operation::Merge { article: article_anchor(a), with: article_anchor(other(*with)?) },
        Edit::Headline { kicker, title, subtitle } => {
            let h = &a.headline;
            let title = match title {
                Some(t) if t.trim().is_empty() => {
                    return Err(StoreError::Refused(format!("the title of {named} cannot be empty")))
                }
                Some(t) => t.trim().to_string(),
                None => h.title.clone(),
            };
            Operation::Headline {
                article: article_anchor(a),
                kicker: given(kicker, &h.kicker),
                title,
                subtitle: given(subtitle, &h.subtitle),
            }
        }
        Edit::Byline { reporters, photographers, authors } => {
            let b = &a.byline;
            let names = |given: &Option<Vec<String>>, now: Vec<String>| -> Vec<String> {
                given
                    .as_ref()
                    .map_or(now, |v| v.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            };
            Operation::Byline {
                article: article_anchor(a),
                reporters: names(reporters, b.reporters.clone()),
                photographers: names(photographers, b.photographers.clone()),
                authors: names(authors, b.authors.iter().map(|x| x.name.clone()).collect()),
            }
        }
        Edit::Kind { kind } => Operation::Kind { article: article_anchor(a), kind: *kind },
        Edit::Move { paragraph: k, to } => {
            Operation::Move { paragraph: paragraph_anchor(paragraph(*k)?), to: article_anchor(other(*to)?) }
        }
        Edit::Hide { paragraph: None } => Operation::HideArticle { article: article_anchor(a) },
        Edit::Hide { paragraph: Some(k) } => Operation::HideParagraph { paragraph: paragraph_anchor(paragraph(*k)?) },
    })
}
