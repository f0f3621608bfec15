//! Writing the archive: a page ingested (a new page, a new version of one,
//! or nothing when the text is the same), every page read again by a new
//! parser, a date given to an undated page. Each is one transaction that
//! also links continuations across the pages of the issue and logs the
//! pages whose articles changed, for the search index to follow.

use crate::db::{p, Both, Db, ToDb};
use crate::pack::packed;
use crate::people::{KIND_EVENT, KIND_ORGANIZATION, KIND_PERSON, KIND_PLACE};
use crate::records::regions_json;
use crate::{
    content_hash, now, ArticleRecord, IngestReport, IngestRequest, LineBox, Outcome, PageAssets, Placement, Region,
    Store, StoreError, StoredParagraph,
};
use chrono::NaiveDate;
use shuzibao_core::{json, Article, Issue, PageNo};
use shuzibao_people::entities;
use std::collections::HashMap;

/// What a page read from a PDF keeps besides its text: its assets, and
/// each article's regions and lines.
type PdfPage<'a> = (&'a PageAssets, &'a [Vec<Region>], &'a [Vec<LineBox>]);

/// Each article's regions and lines, parallel to the articles.
pub(crate) type PdfArticles<'a> = (&'a [Vec<Region>], &'a [Vec<LineBox>]);

impl Store {
    /// Ingests one page (or a whole issue) in one transaction.
    pub fn ingest(&mut self, req: &IngestRequest<'_>) -> Result<IngestReport, StoreError> {
        self.ingest_page(req, None)
    }

    /// Ingests one page read from a PDF in one transaction: its text and
    /// articles as [`Store::ingest`] does, each article's regions (parallel
    /// to `req.issue.articles`) and the page's assets (the PDF and its
    /// images, which the caller has written to the data folder before).
    /// The page is the same again (unchanged) only when its text and its
    /// PDF page are. `lines` (parallel to the articles too, or empty) are
    /// where each article's text lines stand ([`crate::LineBox`]).
    pub fn ingest_pdf_page(
        &mut self,
        req: &IngestRequest<'_>,
        assets: &PageAssets,
        regions: &[Vec<Region>],
        lines: &[Vec<LineBox>],
    ) -> Result<IngestReport, StoreError> {
        self.ingest_page(req, Some((assets, regions, lines)))
    }

