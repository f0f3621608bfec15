//! The issue JSON contract (`ISSUE_JSON.md`): what `shuzibao parse --format json` prints.
//!
//! The model keeps rich types (a [`Headline`](crate::model::Headline), a
//! [`Byline`](crate::model::Byline), paragraphs with spans); the contract is
//! flat (`kicker`, `title`, `reporters`, `paragraphs` as strings). This module
//! is the one place that maps one onto the other, so the contract's field
//! names stay stable while the model grows. Fields beyond the contract
//! (ids, spans, correspondents, the page header, leftovers) are added, never
//! renamed. `docs/issue-json.md` documents every field.

use crate::model::{Article, Issue, ParagraphRole, Span};
use serde::Serialize;

/// Where the issue came from, printed with it when known.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInfo {
    /// The file's path as given.
    pub file: String,
    /// The encoding it was decoded from.
    pub encoding: String,
}

#[derive(Serialize)]
struct MastheadJson<'a> {
    paper: Option<&'a str>,
    issue_no: Option<u32>,
    total_issue_no: Option<u32>,
    date: Option<String>,
    weekday: Option<&'a str>,
    page_count: Option<u32>,
    permit: Option<&'a str>,
    cn_number: Option<&'a str>,
    lunar_date: Option<&'a str>,
    website: Option<&'a str>,
    furniture: &'a [String],
    span: [usize; 2],
}

#[derive(Serialize)]
struct EditorJson<'a> {
    name: &'a str,
    role: &'a str,
}

#[derive(Serialize)]
struct PageHeaderJson<'a> {
    /// The page number in its canonical form: `2`, `A3`.
    page: Option<String>,
    name: Option<&'a str>,
    paper: Option<&'a str>,
    date: Option<String>,
    editors: Vec<EditorJson<'a>>,
    span: [usize; 2],
}

#[derive(Serialize)]
struct TeaserJson<'a> {
    pages: &'a [u32],
    title: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
struct AuthorJson<'a> {
    name: &'a str,
    role: Option<&'a str>,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: String,
    kind: &'static str,
    column: Option<&'a str>,
    kicker: Option<&'a str>,
    title: &'a str,
    subtitle: Option<&'a str>,
    title_inferred: bool,
    reporters: &'a [String],
    photographers: &'a [String],
    correspondents: &'a [String],
    interns: &'a [String],
    authors: Vec<AuthorJson<'a>>,
    dateline: Option<&'a str>,
    source: Option<&'a str>,
    continued_to_page: Option<u32>,
    continued_from_page: Option<u32>,
    signed_date: Option<&'a str>,
    paragraphs: Vec<&'a str>,
    /// Indexes into `paragraphs` of the sub-headings.
    subheadings: Vec<usize>,
    span: [usize; 2],
    paragraph_spans: Vec<[usize; 2]>,
    /// How sure the parser is of the article's boundaries and its title.
    confidence: ConfidenceJson,
}

#[derive(Serialize)]
struct ConfidenceJson {
    boundary: f64,
    title: f64,
}

#[derive(Serialize)]
struct LeftoverJson<'a> {
    text: &'a str,
    reason: &'a str,
    span: [usize; 2],
}

#[derive(Serialize)]
struct IssueJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    masthead: Option<MastheadJson<'a>>,
    page_header: Option<PageHeaderJson<'a>>,
    teasers: Vec<TeaserJson<'a>>,
    articles: Vec<ArticleJson<'a>>,
    leftovers: Vec<LeftoverJson<'a>>,
}

fn span(s: Span) -> [usize; 2] {
    [s.start, s.end]
}

fn article(i: usize, a: &Article) -> ArticleJson<'_> {
    ArticleJson {
        id: format!("a{}", i + 1),
        kind: a.kind.as_str(),
        column: a.column.as_deref(),
        kicker: a.headline.kicker.as_deref(),
        title: &a.headline.title,
        subtitle: a.headline.subtitle.as_deref(),
        title_inferred: a.headline.inferred,
        reporters: &a.byline.reporters,
        photographers: &a.byline.photographers,
        correspondents: &a.byline.correspondents,
        interns: &a.byline.interns,
        authors: a.byline.authors.iter().map(|x| AuthorJson { name: &x.name, role: x.role.as_deref() }).collect(),
        dateline: a.dateline.as_deref(),
        source: a.source.as_deref(),
        continued_to_page: a.continued_to_page,
        continued_from_page: a.continued_from_page,
        signed_date: a.signed_date.as_deref(),
        paragraphs: a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
        subheadings: a
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == ParagraphRole::Subheading)
            .map(|(i, _)| i)
            .collect(),
        span: span(a.span),
        paragraph_spans: a.paragraphs.iter().map(|p| span(p.span)).collect(),
        confidence: {
            let (boundary, title) = a.confidence.two_decimals();
            ConfidenceJson { boundary, title }
        },
    }
}

