//! `shuzibao correct …` and `shuzibao corrections`: an editor's corrections
//! of articles (split, merge, headline, byline, kind, move, hide, undo),
//! each one transaction with the rewrite of its page and the search and
//! people indexes brought up to date after it; and their list.

use crate::cli::{CorrectArgs, CorrectCommand, CorrectionsArgs};
use crate::exit::{Outcome, Status, UsageError};
use shuzibao_archive::ArchiveError;
use shuzibao_store::corrections::{kind_named, Edit, Status as CorrectionStatus};
use shuzibao_store::{Corrected, CorrectionFilter, CorrectionRecord, StoreError};

/// The editor's name: `--editor`, else `$USER`.
fn editor(common: &CorrectArgs) -> Result<String, UsageError> {
    common
        .editor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| UsageError("who corrects? give --editor NAME (or set $USER)".into()))
}

/// Names given as `甲,乙` or `甲、乙`; an empty value is nobody.
fn names(v: &Option<String>) -> Option<Vec<String>> {
    v.as_ref().map(|s| s.split([',', '、', '，']).map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect())
}

/// What the command asks for: the article (or the correction to undo),
/// the edit, and the common flags.
fn edit_of(c: &CorrectCommand) -> Result<(i64, Option<Edit>, &CorrectArgs), UsageError> {
    Ok(match c {
        CorrectCommand::Split { article, paragraph, title, common } => {
            (*article, Some(Edit::Split { paragraph: *paragraph, title: title.clone() }), common)
        }
        CorrectCommand::Merge { article, with, common } => (*article, Some(Edit::Merge { with: *with }), common),
        CorrectCommand::Headline { article, kicker, title, subtitle, common } => {
            if kicker.is_none() && title.is_none() && subtitle.is_none() {
                return Err(UsageError("give --kicker, --title or --subtitle".into()));
            }
            let edit = Edit::Headline { kicker: kicker.clone(), title: title.clone(), subtitle: subtitle.clone() };
            (*article, Some(edit), common)
        }
        CorrectCommand::Byline { article, reporters, photographers, authors, common } => {
            if reporters.is_none() && photographers.is_none() && authors.is_none() {
                return Err(UsageError("give --reporters, --photographers or --authors".into()));
            }
            let edit = Edit::Byline {
                reporters: names(reporters),
                photographers: names(photographers),
                authors: names(authors),
            };
            (*article, Some(edit), common)
        }
        CorrectCommand::Kind { article, kind, common } => {
            let kind = kind_named(kind).ok_or_else(|| {
                UsageError(format!("{kind:?} is no kind: news, briefs, photo, notice, letter or commentary"))
            })?;
            (*article, Some(Edit::Kind { kind }), common)
        }
        CorrectCommand::Move { article, paragraph, to, common } => {
            (*article, Some(Edit::Move { paragraph: *paragraph, to: *to }), common)
        }
        CorrectCommand::Hide { article, paragraph, common } => {
            (*article, Some(Edit::Hide { paragraph: *paragraph }), common)
        }
        CorrectCommand::Undo { id, common } => (*id, None, common),
    })
}

/// Runs `shuzibao correct …`.
pub fn run(c: &CorrectCommand) -> Outcome {
    let (target, edit, common) = edit_of(c)?;
    let editor = editor(common)?;
    if !common.data.has_archive()? {
        return Err(UsageError(format!("no archive in {}", common.data.dir.display())).into());
    }
    let mut archive = super::open_archive(&common.data)?;
    let done = match &edit {
        Some(e) => archive.correct(target, e, &editor, common.revision),
        None => archive.undo_correction(target, &editor, common.revision),
    };
    let done = match done {
        Err(ArchiveError::Store(e @ (StoreError::NotFound(_) | StoreError::Conflict(_) | StoreError::Refused(_)))) => {
            return Err(UsageError(e.to_string()).into())
        }
        r => r?,
    };
    archive.close()?;
    if common.json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        print_done(&done);
    }
    Ok(Status::Ok)
}

