//! What pages and the API show, built once from the archive: the papers, a
//! paper's issue with its articles by page, its undated pages, an article with its continuation followed, search
//! results with snippets and facets. Plain data; HTML templates and JSON
//! serialisation both read these.

use crate::error::Failure;
use crate::AppState;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
pub use shuzibao_archive::export::kind_label;
use shuzibao_search::snippet::{find_matches, Snippet};
use shuzibao_search::{Facets, Query, SearchRequest, Sort};
use shuzibao_store::{ArticleRecord, IssueRecord, PaperRecord, Store};

/// A piece of text, marked when it matches the words searched for.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is a match to highlight.
    pub hit: bool,
}

/// A paragraph to show.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphView {
    /// The paragraph in segments (one unless words are highlighted).
    pub segments: Vec<Segment>,
    /// Whether it is a sub-heading.
    pub subheading: bool,
}

/// A person named in the byline, with a role for display.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// The name.
    pub name: String,
    /// 记者, 摄影, 通讯员, or the post of a signed author.
    pub role: String,
}

/// An article as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Id in the archive.
    pub id: i64,
    /// Its page URL.
    pub url: String,
    /// The issue it is in.
    pub issue_id: i64,
    /// Its place in the issue.
    pub seq: i64,
    /// The paper's name.
    pub paper: Option<String>,
    /// Publication date, ISO.
    pub date: Option<String>,
    /// The date as printed in Chinese: `2024年1月1日`.
    pub date_cn: String,
    /// Page.
    pub page: Option<u32>,
    /// The page as printed: `2`, `A3`.
    pub page_label: Option<String>,
    /// The page's name (要闻), when known where the view was built.
    pub page_name: Option<String>,
    /// The paper's page.
    pub paper_url: Option<String>,
    /// The issue's page (the paper's issue of the date), when dated.
    pub issue_url: Option<String>,
    /// The page's page (版), when dated.
    pub page_url: Option<String>,
    /// news, briefs, …
    pub kind: String,
    /// 消息, 简讯, …
    pub kind_label: String,
    /// Column label.
    pub column: Option<String>,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub title: String,
    /// 副题.
    pub subtitle: Option<String>,
    /// The title was inferred, not printed.
    pub title_inferred: bool,
    /// How sure the parser was of its boundaries and its headline (`null`
    /// for an article stored before confidence was kept).
    pub confidence: Option<ConfidenceView>,
    /// Everyone in the byline.
    pub people: Vec<PersonView>,
    /// 本报讯 …
    pub dateline: Option<String>,
    /// (来源：…)
    pub source: Option<String>,
    /// Paragraphs.
    pub paragraphs: Vec<ParagraphView>,
    /// The first words, for lists and feeds.
    pub lead: String,
    /// 下转第N版.
    pub continued_to: Option<u32>,
    /// 上接第N版.
    pub continued_from: Option<u32>,
    /// The article on an earlier page this one continues: (id, title).
    pub continues: Option<(i64, String)>,
    /// The continuation on a later page, shown after this article's text.
    pub continuation: Option<Box<ArticleView>>,
    /// Whether it has a zone on its page's image (read from a PDF).
    #[serde(skip)]
    pub on_page: bool,
}

/// How sure the parser was of an article, each 0..=1 (see
/// `shuzibao_core::Confidence`): its boundaries and its headline.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ConfidenceView {
    /// That it is one whole article.
    pub boundary: f64,
    /// That its title is the printed one.
    pub title: f64,
}

/// One piece of an article's meta line (paper, date, page, kind, column),
/// with its link.
#[derive(Debug, Clone, Serialize)]
pub struct MetaPart {
    /// What is shown.
    pub text: String,
    /// Where it links to.
    pub href: Option<String>,
    /// The ISO date, when the piece is a date.
    pub datetime: Option<String>,
}