    fn ingest_page(&mut self, req: &IngestRequest<'_>, pdf: Option<PdfPage<'_>>) -> Result<IngestReport, StoreError> {
        // a page from a PDF is its text and its PDF page: the same text from
        // another PDF (or a scanned page without text) is another version
        let hash = match pdf {
            None => content_hash(req.raw_text),
            Some((a, _, _)) => content_hash(&format!("{}\u{0}pdf:{}#{}", req.raw_text, a.pdf_hash, a.pdf_page)),
        };
        let place = &req.placement;
        let key = place.key(&hash);
        let (paper, date) = (Some(place.paper.clone()), place.date);
        let page = place.page.map(|p| p.number);
        let section = place.page.and_then(|p| p.section).map(String::from);
        // (a transaction of its own, or a savepoint in a batch that
        // `Store::begin_batch` opened: rolled back alone when the page fails)
        let tx = self.db.unit()?;
        // (two look-ups by key rather than a join: SQLite compiles that join
        // again at every run)
        let found: Option<(i64, i64)> =
            tx.query_opt("SELECT id, current_version FROM issues WHERE key = ?1", p![key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        // the issue, its current version and that version's hash
        let existing: Option<(i64, i64, String)> = match found {
            Some((id, version_id)) => {
                tx.query_opt("SELECT version, content_hash FROM issue_versions WHERE id = ?1", p![version_id], |r| {
                    Ok((id, r.get(0)?, r.get(1)?))
                })?
            }
            None => None,
        };
        if let Some((issue_id, _, h)) = &existing {
            if *h == hash {
                let articles = count(&tx, "SELECT count(*) FROM articles WHERE issue_id = ?1", *issue_id)?;
                return Ok(IngestReport { issue_id: *issue_id, key, outcome: Outcome::Unchanged, articles });
            }
        }
        let at = now();
        let (parsed, parse_hash) = issue_level(req.issue);
        let (issue_id, version) = match existing {
            Some((id, v, _)) => (id, v + 1),
            None => {
                let id = tx.insert(
                    "INSERT INTO issues (key, paper, date, page, section, part, current_version, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)",
                    p![key, paper, date.map(|d| d.to_string()), page, section, place.part, at],
                )?;
                (id, 1)
            }
        };
        let version_id = tx.insert(
            "INSERT INTO issue_versions (issue_id, version, content_hash, source, encoding, raw_text, parser_version, parsed, parse_hash, ingested_at, raw_bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            p![
                issue_id,
                version,
                hash,
                req.source,
                req.encoding,
                self.dicts.pack_raw(req.raw_text)?,
                req.parser_version,
                packed(&parsed, None)?,
                parse_hash,
                at,
                req.raw_text.len()
            ],
        )?;
        if let Some((a, _, _)) = pdf {
            tx.execute(
                "INSERT INTO page_assets (version_id, pdf_hash, pdf_page, width, height, label, images)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                p![
                    version_id,
                    a.pdf_hash,
                    a.pdf_page,
                    f64::from(a.width),
                    f64::from(a.height),
                    a.label,
                    serde_json::to_string(&a.images)?
                ],
            )?;
        }
        tx.execute(
            "UPDATE issues SET current_version = ?1, updated_at = ?2, paper = ?3, date = ?4, page = ?5, section = ?6,
                    page_name = ?7, date_source = ?8, inferred_date = ?9, date_evidence = ?10 WHERE id = ?11",
            p![
                version_id,
                at,
                paper,
                date.map(|d| d.to_string()),
                page,
                section,
                place.page_name,
                place.date_source,
                place.guess.map(|d| d.to_string()),
                place.date_evidence,
                issue_id
            ],
        )?;
        let meta =
            IssueMeta { id: issue_id, version_id, raw: req.raw_text, paper: paper.clone(), date, page: place.page };
        let found = match req.entities {
            Some(e) if e.len() == req.issue.articles.len() => e.to_vec(),
            _ => entities::extract_issue(&req.issue.articles, date),
        };
        let articles = crate::corrections::write_articles(&tx, &meta, req.issue, found, pdf.map(|(_, r, l)| (r, l)))?;
        let mut touched = vec![issue_id];
        if let Some(d) = date {
            touched.extend(link_continuations(&tx, paper.as_deref(), d)?);
        }
        log_changes(&tx, &touched, &at)?;
        tx.commit()?;
        let outcome = if existing.is_some() { Outcome::Updated { version } } else { Outcome::Added };
        Ok(IngestReport { issue_id, key, outcome, articles })
    }

    /// Parses every issue's current raw text again with `parse` and, where
    /// the result differs from what is stored, replaces the articles (the
    /// raw text and its version stay). Returns how many issues changed.
    /// Pages read from a PDF are left as they are: their articles and
    /// regions come from the page's layout, which a text parser cannot
    /// make again.
    pub fn reparse(&mut self, parse: impl Fn(&str) -> Issue, parser_version: &str) -> Result<usize, StoreError> {
        let rows: Vec<(i64, i64, String, String)> = {
            self.db.query(
                "SELECT i.id, v.id, v.raw_text, v.parse_hash FROM issues i JOIN issue_versions v ON v.id = i.current_version
                 WHERE NOT EXISTS (SELECT 1 FROM page_assets p WHERE p.version_id = v.id) ORDER BY i.id",
                p![],
                |r| Ok((r.get(0)?, r.get(1)?, self.dicts.raw_at(r, 2, &self.db)?, r.get(3)?)),
            )?
        };
        let mut changed = 0;
        for (issue_id, version_id, raw, old) in rows {
            let issue = parse(&raw);
            let (parsed, parse_hash) = issue_level(&issue);
            if parse_hash == old {
                continue;
            }
            let tx = self.db.transaction()?;
            let (paper, date, page) = page_of(&tx, issue_id)?;
            tx.execute(
                "UPDATE issue_versions SET parsed = ?1, parse_hash = ?2, parser_version = ?3 WHERE id = ?4",
                p![packed(&parsed, None)?, parse_hash, parser_version, version_id],
            )?;
            let meta = IssueMeta { id: issue_id, version_id, raw: &raw, paper: paper.clone(), date, page };
            let found = entities::extract_issue(&issue.articles, date);
            crate::corrections::write_articles(&tx, &meta, &issue, found, None)?;
            let mut touched = vec![issue_id];
            if let Some(d) = date {
                touched.extend(link_continuations(&tx, paper.as_deref(), d)?);
            }
            log_changes(&tx, &touched, &now())?;
            tx.commit()?;
            changed += 1;
        }
        Ok(changed)
    }

