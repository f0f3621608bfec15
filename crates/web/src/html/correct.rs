//! The editors' forms on an article's page: `/editor` takes an editor's
//! token (or the admin's) and keeps it in a cookie (`HttpOnly`,
//! `SameSite=Strict`: another site cannot post with it); an article's page
//! then shows its paragraphs numbered and plain HTML forms for each
//! correction, posted to `/articles/{id}/corrections`, and an undo button
//! by each correction of its history, posted to `/corrections/{id}/undo`.
//! No script (the CSP allows none inline). Each form carries the page's
//! revision: a form read before another editor's correction is refused
//! with a 409 page naming the article and that correction.

use crate::api::authorised;
use crate::error::{Failure, PageError};
use crate::extract::PagePath;
use crate::AppState;
use askama::Template;
use axum::extract::{Form, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shuzibao_store::corrections::{kind_named, Edit};
use shuzibao_store::Store;

/// The cookie that keeps an editor's token.
const COOKIE: &str = "shuzibao_editor";

/// The token in the request's cookie, if any.
fn cookie_token(parts: &Parts) -> Option<String> {
    parts.headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(
        |c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == COOKIE && !v.is_empty()).then(|| v.to_string())
        },
    )
}

/// The editor the request's cookie proves, if any (a wrong or missing
/// token: nobody, and the page is a reader's).
pub(crate) fn editor_of(state: &AppState, parts: &Parts) -> Option<String> {
    let token = cookie_token(parts)?;
    authorised(state, parts, Some(&token)).ok()
}

/// The editor the cookie proves, or the refusal.
fn editor_or_refuse(state: &AppState, parts: &Parts) -> Result<String, Failure> {
    let token = cookie_token(parts);
    authorised(state, parts, token.as_deref()).map_err(|e| match e {
        Failure::Unauthorized(_) => {
            Failure::Unauthorized("先在 /editor 输入编辑口令 (an editor's token is needed)".into())
        }
        e => e,
    })
}

/// What the editor's panel of an article's page shows.
pub(crate) struct Panel {
    /// The article.
    pub article: i64,
    /// Who is signed in.
    pub name: String,
    /// Its headline's parts and byline as they are, to edit.
    pub kicker: String,
    pub title: String,
    pub subtitle: String,
    pub reporters: String,
    pub photographers: String,
    pub authors: String,
    /// Its kind.
    pub kind: String,
    /// The page's revision, sent back with each form.
    pub revision: i64,
    /// The article's paragraphs, numbered from 1, their first words.
    pub paragraphs: Vec<(usize, String)>,
    /// The other articles of the page (id, title), for merge and move.
    pub others: Vec<(i64, String)>,
}

impl Panel {
    /// The panel of an article for `name`.
    pub(crate) fn of(store: &Store, a: &shuzibao_store::ArticleRecord, name: String) -> Result<Panel, Failure> {
        let paragraphs =
            a.paragraphs.iter().enumerate().map(|(i, p)| (i + 1, p.text.chars().take(24).collect())).collect();
        let others = store.titles_of_issue(a.issue_id)?.into_iter().filter(|(id, _)| *id != a.id).collect();
        let authors: Vec<&str> = a.authors.iter().map(|x| x.name.as_str()).collect();
        Ok(Panel {
            article: a.id,
            name,
            kicker: a.kicker.clone().unwrap_or_default(),
            title: a.title.clone(),
            subtitle: a.subtitle.clone().unwrap_or_default(),
            reporters: a.reporters.join("、"),
            photographers: a.photographers.join("、"),
            authors: authors.join("、"),
            kind: a.kind.clone(),
            revision: store.correction_revision(a.issue_id)?,
            paragraphs,
            others,
        })
    }
}

#[derive(Deserialize)]
pub(crate) struct Back {
    back: Option<String>,
}

/// Only a path of this site's articles is a place to go back to.
fn back_to(back: Option<&str>) -> String {
    back.filter(|b| b.starts_with("/articles/") && b[10..].chars().all(|c| c.is_ascii_digit() || c == '#'))
        .unwrap_or("/")
        .to_string()
}

#[derive(Template)]
#[template(path = "editor.html")]
struct EditorPage<'a> {
    site_name: &'a str,
    meta: super::Meta,
    back: String,
}

/// `GET /editor`: the form for an editor's token.
pub(crate) async fn sign_in_form(
    State(state): State<AppState>,
    crate::extract::PageQuery(b): crate::extract::PageQuery<Back>,
) -> Result<Response, PageError> {
    let meta = super::Meta {
        title: "编辑登录".into(),
        description: "编辑更正文章".into(),
        kind: "website",
        url: None,
        published: None,
    };
    super::render(&EditorPage { site_name: state.site_name(), meta, back: back_to(b.back.as_deref()) })
}

#[derive(Deserialize)]
pub(crate) struct SignIn {
    token: String,
    back: Option<String>,
}