impl ArticleView {
    /// The meta line's pieces, only those known: the paper, the date (or
    /// 未注明日期 for an undated page), the page with its name, the kind and
    /// the column. Joined by ` · ` when shown, so nothing missing leaves a
    /// separator behind.
    pub fn meta_parts(&self) -> Vec<MetaPart> {
        let part = |text: String, href: Option<String>| MetaPart { text, href, datetime: None };
        let mut v = Vec::new();
        if let Some(p) = &self.paper {
            v.push(part(p.clone(), self.paper_url.clone()));
        }
        match &self.date {
            Some(d) => {
                v.push(MetaPart { text: self.date_cn.clone(), href: self.issue_url.clone(), datetime: Some(d.clone()) })
            }
            None => v.push(part("未注明日期".into(), self.paper_url.as_ref().map(|u| format!("{u}#undated")))),
        }
        if let Some(l) = &self.page_label {
            let text = match &self.page_name {
                Some(n) => format!("第{l}版 {n}"),
                None => format!("第{l}版"),
            };
            v.push(part(text, self.page_url.clone()));
        }
        v.push(part(self.kind_label.clone(), None));
        if let Some(c) = &self.column {
            v.push(part(c.clone(), None));
        }
        v
    }
}

/// The URL of a paper's page: `/papers/人民日报`, the name percent-encoded.
pub fn paper_url(paper: &str) -> String {
    format!("/papers/{}", url_encode(paper))
}

/// The URL of a paper's issue of a date: `/papers/人民日报/2019-10-08`.
pub fn issue_url(paper: &str, date: NaiveDate) -> String {
    format!("{}/{date}", paper_url(paper))
}

/// The URL of one page (版) of an issue: `/papers/人民日报/2019-10-08/A3`.
pub fn page_url(paper: &str, date: NaiveDate, page: &str) -> String {
    format!("{}/{}", issue_url(paper, date), url_encode(page))
}

/// The page as printed (`2`, `A3`) of a page number and a section letter.
fn page_label(page: Option<u32>, section: Option<&str>) -> Option<String> {
    let number = page?;
    Some(shuzibao_core::PageNo { section: section.and_then(|s| s.chars().next()), number }.to_string())
}

/// `2024年1月1日`.
pub fn date_cn(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day())).unwrap_or_default()
}

