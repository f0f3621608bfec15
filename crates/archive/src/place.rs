//! Where a page belongs — paper, date, page — decided from what the user
//! said, the file's name and the page's own text, in a fixed order:
//!
//! | | first | then | then | then |
//! |---|---|---|---|---|
//! | paper | `--paper` | the masthead or the page header | a folder's `shuzibao.toml` | a code or name in the file name |
//! | date | `--date` | the file or folder name | the masthead, else a clear page header | none: undated (a guess is kept apart, with its evidence) |
//! | page | `--page` | the file or folder name | the page header | 1 for a page with a masthead, else a whole issue |
//!
//! The page's name (要闻) is the page header's.
//!
//! A paper found nowhere is an error, never a guess. A date written inside an
//! article never dates a page: only the masthead's does (and the parser
//! reads a masthead only from field-like lines at the top).

use crate::error::ArchiveError;
use crate::names::NameHints;
use crate::papers::Papers;
use chrono::NaiveDate;
use shuzibao_core::dating::{date_page, usual_weekday, Dating, Neighbour};
use shuzibao_core::{Issue, PageNo};
use shuzibao_people::entities;
use shuzibao_store::Placement;
use std::path::Path;

/// What the user said on the command line (or the API), for one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    /// `--paper`.
    pub paper: Option<String>,
    /// `--date`.
    pub date: Option<NaiveDate>,
    /// `--page`.
    pub page: Option<PageNo>,
}

/// Places a page read from `path` (or from a request, with `path` `None`).
pub fn place(
    given: &Given,
    path: Option<&Path>,
    issue: &Issue,
    papers: &mut Papers,
) -> Result<Placement, ArchiveError> {
    let names = path.map(crate::names::read_path).unwrap_or_default();
    let masthead = issue.masthead.as_ref();
    let header = issue.page_header.as_ref();
    let printed = masthead.and_then(|m| m.paper.clone()).or_else(|| header.and_then(|h| h.paper.clone()));
    let paper = match (&given.paper, printed) {
        (Some(p), _) => Some(p.trim().to_string()),
        (None, Some(p)) => Some(p),
        (None, None) => match path {
            Some(p) => papers.paper_of(p, &names.words)?.map(|(paper, _)| paper),
            None => None,
        },
    };
    let Some(paper) = paper.filter(|p| !p.is_empty()) else {
        return Err(ArchiveError::NoPaper(no_paper_hint(&names)));
    };
    let (date, date_source) = if let Some(d) = given.date {
        (Some(d), Some("flag".to_string()))
    } else if let Some((d, source)) = names.date {
        (Some(d), Some(source.as_str().to_string()))
    } else if let Some(d) = masthead.and_then(|m| m.date) {
        (Some(d), Some("masthead".to_string()))
    } else if let Some(d) = issue.date() {
        (Some(d), Some("page header".to_string()))
    } else {
        (None, None)
    };
    let page = given
        .page
        .or(names.page)
        .or_else(|| header.and_then(|h| h.page))
        .or_else(|| masthead.map(|_| PageNo::plain(1)));
    let page_name = header.and_then(|h| h.name.clone());
    Ok(Placement { paper, date, date_source, page, part: names.part, page_name, ..Placement::default() })
}

/// Dates an undated page by its own signals when they agree (see
/// [`shuzibao_core::dating`]): the date is then marked inferred, with its
/// evidence, and the page keeps its text's hash as its identity. Otherwise it
/// stays undated, with the day its signals (or, lacking any, the dates its
/// articles mention) point to as a guess for an editor.
pub fn date_by_signals(issue: &Issue, neighbours: &[Neighbour], placement: &mut Placement) {
    match date_page(issue, neighbours) {
        Dating::Agreed { date, evidence } => {
            placement.date = Some(date);
            placement.inferred = true;
            placement.date_source = Some("inferred".to_string());
            placement.date_evidence = Some(evidence);
        }
        Dating::Undecided { candidates, evidence } if !candidates.is_empty() => {
            let shown: Vec<String> = candidates.iter().map(|d| d.to_string()).collect();
            placement.guess = candidates.first().copied();
            placement.date_evidence = Some(format!("可能是 {}：{evidence}", shown.join("、")));
        }
        Dating::Undecided { .. } => {
            // no signal: the latest day the articles mention, as a guess only
            let texts: Vec<&str> =
                issue.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str())).collect();
            let around = neighbours.iter().map(|n| n.date).max().unwrap_or_else(|| chrono::Utc::now().date_naive());
            if let Some(g) = entities::infer_issue_date(&texts, usual_weekday(neighbours), around) {
                placement.guess = Some(g.date);
                placement.date_evidence = Some(g.evidence);
            }
        }
    }
}

