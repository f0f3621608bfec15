//! What pages and the API show, built once from the archive: an issue with
//! its articles by page, an article with its continuation followed, search
//! results with snippets and facets. Plain data; HTML templates and JSON
//! serialisation both read these.

use crate::error::Failure;
use crate::AppState;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use shuzibao_search::snippet::{find_matches, Snippet};
use shuzibao_search::{Facets, Query, SearchRequest, Sort};
use shuzibao_store::{ArticleRecord, IssueRecord, Store};

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
}

/// The Chinese name of a kind of article.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "briefs" => "简讯",
        "photo" => "图片新闻",
        "notice" => "启事",
        "letter" => "致辞",
        "commentary" => "评论",
        _ => "消息",
    }
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
    let mut people: Vec<PersonView> = Vec::new();
    let mut add = |names: &[String], role: &str| {
        for n in names {
            if !people.iter().any(|p| &p.name == n) {
                people.push(PersonView { name: n.clone(), role: role.to_string() });
            }
        }
    };
    add(&a.reporters, "记者");
    add(&a.photographers, "摄影");
    add(&a.correspondents, "通讯员");
    for au in &a.authors {
        if !people.iter().any(|p| p.name == au.name) {
            people.push(PersonView { name: au.name.clone(), role: au.role.clone().unwrap_or_else(|| "署名".into()) });
        }
    }
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
    Ok(ArticleView {
        id: a.id,
        url: format!("/articles/{}", a.id),
        issue_id: a.issue_id,
        seq: a.seq,
        paper: a.paper.clone(),
        date: a.date.map(|d| d.to_string()),
        date_cn: date_cn(a.date),
        page: a.page,
        kind: a.kind.clone(),
        kind_label: kind_label(&a.kind).to_string(),
        column: a.column.clone(),
        kicker: a.kicker.clone(),
        title: a.title.clone(),
        subtitle: a.subtitle.clone(),
        title_inferred: a.title_inferred,
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
    })
}

/// An issue (one paper's issue of one date, or one page of it) as listed.
#[derive(Debug, Clone, Serialize)]
pub struct IssueSummary {
    /// Id in the archive.
    pub id: i64,
    /// The paper's name.
    pub paper: Option<String>,
    /// Date, ISO.
    pub date: Option<String>,
    /// Date in Chinese.
    pub date_cn: String,
    /// Page, when the issue is one page.
    pub page: Option<u32>,
    /// Articles in it.
    pub article_count: i64,
    /// The page of its date.
    pub url: Option<String>,
    /// 第N期.
    pub issue_no: Option<u64>,
    /// 总第N期.
    pub total_issue_no: Option<u64>,
}

/// The summary of an issue.
pub fn issue_summary(i: &IssueRecord) -> IssueSummary {
    let m = i.masthead.as_ref().filter(|m| !m.is_null());
    IssueSummary {
        id: i.id,
        paper: i.paper.clone(),
        date: i.date.map(|d| d.to_string()),
        date_cn: date_cn(i.date),
        page: i.page,
        article_count: i.article_count,
        url: i.date.map(|d| format!("/issues/{d}")),
        issue_no: m.and_then(|m| m["issue_no"].as_u64()),
        total_issue_no: m.and_then(|m| m["total_issue_no"].as_u64()),
    }
}

/// One page (版) of an issue and its articles.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The page number, if known.
    pub number: Option<u32>,
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

/// Everything published on one date: mastheads, teasers, articles by page.
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
    /// The date before with an issue.
    pub prev: Option<String>,
    /// The date after with an issue.
    pub next: Option<String>,
}

/// What was published on `date`.
pub fn date_view(store: &Store, date: NaiveDate, all_dates: &[NaiveDate]) -> Result<DateView, Failure> {
    let issues = store.issues_on(date)?;
    if issues.is_empty() {
        return Err(Failure::NotFound(format!("{date} 没有报纸 (no issue on this date)")));
    }
    let mut v = DateView {
        date: date.to_string(),
        date_cn: date_cn(Some(date)),
        weekday: None,
        paper: issues.iter().find_map(|i| i.paper.clone()),
        issue_no: None,
        total_issue_no: None,
        page_count: None,
        teasers: Vec::new(),
        pages: Vec::new(),
        prev: all_dates.iter().rev().find(|d| **d < date).map(|d| d.to_string()),
        next: all_dates.iter().find(|d| **d > date).map(|d| d.to_string()),
    };
    for issue in &issues {
        if let Some(m) = issue.masthead.as_ref().filter(|m| !m.is_null()) {
            v.weekday = v.weekday.take().or_else(|| m["weekday"].as_str().map(str::to_string));
            v.issue_no = v.issue_no.or(m["issue_no"].as_u64());
            v.total_issue_no = v.total_issue_no.or(m["total_issue_no"].as_u64());
            v.page_count = v.page_count.or(m["page_count"].as_u64());
        }
        v.teasers.extend(store.teasers(issue.id)?.into_iter().map(|(pages, title)| TeaserView {
            pages_label: pages.iter().map(|p| format!("{p:02}")).collect::<Vec<_>>().join("-"),
            href: pages.first().map(|p| format!("#page-{p}")).unwrap_or_default(),
            pages,
            title,
        }));
        for a in store.articles_of_issue(issue.id)? {
            let view = article_view(store, &a, &[], false)?;
            match v.pages.iter_mut().find(|p| p.number == a.page) {
                Some(p) => p.articles.push(view),
                None => v.pages.push(PageView { number: a.page, articles: vec![view] }),
            }
        }
    }
    v.pages.sort_by_key(|p| p.number.unwrap_or(u32::MAX));
    Ok(v)
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

/// The calendar of all dates with issues.
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

/// The distinct dates with issues, oldest first.
pub fn dates(store: &Store) -> Result<Vec<NaiveDate>, Failure> {
    Ok(store.dates()?)
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