/// Splits a text into segments, marking matches of `needles`.
pub fn segments(text: &str, needles: &[String]) -> Vec<Segment> {
    if needles.is_empty() {
        return vec![Segment { text: text.to_string(), hit: false }];
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in find_matches(text, needles) {
        if a > at {
            out.push(Segment { text: chars[at..a].iter().collect(), hit: false });
        }
        out.push(Segment { text: chars[a..b].iter().collect(), hit: true });
        at = b;
    }
    if at < chars.len() || out.is_empty() {
        out.push(Segment { text: chars[at..].iter().collect(), hit: false });
    }
    out
}

fn lead(a: &ArticleRecord, chars: usize) -> String {
    let text: String = a.body.chars().map(|c| if c == '\n' { ' ' } else { c }).take(chars + 1).collect();
    if text.chars().count() > chars {
        let mut t: String = text.chars().take(chars).collect();
        t.push('…');
        t
    } else {
        text
    }
}

/// The view of an article; with `follow`, its continuation on a later page
/// is loaded and attached.
pub fn article_view(
    store: &Store,
    a: &ArticleRecord,
    highlight: &[String],
    follow: bool,
) -> Result<ArticleView, Failure> {
    let people: Vec<PersonView> =
        shuzibao_archive::export::byline_people(a).into_iter().map(|(name, role)| PersonView { name, role }).collect();
    let continues = match a.continues {
        Some(id) => store.article(id).ok().map(|h| (h.id, h.title)),
        None => None,
    };
    let continuation = match (follow, a.continued_by) {
        (true, Some(id)) => match store.article(id) {
            Ok(tail) => Some(Box::new(article_view(store, &tail, highlight, false)?)),
            Err(_) => None,
        },
        _ => None,
    };
    let page_label = page_label(a.page, a.section.as_deref());
    let dated = a.paper.as_deref().zip(a.date);
    Ok(ArticleView {
        id: a.id,
        url: format!("/articles/{}", a.id),
        issue_id: a.issue_id,
        seq: a.seq,
        paper: a.paper.clone(),
        date: a.date.map(|d| d.to_string()),
        date_cn: date_cn(a.date),
        page: a.page,
        page_url: dated.zip(page_label.as_deref()).map(|((p, d), l)| page_url(p, d, l)),
        page_label,
        page_name: None,
        paper_url: a.paper.as_deref().map(paper_url),
        issue_url: dated.map(|(p, d)| issue_url(p, d)),
        kind: a.kind.clone(),
        kind_label: kind_label(&a.kind).to_string(),
        column: a.column.clone(),
        kicker: a.kicker.clone(),
        title: a.title.clone(),
        subtitle: a.subtitle.clone(),
        title_inferred: a.title_inferred,
        confidence: a.confidence.map(|c| {
            let (boundary, title) = c.two_decimals();
            ConfidenceView { boundary, title }
        }),
        people,
        dateline: a.dateline.clone(),
        source: a.source.clone(),
        paragraphs: a
            .paragraphs
            .iter()
            .map(|p| ParagraphView {
                segments: segments(&p.text, highlight),
                subheading: p.role == shuzibao_core::ParagraphRole::Subheading,
            })
            .collect(),
        lead: lead(a, 80),
        continued_to: a.continued_to,
        continued_from: a.continued_from,
        continues,
        continuation,
        on_page: !a.regions.is_empty(),
    })
}

/// A stored page (one paper's page of a date, or a whole issue stored as
/// one) as listed.
#[derive(Debug, Clone, Serialize)]
pub struct IssueSummary {
    /// Id in the archive (the page's: `POST /api/v1/pages/{id}/date` dates it).
    pub id: i64,
    /// The paper's name.
    pub paper: Option<String>,
    /// Date, ISO.
    pub date: Option<String>,
    /// Date in Chinese.
    pub date_cn: String,
    /// Page, when the row is one page.
    pub page: Option<u32>,
    /// The page as printed (`2`, `A3`).
    pub page_label: Option<String>,
    /// The page's name (要闻).
    pub page_name: Option<String>,
    /// Articles in it.
    pub article_count: i64,
    /// The page of its paper's issue of its date (none while undated).
    pub url: Option<String>,
    /// 第N期.
    pub issue_no: Option<u64>,
    /// 总第N期.
    pub total_issue_no: Option<u64>,
}

/// The summary of a stored page.
pub fn issue_summary(i: &IssueRecord) -> IssueSummary {
    let m = i.masthead.as_ref().filter(|m| !m.is_null());
    IssueSummary {
        id: i.id,
        paper: i.paper.clone(),
        date: i.date.map(|d| d.to_string()),
        date_cn: date_cn(i.date),
        page: i.page,
        page_label: i.page_no().map(|p| p.to_string()),
        page_name: i.page_name.clone(),
        article_count: i.article_count,
        url: i.paper.as_deref().zip(i.date).map(|(p, d)| issue_url(p, d)),
        issue_no: m.and_then(|m| m["issue_no"].as_u64()),
        total_issue_no: m.and_then(|m| m["total_issue_no"].as_u64()),
    }
}

/// A paper of the archive, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct PaperView {
    /// The paper's name.
    pub name: String,
    /// Its page: `/papers/人民日报`.
    pub url: String,
    /// Its issues in the JSON API.
    pub api_url: String,
    /// Its feed of latest articles.
    pub feed_url: String,
    /// Dated issues (distinct dates).
    pub issues: i64,
    /// Pages, dated or not.
    pub pages: i64,
    /// Pages without a date.
    pub undated: i64,
    /// The first date, ISO.
    pub first: Option<String>,
    /// The latest date, ISO.
    pub last: Option<String>,
    /// The latest date in Chinese.
    pub last_cn: String,
    /// The page of its latest issue.
    pub latest_url: Option<String>,
}

fn paper_view(p: &PaperRecord) -> PaperView {
    let url = paper_url(&p.name);
    PaperView {
        api_url: format!("/api/v1{url}/issues"),
        feed_url: format!("{url}/feed.atom"),
        name: p.name.clone(),
        issues: p.issues,
        pages: p.pages,
        undated: p.undated,
        first: p.first.map(|d| d.to_string()),
        last: p.last.map(|d| d.to_string()),
        last_cn: date_cn(p.last),
        latest_url: p.last.map(|d| issue_url(&p.name, d)),
        url,
    }
}

/// The papers of the archive, the one with the latest issue first.
pub fn papers(store: &Store) -> Result<Vec<PaperView>, Failure> {
    Ok(store.papers()?.iter().map(paper_view).collect())
}