/// What to tell a user whose page names no paper.
fn no_paper_hint(names: &NameHints) -> String {
    let seen = if names.words.is_empty() {
        String::new()
    } else {
        format!(" (its name says {:?}, which is no paper shuzibao knows)", names.words.join(" "))
    };
    format!(
        "cannot tell which paper this page is of{seen}: give --paper NAME, or put `paper = \"NAME\"` in a {} in its folder",
        crate::papers::FOLDER_CONFIG
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_text(given: &Given, path: &str, text: &str) -> Result<Placement, ArchiveError> {
        place(given, Some(Path::new(path)), &shuzibao_core::parse(text), &mut Papers::new())
    }

    const FRONT: &str = "示例区报\n第5期 2023年3月20日 星期一\n\n## 标题\n\n本报讯 正文。\n";
    const INNER: &str = "## 标题\n\n本报讯 正文。\n";

    #[test]
    fn the_flag_wins_then_the_file_name_then_the_masthead() {
        let flags =
            Given { date: "2023-03-21".parse().ok(), paper: Some("另一晚报".into()), page: "A2".parse().ok() };
        let p = place_text(&flags, "xhb-2023-03-22-p03.txt", FRONT).unwrap();
        assert_eq!(
            (p.paper.as_str(), p.date.unwrap().to_string(), p.page.unwrap().to_string()),
            ("另一晚报", "2023-03-21".into(), "A2".into())
        );
        let p = place_text(&Given::default(), "xhb-2023-03-22-p03.txt", FRONT).unwrap();
        assert_eq!(
            (p.paper.as_str(), p.date.unwrap().to_string(), p.page.unwrap().to_string()),
            ("示例区报", "2023-03-22".into(), "3".into())
        );
        assert_eq!(p.date_source.as_deref(), Some("file name"));
        let p = place_text(&Given::default(), "front.txt", FRONT).unwrap();
        assert_eq!((p.date.unwrap().to_string(), p.page.unwrap().to_string()), ("2023-03-20".into(), "1".into()));
        assert_eq!(p.date_source.as_deref(), Some("masthead"));
    }

    #[test]
    fn a_page_without_a_paper_is_refused_never_guessed() {
        let err = place_text(&Given::default(), "scan-20231001-02.txt", INNER).unwrap_err();
        assert!(err.to_string().contains("--paper"), "{err}");
        assert!(err.to_string().contains("scan"), "{err}");
        let p = place_text(&Given::default(), "rmrb-20231001-02.txt", INNER).unwrap();
        assert_eq!(p.paper, "人民日报");
    }

    #[test]
    fn the_page_header_gives_paper_date_page_and_the_pages_name() {
        let text = "示例日报 2019年10月8日 星期二 第3版 国际新闻\n\n## 标题\n\n本报讯 正文。\n";
        let p = place_text(&Given::default(), "scan.txt", text).unwrap();
        assert_eq!(p.paper, "示例日报");
        assert_eq!((p.date.unwrap().to_string(), p.date_source.as_deref()), ("2019-10-08".into(), Some("page header")));
        assert_eq!((p.page.unwrap().to_string(), p.page_name.as_deref()), ("3".into(), Some("国际新闻")));
        // the file name still wins over the header
        let p = place_text(&Given::default(), "x-20191009-04.txt", text).unwrap();
        assert_eq!((p.date.unwrap().to_string(), p.page.unwrap().to_string()), ("2019-10-09".into(), "4".into()));
    }

    fn mondays() -> Vec<Neighbour> {
        ["2023-01-09", "2023-03-06", "2023-06-05", "2023-09-04"]
            .iter()
            .map(|d| Neighbour { date: d.parse().unwrap(), total_issue_no: None })
            .collect()
    }

    #[test]
    fn signals_that_agree_date_a_page_marked_inferred_and_keep_its_identity() {
        let issue = shuzibao_core::parse("## 标题\n\n本报北京9月17日电 某区举行座谈会。\n");
        let mut p = Placement { paper: "示例区报".into(), ..Placement::default() };
        date_by_signals(&issue, &mondays(), &mut p);
        assert_eq!((p.date.map(|d| d.to_string()), p.inferred), (Some("2023-09-18".into()), true));
        assert!(p.date_evidence.as_deref().unwrap().contains("电头"), "{:?}", p.date_evidence);
        assert!(p.key("abc").starts_with("sha256:"), "an inferred date is no identity");
    }

    #[test]
    fn without_signals_the_dates_mentioned_are_a_guess_never_a_date() {
        let issue = shuzibao_core::parse(
            "## 社区食堂开门迎客\n\n本报讯 9月13日上午，北街社区食堂开门迎客。9月14日，区长前往察看。\n",
        );
        let mut p = Placement { paper: "示例区报".into(), ..Placement::default() };
        date_by_signals(&issue, &mondays(), &mut p);
        assert_eq!(p.date, None);
        assert_eq!(p.guess.map(|d| d.to_string()).as_deref(), Some("2023-09-18"), "the Monday after 9月14日");
        let evidence = p.date_evidence.unwrap();
        assert!(evidence.contains("9月14日") && evidence.contains("星期一"), "{evidence}");
    }

    #[test]
    fn a_page_without_a_date_anywhere_stays_undated() {
        let given = Given { paper: Some("示例区报".into()), ..Given::default() };
        let p = place_text(&given, "inner.txt", "## 标题\n\n1959年9月13日至10月3日，展览在此举办。\n").unwrap();
        assert_eq!((p.date, p.page), (None, None));
    }
}