    /// Gives a page its date (an undated page, or one dated wrongly): its
    /// identity becomes `paper|date|page`, its articles and mentions take the
    /// date, dates written relative to it (`昨天`) are read again, and it
    /// joins that day's issue (continuations linked). Its versions stay. A
    /// page the archive already has at that place is a conflict.
    pub fn set_date(&mut self, page_id: i64, date: NaiveDate, source: &str) -> Result<IngestReport, StoreError> {
        let tx = self.db.transaction()?;
        let (paper, old, page) = page_of(&tx, page_id)?;
        let hash: String = tx.value(
            "SELECT v.content_hash FROM issues i JOIN issue_versions v ON v.id = i.current_version WHERE i.id = ?1",
            p![page_id],
        )?;
        let placement = Placement {
            paper: paper.clone().unwrap_or_else(|| "-".into()),
            date: Some(date),
            page,
            ..Default::default()
        };
        let key = placement.key(&hash);
        let taken: Option<i64> =
            tx.query_opt("SELECT id FROM issues WHERE key = ?1 AND id <> ?2", p![key, page_id], |r| r.get(0))?;
        if let Some(other) = taken {
            return Err(StoreError::Conflict(format!(
                "the archive already has {} on {date} (page id {other}); ingest this text as a new version of it instead",
                page.map_or_else(|| "that issue".to_string(), |p| format!("page {p} of {}", placement.paper))
            )));
        }
        let day = date.to_string();
        tx.execute(
            "UPDATE issues SET key = ?1, date = ?2, date_source = ?3, updated_at = ?4, inferred_date = NULL WHERE id = ?5",
            p![key, day, source, now(), page_id],
        )?;
        tx.execute("UPDATE articles SET date = ?1 WHERE issue_id = ?2", p![day, page_id])?;
        // what the articles name, read again against the new date
        let articles = crate::read::articles_of(&tx, &self.dicts, page_id)?;
        let models: Vec<Article> = articles.iter().map(article_of_record).collect();
        tx.execute(DELETE_MENTIONS, p![page_id])?;
        tx.execute("DELETE FROM event_dates WHERE issue_id = ?1", p![page_id])?;
        for (a, e) in articles.iter().zip(entities::extract_issue(&models, Some(date))) {
            store_entities(&tx, page_id, a.id, Some(date), &e)?;
        }
        let mut touched = vec![page_id];
        touched.extend(link_continuations(&tx, paper.as_deref(), date)?);
        if let Some(d) = old.filter(|d| *d != date) {
            touched.extend(link_continuations(&tx, paper.as_deref(), d)?);
        }
        log_changes(&tx, &touched, &now())?;
        tx.commit()?;
        Ok(IngestReport { issue_id: page_id, key, outcome: Outcome::Redated, articles: articles.len() })
    }
}

/// Deletes the mentions of a page's articles (before the articles, through
/// which they are found: mentions have no index by page since schema 6).
pub(crate) const DELETE_MENTIONS: &str =
    "DELETE FROM mentions WHERE article_id IN (SELECT id FROM articles WHERE issue_id = ?1)";