/// One paper, or not found.
pub fn paper(store: &Store, name: &str) -> Result<PaperView, Failure> {
    store
        .papers()?
        .iter()
        .find(|p| p.name == name)
        .map(paper_view)
        .ok_or_else(|| Failure::NotFound(format!("档案中没有 {name} (no such paper)")))
}

/// One page (版) of an issue and its articles.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The stored page's id (none for a page of a whole issue stored as one).
    pub id: Option<i64>,
    /// The page number, if known.
    pub number: Option<u32>,
    /// The page as printed (`2`, `A3`), if known.
    pub label: Option<String>,
    /// Its name (要闻), if printed.
    pub name: Option<String>,
    /// Its own page: `/papers/人民日报/2019-10-08/A3`.
    pub url: Option<String>,
    /// Its articles in reading order.
    pub articles: Vec<ArticleView>,
}

/// A teaser as shown.
#[derive(Debug, Clone, Serialize)]
pub struct TeaserView {
    /// Pages it points to.
    pub pages: Vec<u32>,
    /// `10-11`.
    pub pages_label: String,
    /// The title.
    pub title: String,
    /// Anchor of the first page it points to.
    pub href: String,
}

/// One paper's issue of one date: masthead, teasers, its pages in page
/// order with their articles, and the paper's issues before and after.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// The date, ISO.
    pub date: String,
    /// In Chinese.
    pub date_cn: String,
    /// Weekday as printed.
    pub weekday: Option<String>,
    /// The paper's name.
    pub paper: Option<String>,
    /// The paper's page.
    pub paper_url: String,
    /// This issue's page.
    pub url: String,
    /// 第N期.
    pub issue_no: Option<u64>,
    /// 总第N期.
    pub total_issue_no: Option<u64>,
    /// 本期N版.
    pub page_count: Option<u64>,
    /// Teasers of the front page.
    pub teasers: Vec<TeaserView>,
    /// Pages with their articles.
    pub pages: Vec<PageView>,
    /// The paper's issue before this one: its date.
    pub prev: Option<String>,
    /// The paper's issue after this one: its date.
    pub next: Option<String>,
    /// The page of the issue before.
    pub prev_url: Option<String>,
    /// The page of the issue after.
    pub next_url: Option<String>,
}

/// `paper`'s issue of `date`.
pub fn date_view(store: &Store, paper: &str, date: NaiveDate) -> Result<DateView, Failure> {
    date_view_for(store, paper, date, None)
}

/// `paper`'s issue of `date` as the view of one page needs it: every page,
/// but only the page labelled `label` (and an issue stored whole, cut into
/// pages by its articles) with its articles read, and no masthead; a page
/// view of a 20-page issue then reads one page's articles, not twenty.
pub fn page_of_date_view(store: &Store, paper: &str, date: NaiveDate, label: &str) -> Result<DateView, Failure> {
    date_view_for(store, paper, date, Some(label))
}