fn print_done(done: &Corrected) {
    let c = &done.correction;
    let verb = if c.status == CorrectionStatus::Undone { "undone" } else { "made" };
    println!("correction #{} ({} of 《{}》) {verb} by {}", c.id, c.kind, c.article_title, editor_of(c));
    let ids: Vec<String> = done.articles.iter().map(i64::to_string).collect();
    println!("the page's articles are now {}; its revision is {}", ids.join(", "), done.revision);
    for s in &done.stale {
        eprintln!("shuzibao: warning: {}", shuzibao_archive::ingest::stale_words(s));
    }
}

fn editor_of(c: &CorrectionRecord) -> &str {
    c.undone_by.as_deref().unwrap_or(&c.editor)
}

/// Runs `shuzibao corrections`.
pub fn list(a: &CorrectionsArgs) -> Outcome {
    let store = super::open_store(&a.data)?;
    let mut filter = CorrectionFilter { paper: a.paper.clone(), ..CorrectionFilter::default() };
    if a.stale {
        filter.status = Some(CorrectionStatus::Stale);
    }
    // the pages whose articles are listed (with their ids, to correct them)
    let mut pages = Vec::new();
    match a.which.as_deref() {
        None => {}
        Some(w) if w.contains('-') => {
            let day = w.parse().map_err(|_| UsageError(format!("{w:?} is not a date like 2024-01-01")))?;
            filter.date = Some(day);
            pages = store
                .issues()?
                .into_iter()
                .filter(|p| p.date == Some(day) && a.paper.as_ref().is_none_or(|want| p.paper.as_ref() == Some(want)))
                .map(|p| p.id)
                .collect();
        }
        Some(w) => {
            let id: i64 = w.parse().map_err(|_| UsageError(format!("{w:?} is neither a page id nor a date")))?;
            filter.page = Some(id);
            pages.push(id);
        }
    }
    let found = store.corrections(&filter)?;
    if a.json {
        let mut listed = Vec::new();
        for p in &pages {
            let articles: Vec<_> = store
                .articles_of_issue(*p)?
                .iter()
                .map(|a| serde_json::json!({"id": a.id, "title": a.title, "paragraphs": a.paragraphs.len()}))
                .collect();
            listed
                .push(serde_json::json!({"page": p, "revision": store.correction_revision(*p)?, "articles": articles}));
        }
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "pages": listed, "corrections": found }))?);
        return Ok(Status::Ok);
    }
    if filter.page.is_some() && store.articles_of_issue(pages[0])?.is_empty() {
        return Err(
            UsageError(format!("page {} has no articles (is it a page id? see `shuzibao issues`)", pages[0])).into()
        );
    }
    for p in &pages {
        let r = store.issue(*p)?;
        let at = format!(
            "{} {} {}",
            r.paper.as_deref().unwrap_or("-"),
            r.date.map_or_else(|| "undated".to_string(), |d| d.to_string()),
            r.page.map_or_else(String::new, |n| format!("第{}{n}版", r.section.as_deref().unwrap_or("")))
        );
        println!("page {p} ({}), revision {}:", at.trim(), store.correction_revision(*p)?);
        for a in &store.articles_of_issue(*p)? {
            println!("  article {:>6}  {}  ({} paragraphs)", a.id, a.title, a.paragraphs.len());
        }
    }
    if found.is_empty() {
        println!("no corrections");
    }
    for c in &found {
        let state = match c.status {
            CorrectionStatus::Active => String::new(),
            CorrectionStatus::Undone => format!(
                "  [undone by {} at {}]",
                c.undone_by.as_deref().unwrap_or("?"),
                c.undone_at.as_deref().unwrap_or("?")
            ),
            CorrectionStatus::Stale => {
                format!("  [no longer applies: {}]", c.reason.as_deref().unwrap_or("its text is gone"))
            }
        };
        println!(
            "#{:<5} page {:<5} {:<14} 《{}》 by {} at {} (version {}){state}",
            c.id, c.page_id, c.kind, c.article_title, c.editor, c.created_at, c.version
        );
    }
    Ok(Status::Ok)
}