/// What a version keeps of its parse besides the articles (which have their
/// own table): the masthead, teasers and leftovers as contract JSON, and a
/// hash of the whole parse, to tell whether a new parser reads it differently.
fn issue_level(issue: &Issue) -> (String, String) {
    let mut v = json::to_value(issue, None);
    let hash = content_hash(&v.to_string());
    if let Some(o) = v.as_object_mut() {
        o.remove("articles");
    }
    (v.to_string(), hash)
}

fn count(tx: &Db, sql: &str, id: i64) -> Result<usize, StoreError> {
    tx.value(sql, p![id])
}

/// What `replace_articles` needs to know of the page.
pub(crate) struct IssueMeta<'a> {
    pub(crate) id: i64,
    pub(crate) version_id: i64,
    /// The version's raw text, against which the paragraphs are packed.
    pub(crate) raw: &'a str,
    pub(crate) paper: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) page: Option<PageNo>,
}

/// The paper, date and page of a stored page.
pub(crate) type PagePlace = (Option<String>, Option<NaiveDate>, Option<PageNo>);

/// Where a stored page is: its paper, date and page.
pub(crate) fn page_of(tx: &Db, id: i64) -> Result<PagePlace, StoreError> {
    let (paper, date, page, section): (Option<String>, Option<String>, Option<u32>, Option<String>) = tx
        .query_opt("SELECT paper, date, page, section FROM issues WHERE id = ?1", p![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .ok_or_else(|| StoreError::NotFound(format!("page {id}")))?;
    let page = page.map(|number| PageNo { section: section.and_then(|s| s.chars().next()), number });
    Ok((paper, date.and_then(|d| d.parse().ok()), page))
}

/// Replaces the current articles of an issue with those of `issue` (as
/// they are: [`crate::corrections::write_articles`] applies the page's
/// corrections first).
pub(crate) fn replace_articles(
    tx: &Db,
    meta: &IssueMeta<'_>,
    issue: &Issue,
    found: Vec<entities::Entities>,
    pdf: Option<PdfArticles<'_>>,
) -> Result<usize, StoreError> {
    // Articles continued from one of these lose the link; it is made again below.
    tx.execute(
        "UPDATE articles SET continues = NULL WHERE continues IN (SELECT id FROM articles WHERE issue_id = ?1)",
        p![meta.id],
    )?;
    tx.execute(DELETE_MENTIONS, p![meta.id])?;
    tx.execute("DELETE FROM articles WHERE issue_id = ?1", p![meta.id])?;
    tx.execute("DELETE FROM event_dates WHERE issue_id = ?1", p![meta.id])?;
    const INSERT: &str = "INSERT INTO articles (issue_id, version_id, seq, paper, date, page, section, kind, column_label, kicker, title,
            subtitle, title_inferred, reporters, photographers, correspondents, authors, dateline, source, continued_to,
            continued_from, paragraphs, span_start, span_end, regions, lines, confidence_boundary, confidence_title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23, ?24, ?25, ?26, ?27, ?28)";
    for (i, (a, e)) in issue.articles.iter().zip(found).enumerate() {
        let paragraphs: Vec<StoredParagraph> =
            a.paragraphs.iter().map(|p| StoredParagraph { text: p.text.clone(), role: p.role }).collect();
        let lines = pdf.and_then(|(_, l)| l.get(i)).filter(|l| !l.is_empty()).map(|l| crate::lines::encode(l));
        let id = tx.insert(
            INSERT,
            p![
                meta.id,
                meta.version_id,
                i + 1,
                meta.paper,
                meta.date.map(|d| d.to_string()),
                a.page.or(meta.page.map(|p| p.number)),
                meta.page.and_then(|p| p.section).map(String::from),
                a.kind.as_str(),
                a.column,
                a.headline.kicker,
                a.headline.title,
                a.headline.subtitle,
                a.headline.inferred,
                serde_json::to_string(&a.byline.reporters)?,
                serde_json::to_string(&a.byline.photographers)?,
                serde_json::to_string(&a.byline.correspondents)?,
                serde_json::to_string(&a.byline.authors)?,
                a.dateline,
                a.source,
                a.continued_to_page,
                a.continued_from_page,
                packed(&serde_json::to_string(&paragraphs)?, Some(meta.raw))?,
                a.span.start,
                a.span.end,
                pdf.map(|(r, _)| regions_json(r.get(i).map_or(&[][..], Vec::as_slice))),
                lines,
                a.confidence.two_decimals().0,
                a.confidence.two_decimals().1,
            ],
        )?;
        store_entities(tx, meta.id, id, meta.date, &e)?;
    }
    Ok(issue.articles.len())
}

/// Stores the people, organisations, places, events and dates found in one article.
pub(crate) fn store_entities(
    tx: &Db,
    issue_id: i64,
    article_id: i64,
    date: Option<NaiveDate>,
    e: &entities::Entities,
) -> Result<(), StoreError> {
    // (the table named: PostgreSQL finds a bare `post` ambiguous there)
    const MENTIONS: &str = "INSERT INTO mentions (article_id, kind, name, date, seq, post, role, paragraph) VALUES";
    const ON_CONFLICT: &str = "ON CONFLICT (article_id, kind, name) DO UPDATE SET
             post = coalesce(mentions.post, excluded.post), role = coalesce(mentions.role, excluded.role)";
    const DATES: &str =
        "INSERT INTO event_dates (article_id, issue_id, text, date, approximate, part_of_day, paragraph) VALUES";
    let day = date.map(crate::people::day_code);
    let rows = mention_rows(e);
    let mut params: Vec<&dyn ToDb> = Vec::with_capacity(rows.len() * 8);
    for m in &rows {
        params.extend([&article_id as &dyn ToDb, &m.kind, &m.name, &day, &m.seq, &m.post, &m.role, &m.paragraph]);
    }
    tx.insert_rows(MENTIONS, 8, ON_CONFLICT, &params)?;
    let days: Vec<Option<String>> = e.dates.iter().map(|d| d.date.map(|x| x.to_string())).collect();
    let mut params: Vec<&dyn ToDb> = Vec::with_capacity(e.dates.len() * 7);
    for (d, day) in e.dates.iter().zip(&days) {
        params.extend([
            &article_id as &dyn ToDb,
            &issue_id,
            &d.text,
            day,
            &d.approximate,
            &d.part_of_day,
            &d.paragraph,
        ]);
    }
    tx.insert_rows(DATES, 7, "", &params)?;
    Ok(())
}

/// One row of `mentions` to be written.
struct MentionRow<'a> {
    kind: i64,
    name: &'a str,
    seq: i64,
    post: Option<&'a str>,
    role: Option<i64>,
    paragraph: Option<usize>,
}