fn date_view_for(store: &Store, paper: &str, date: NaiveDate, only: Option<&str>) -> Result<DateView, Failure> {
    // a page's view shows none of the masthead (weekday, issue numbers)
    let rows = match only {
        Some(_) => store.pages_of_issue_brief(paper, date)?,
        None => store.pages_of_issue(paper, date)?,
    };
    if rows.is_empty() {
        return Err(Failure::NotFound(format!("{paper} 没有 {date} 这一期 (no such issue)")));
    }
    let dates = store.dates_of(Some(paper))?;
    let prev = dates.iter().rev().find(|d| **d < date).copied();
    let next = dates.iter().find(|d| **d > date).copied();
    let mut v = DateView {
        date: date.to_string(),
        date_cn: date_cn(Some(date)),
        weekday: None,
        paper: Some(paper.to_string()),
        paper_url: paper_url(paper),
        url: issue_url(paper, date),
        issue_no: None,
        total_issue_no: None,
        page_count: None,
        teasers: Vec::new(),
        pages: Vec::new(),
        prev: prev.map(|d| d.to_string()),
        next: next.map(|d| d.to_string()),
        prev_url: prev.map(|d| issue_url(paper, d)),
        next_url: next.map(|d| issue_url(paper, d)),
    };
    for row in &rows {
        if let Some(m) = row.masthead.as_ref().filter(|m| !m.is_null()) {
            v.weekday = v.weekday.take().or_else(|| m["weekday"].as_str().map(str::to_string));
            v.issue_no = v.issue_no.or(m["issue_no"].as_u64());
            v.total_issue_no = v.total_issue_no.or(m["total_issue_no"].as_u64());
            v.page_count = v.page_count.or(m["page_count"].as_u64());
        }
        // (a page's view shows no teasers: they are the issue's front page's)
        let teasers = if only.is_some() { Vec::new() } else { store.teasers(row.id)? };
        v.teasers.extend(teasers.into_iter().map(|(pages, title)| TeaserView {
            pages_label: pages.iter().map(|p| format!("{p:02}")).collect::<Vec<_>>().join("-"),
            href: pages.first().map(|p| format!("#page-{p}")).unwrap_or_default(),
            pages,
            title,
        }));
        let row_label = row.page_no().map(|p| p.to_string());
        let skip = matches!((only, &row_label), (Some(o), Some(l)) if o != l);
        for a in if skip { Vec::new() } else { store.articles_of_issue(row.id)? } {
            let mut view = article_view(store, &a, &[], false)?;
            // a stored page is one 版; a whole issue stored as one is cut
            // into its pages by what its articles say
            let (number, label, name, id) = match &row_label {
                Some(l) => (row.page, Some(l.clone()), row.page_name.clone(), Some(row.id)),
                None => (a.page, view.page_label.clone(), None, None),
            };
            view.page_name = name.clone();
            match v.pages.iter_mut().find(|p| p.label == label && (p.id == id || id.is_none())) {
                Some(p) => p.articles.push(view),
                None => v.pages.push(PageView {
                    id,
                    number,
                    url: label.as_deref().map(|l| page_url(paper, date, l)),
                    label,
                    name,
                    articles: vec![view],
                }),
            }
        }
        if row_label.is_some() && !v.pages.iter().any(|p| p.id == Some(row.id)) {
            // a page without articles is still a page of the issue
            v.pages.push(PageView {
                id: Some(row.id),
                number: row.page,
                url: row_label.as_deref().map(|l| page_url(paper, date, l)),
                label: row_label.clone(),
                name: row.page_name.clone(),
                articles: Vec::new(),
            });
        }
    }
    // in page order: sections in order, pages by number; pages whose number
    // is unknown last
    v.pages.sort_by_cached_key(|p| {
        let section = p.label.as_deref().and_then(|l| l.chars().next()).filter(|c| c.is_ascii_alphabetic());
        (p.number.is_none(), section, p.number.unwrap_or(u32::MAX))
    });
    Ok(v)
}

/// A page without a date, as listed apart from the dated issues.
#[derive(Debug, Clone, Serialize)]
pub struct UndatedView {
    /// The page's id (`POST /api/v1/pages/{id}/date` dates it).
    pub id: i64,
    /// The paper's name.
    pub paper: Option<String>,
    /// The paper's page.
    pub paper_url: Option<String>,
    /// The page as printed, if known.
    pub page_label: Option<String>,
    /// Its name (要闻), if printed.
    pub page_name: Option<String>,
    /// The file it was read from.
    pub source: String,
    /// Articles in it.
    pub article_count: i64,
    /// The date its articles suggest, ISO, if any.
    pub guess: Option<String>,
    /// That date in Chinese.
    pub guess_cn: String,
    /// What the guess rests on.
    pub evidence: Option<String>,
    /// Its articles: (id, title), in reading order.
    pub articles: Vec<(i64, String)>,
}

/// The pages without a date, of one paper or of all.
pub fn undated(store: &Store, paper: Option<&str>) -> Result<Vec<UndatedView>, Failure> {
    let mut out = Vec::new();
    for p in store.undated(paper)? {
        out.push(UndatedView {
            id: p.id,
            paper_url: p.paper.as_deref().map(paper_url),
            page_label: p.page_no().map(|n| n.to_string()),
            page_name: p.page_name.clone(),
            source: p.source.clone(),
            article_count: p.article_count,
            guess: p.inferred_date.map(|d| d.to_string()),
            guess_cn: date_cn(p.inferred_date),
            evidence: p.date_evidence.clone(),
            articles: store.titles_of_issue(p.id)?,
            paper: p.paper,
        });
    }
    Ok(out)
}

/// Dates with issues, grouped for a calendar: years, newest first, with
/// their months and days.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// Its months with issues, newest first.
    pub months: Vec<CalendarMonth>,
}