/// `POST /editor`: checks the token and keeps it in the cookie (`Secure`
/// too when the site is served over https).
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    Form(f): Form<SignIn>,
) -> Result<Response, PageError> {
    let token = f.token.trim();
    authorised(&state, &parts, Some(token).filter(|t| !t.is_empty()))?;
    if token.chars().any(|c| c.is_control() || c == ';' || c == ',' || c.is_whitespace()) {
        return Err(Failure::BadRequest("这个口令不能存入 cookie".into()).into());
    }
    // `Secure` when the site is served over https (its address, or a proxy saying so)
    let https = state.base_url().is_some_and(|u| u.starts_with("https://"))
        || parts.headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let secure = if https { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{secure}");
    let mut res = see_other(&back_to(f.back.as_deref()));
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// A correction's form: `op` and the fields it takes (empty ones not given).
#[derive(Deserialize)]
pub(crate) struct CorrectionForm {
    op: String,
    revision: Option<i64>,
    paragraph: Option<String>,
    title: Option<String>,
    kicker: Option<String>,
    subtitle: Option<String>,
    with: Option<String>,
    to: Option<String>,
    kind: Option<String>,
    reporters: Option<String>,
    photographers: Option<String>,
    authors: Option<String>,
}

fn number<T: std::str::FromStr>(v: &Option<String>, what: &str) -> Result<Option<T>, Failure> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| Failure::BadRequest(format!("{what}: {s:?} 不是数字"))),
    }
}

fn needed<T>(v: Option<T>, what: &str) -> Result<T, Failure> {
    v.ok_or_else(|| Failure::BadRequest(format!("缺少{what}")))
}

impl CorrectionForm {
    /// The edit the form asks for. A headline or byline field left as the
    /// form showed it is the same value again: given whole.
    fn edit(&self) -> Result<Edit, Failure> {
        let names = |v: &Option<String>| {
            v.as_ref().map(|s| {
                s.split([',', '、', '，']).map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect()
            })
        };
        Ok(match self.op.as_str() {
            "split" => Edit::Split {
                paragraph: needed(number(&self.paragraph, "段落")?, "段落")?,
                title: self.title.clone().filter(|t| !t.trim().is_empty()),
            },
            "merge" => Edit::Merge { with: needed(number(&self.with, "文章")?, "要合并的文章")? },
            "headline" => Edit::Headline {
                kicker: self.kicker.clone(),
                title: self.title.clone(),
                subtitle: self.subtitle.clone(),
            },
            "byline" => Edit::Byline {
                reporters: names(&self.reporters),
                photographers: names(&self.photographers),
                authors: names(&self.authors),
            },
            "kind" => {
                let k = self.kind.as_deref().unwrap_or("");
                Edit::Kind {
                    kind: kind_named(k).ok_or_else(|| Failure::BadRequest(format!("没有这种体裁: {k:?}")))?
                }
            }
            "move" => Edit::Move {
                paragraph: needed(number(&self.paragraph, "段落")?, "段落")?,
                to: needed(number(&self.to, "文章")?, "目标文章")?,
            },
            "hide" => Edit::Hide { paragraph: number(&self.paragraph, "段落")? },
            other => return Err(Failure::BadRequest(format!("没有这种更正: {other:?}"))),
        })
    }
}

/// `POST /articles/{id}/corrections` (a form): makes the correction and
/// goes to the article at the same place of its page.
pub(crate) async fn correct(
    State(state): State<AppState>,
    PagePath(id): PagePath<String>,
    parts: Parts,
    Form(f): Form<CorrectionForm>,
) -> Result<Response, PageError> {
    let editor = editor_or_refuse(&state, &parts)?;
    let id: i64 = id.parse().map_err(|_| Failure::NotFound(format!("没有这篇文章: {id}")))?;
    let seq = state.reader()?.article(id)?.seq;
    let edit = f.edit()?;
    let revision = f.revision;
    let done = crate::api::write_correction(state, move |a| a.correct(id, &edit, &editor, revision)).await?;
    let at = usize::try_from(seq - 1).unwrap_or(0).min(done.articles.len().saturating_sub(1));
    Ok(match done.articles.get(at) {
        Some(a) => see_other(&format!("/articles/{a}#corrections")),
        None => see_other("/"),
    })
}

/// `POST /corrections/{id}/undo` (a form): undoes it and goes back.
pub(crate) async fn undo(
    State(state): State<AppState>,
    PagePath(id): PagePath<String>,
    parts: Parts,
    Form(f): Form<UndoForm>,
) -> Result<Response, PageError> {
    let editor = editor_or_refuse(&state, &parts)?;
    let id: i64 = id.parse().map_err(|_| Failure::NotFound(format!("没有这条更正: {id}")))?;
    let revision = f.revision;
    let done = crate::api::write_correction(state, move |a| a.undo_correction(id, &editor, revision)).await?;
    let first = done.articles.first().map_or_else(|| "/".to_string(), |a| format!("/articles/{a}#corrections"));
    Ok(see_other(&first))
}

/// A correction's kind in words, for its history.
pub(crate) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "split" => "拆分",
        "merge" => "合并",
        "headline" => "改标题",
        "byline" => "改署名",
        "kind" => "改体裁",
        "move" => "移段",
        "hide_article" => "隐藏（版面杂项）",
        "hide_paragraph" => "隐藏段落",
        _ => "更正",
    }
}

/// The kinds an article may be given, with their names in words.
pub(crate) const KINDS: &[(&str, &str)] = &[
    ("news", "消息"),
    ("briefs", "简讯"),
    ("photo", "图片新闻"),
    ("notice", "启事"),
    ("letter", "信函"),
    ("commentary", "评论"),
];

#[derive(Deserialize)]
pub(crate) struct UndoForm {
    revision: Option<i64>,
}