/// An article's mentions as rows: people, then organisations, places and
/// events, numbered in that order; a name once a kind, at its first
/// mention, with the first post and the first role written for it (a byline
/// role over a mention in the text).
fn mention_rows(e: &entities::Entities) -> Vec<MentionRow<'_>> {
    let mut rows: Vec<MentionRow<'_>> = Vec::new();
    let mut at: HashMap<(i64, &str), usize> = HashMap::new();
    let people = e.people.iter().map(|p| MentionRow {
        kind: KIND_PERSON,
        name: &p.name,
        seq: 0,
        post: p.post.as_deref(),
        role: crate::people::role_code(p.role),
        paragraph: p.paragraph,
    });
    let others = [(KIND_ORGANIZATION, &e.organizations), (KIND_PLACE, &e.places), (KIND_EVENT, &e.events)]
        .into_iter()
        .flat_map(|(kind, names)| {
            names.iter().map(move |n| MentionRow { kind, name: n, seq: 0, post: None, role: None, paragraph: None })
        });
    for (seq, mut row) in (1..).zip(people.chain(others)) {
        match at.get(&(row.kind, row.name)) {
            Some(&i) => {
                let first = &mut rows[i];
                first.post = first.post.or(row.post);
                first.role = first.role.or(row.role);
            }
            None => {
                at.insert((row.kind, row.name), rows.len());
                row.seq = seq;
                rows.push(row);
            }
        }
    }
    rows
}