/// A month of the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarMonth {
    /// 1..=12.
    pub month: u32,
    /// Days with issues: (day, ISO date).
    pub days: Vec<(u32, String)>,
}

/// The calendar of a paper's dates with issues.
pub fn calendar(dates: &[NaiveDate]) -> Vec<CalendarYear> {
    let mut years: Vec<CalendarYear> = Vec::new();
    for d in dates.iter().rev() {
        if years.last().is_none_or(|y| y.year != d.year()) {
            years.push(CalendarYear { year: d.year(), months: Vec::new() });
        }
        let Some(y) = years.last_mut() else { continue };
        if y.months.last().is_none_or(|m| m.month != d.month()) {
            y.months.push(CalendarMonth { month: d.month(), days: Vec::new() });
        }
        if let Some(m) = y.months.last_mut() {
            m.days.push((d.day(), d.to_string()));
        }
    }
    for y in &mut years {
        for m in &mut y.months {
            m.days.reverse();
        }
    }
    years
}

/// The dates of a paper's issues, oldest first.
pub fn dates(store: &Store, paper: &str) -> Result<Vec<NaiveDate>, Failure> {
    Ok(store.dates_of(Some(paper))?)
}

/// A search result as shown.
#[derive(Debug, Clone, Serialize)]
pub struct HitView {
    /// The article.
    pub article: ArticleView,
    /// The snippet, in segments.
    pub snippet: Vec<Segment>,
    /// Text was cut before the snippet.
    pub cut_before: bool,
    /// Text was cut after the snippet.
    pub cut_after: bool,
    /// The article's URL with the words to highlight.
    pub href: String,
}

/// A page of search results.
#[derive(Debug, Clone, Serialize)]
pub struct ResultsView {
    /// All matches.
    pub total: usize,
    /// Where this page starts.
    pub offset: usize,
    /// This page.
    pub hits: Vec<HitView>,
    /// Facet counts.
    pub facets: Facets,
    /// The words to highlight.
    pub highlight: Vec<String>,
}

fn to_segments(s: &Snippet) -> Vec<Segment> {
    s.fragments.iter().map(|f| Segment { text: f.text.clone(), hit: f.hit }).collect()
}

/// Runs a search and builds its results.
pub fn search(state: &AppState, query: Query, sort: Sort, offset: usize, limit: usize) -> Result<ResultsView, Failure> {
    let req = SearchRequest { query, sort, offset, limit, facets: true };
    let store = state.reader()?;
    let found = shuzibao_archive::find::search(state.index(), &store, &req, 120)?;
    let mut hits = Vec::with_capacity(found.hits.len());
    for h in found.hits {
        let a = h.article;
        let href = if found.highlight.is_empty() {
            format!("/articles/{}", a.id)
        } else {
            format!("/articles/{}?hl={}", a.id, url_encode(&found.highlight.join(" ")))
        };
        hits.push(HitView {
            snippet: to_segments(&h.snippet),
            cut_before: h.snippet.cut_before,
            cut_after: h.snippet.cut_after,
            article: article_view(&store, &a, &[], false)?,
            href,
        });
    }
    Ok(ResultsView {
        total: found.total,
        offset,
        hits,
        facets: found.facets.unwrap_or_default(),
        highlight: found.highlight,
    })
}

/// Percent-encodes a query-string value (UTF-8, RFC 3986 unreserved kept).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_mark_matches_by_characters() {
        let s = segments("徐匯區委書記", &["徐汇".to_string()]);
        assert_eq!(s.len(), 2);
        assert!(s[0].hit && s[0].text == "徐匯");
        assert_eq!(s[1].text, "區委書記");
    }

    #[test]
    fn calendar_groups_dates() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap_or_default();
        let c = calendar(&[d("2022-01-17"), d("2023-09-18"), d("2023-09-25"), d("2024-01-01")]);
        assert_eq!(c.iter().map(|y| y.year).collect::<Vec<_>>(), [2024, 2023, 2022]);
        assert_eq!(c[1].months[0].days.iter().map(|x| x.0).collect::<Vec<_>>(), [18, 25]);
    }

    #[test]
    fn url_encoding() {
        assert_eq!(url_encode("主题 a&b"), "%E4%B8%BB%E9%A2%98%20a%26b");
    }
}