/// The issue as a JSON value in the contract's shape.
///
/// ```
/// let issue = shuzibao_core::parse("## 区领导走访调研区内科技企业\n\n□ 记者 刘坤\n\n9月14日上午，区委书记带队走访调研。\n");
/// let v = shuzibao_core::json::to_value(&issue, None);
/// assert_eq!(v["articles"][0]["title"], "区领导走访调研区内科技企业");
/// assert_eq!(v["articles"][0]["reporters"][0], "刘坤");
/// assert!(v["masthead"].is_null());
/// assert!(v["page_header"].is_null());
///
/// let issue = shuzibao_core::parse("A3版 国内新闻\n\n区领导走访调研区内科技企业\n\n□ 记者 刘坤\n\n9月14日上午，区委书记带队走访调研。\n");
/// let v = shuzibao_core::json::to_value(&issue, None);
/// assert_eq!(v["page_header"]["page"], "A3");
/// assert_eq!(v["page_header"]["name"], "国内新闻");
/// ```
pub fn to_value(issue: &Issue, source: Option<&SourceInfo>) -> serde_json::Value {
    let j = IssueJson {
        file: source.map(|s| s.file.as_str()),
        encoding: source.map(|s| s.encoding.as_str()),
        masthead: issue.masthead.as_ref().map(|m| MastheadJson {
            paper: m.paper.as_deref(),
            issue_no: m.issue_no,
            total_issue_no: m.total_issue_no,
            date: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
            weekday: m.weekday.as_deref(),
            page_count: m.page_count,
            permit: m.permit.as_deref(),
            cn_number: m.cn_number.as_deref(),
            lunar_date: m.lunar_date.as_deref(),
            website: m.website.as_deref(),
            furniture: &m.furniture,
            span: span(m.span),
        }),
        page_header: issue.page_header.as_ref().map(|h| PageHeaderJson {
            page: h.page.map(|p| p.to_string()),
            name: h.name.as_deref(),
            paper: h.paper.as_deref(),
            date: h.date.map(|d| d.format("%Y-%m-%d").to_string()),
            editors: h.editors.iter().map(|e| EditorJson { name: &e.name, role: &e.role }).collect(),
            span: span(h.span),
        }),
        teasers: issue
            .teasers
            .iter()
            .map(|t| TeaserJson { pages: &t.pages, title: &t.title, span: span(t.span) })
            .collect(),
        articles: issue.articles.iter().enumerate().map(|(i, a)| article(i, a)).collect(),
        leftovers: issue
            .leftovers
            .iter()
            .map(|l| LeftoverJson { text: &l.text, reason: &l.reason, span: span(l.span) })
            .collect(),
    };
    serde_json::to_value(j).unwrap_or(serde_json::Value::Null)
}

/// The issue as one line of JSON.
pub fn to_string(issue: &Issue, source: Option<&SourceInfo>) -> String {
    to_value(issue, source).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_header_as_json() {
        let issue = crate::parse(
            "某某日报 2024年3月5日 星期二 A03版 要闻\n责任编辑：王小明\n示例标题\n本报讯 正文，很长的一句话。\n",
        );
        let v = super::to_value(&issue, None);
        let h = &v["page_header"];
        assert_eq!(h["page"], "A3");
        assert_eq!(h["name"], "要闻");
        assert_eq!(h["paper"], "某某日报");
        assert_eq!(h["date"], "2024-03-05");
        assert_eq!(h["editors"][0]["name"], "王小明");
        assert_eq!(h["editors"][0]["role"], "责任编辑");
        assert!(h["span"][1].as_u64().unwrap() > 0);
    }
}