/// Links every article marked `上接第M版` on page N of a paper's issue of
/// `date` to the article on page M marked `下转第N版`. Returns the issues
/// whose links changed (their index entries must be made again).
pub(crate) fn link_continuations(tx: &Db, paper: Option<&str>, date: NaiveDate) -> Result<Vec<i64>, StoreError> {
    struct Row {
        id: i64,
        issue: i64,
        page: Option<u32>,
        to: Option<u32>,
        from: Option<u32>,
        continues: Option<i64>,
        seq: i64,
    }
    const ARTICLES_OF_DAY: Both = Both {
        sqlite: "SELECT id, issue_id, page, continued_to, continued_from, continues, seq FROM articles
         WHERE paper IS ?1 AND date = ?2",
        postgres: "SELECT id, issue_id, page, continued_to, continued_from, continues, seq FROM articles
         WHERE paper IS NOT DISTINCT FROM ?1 AND date = ?2",
    };
    let mut rows: Vec<Row> = tx.query(ARTICLES_OF_DAY, p![paper, date.to_string()], |r| {
        Ok(Row {
            id: r.get(0)?,
            issue: r.get(1)?,
            page: r.get(2)?,
            to: r.get(3)?,
            from: r.get(4)?,
            continues: r.get(5)?,
            seq: r.get(6)?,
        })
    })?;
    // in reading order, sorted here rather than by SQLite (see `articles_of_issue`)
    rows.sort_by_key(|r| (r.page, r.issue, r.seq));
    let mut touched = Vec::new();
    let mut taken = std::collections::HashSet::new();
    for b in rows.iter().filter(|r| r.from.is_some()) {
        let head = rows
            .iter()
            .find(|a| a.id != b.id && !taken.contains(&a.id) && a.to.is_some() && a.to == b.page && a.page == b.from);
        let want = head.map(|a| a.id);
        if let Some(a) = head {
            taken.insert(a.id);
        }
        if want != b.continues {
            tx.execute("UPDATE articles SET continues = ?1 WHERE id = ?2", p![want, b.id])?;
            touched.push(b.issue);
            if let Some(a) = head {
                touched.push(a.issue);
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

pub(crate) fn log_changes(tx: &Db, issues: &[i64], at: &str) -> Result<(), StoreError> {
    let mut seen = std::collections::HashSet::new();
    for id in issues {
        if seen.insert(*id) {
            tx.execute("INSERT INTO changes (issue_id, at) VALUES (?1, ?2)", p![id, at])?;
        }
    }
    Ok(())
}

/// An article of the model rebuilt from its record (for extracting entities
/// again; the base of corrections takes it with its kind and paragraphs).
pub(crate) fn article_of_record(a: &ArticleRecord) -> Article {
    use shuzibao_core::{ArticleKind, Author, Byline, Headline, Paragraph, Span};
    Article {
        kind: ArticleKind::News,
        column: a.column.clone(),
        headline: Headline {
            kicker: a.kicker.clone(),
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            inferred: a.title_inferred,
        },
        byline: Byline {
            reporters: a.reporters.clone(),
            photographers: a.photographers.clone(),
            correspondents: a.correspondents.clone(),
            interns: Vec::new(),
            authors: a.authors.iter().map(|x| Author { name: x.name.clone(), role: x.role.clone() }).collect(),
        },
        dateline: a.dateline.clone(),
        source: a.source.clone(),
        continued_to_page: a.continued_to,
        continued_from_page: a.continued_from,
        page: a.page,
        signed_date: None,
        paragraphs: a
            .paragraphs
            .iter()
            .map(|p| Paragraph { text: p.text.clone(), role: p.role, span: Span::default() })
            .collect(),
        span: Span::new(a.span.0, a.span.1),
        confidence: a.confidence.unwrap_or_default(),
    }
}
