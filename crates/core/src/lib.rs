//! The core of shuzibao (数字报): the model of a newspaper issue and the parser
//! that reads one from the text extracted from its PDF pages.
//!
//! This crate is pure: it takes `&[u8]` or `&str` and returns values. It does
//! no file or network I/O, has no database and no async; the archive, search
//! and web edition build on what it returns.
//!
//! A tour with real newspaper lines:
//!
//! ```
//! let text = "\
//! 准印证号(B)0150 / 第3期(总第1657期) / 2022年1月17日 星期一
//!
//! 2022年徐汇区重大工程集中开工
//!
//! ● 记者 柴斌
//!
//! 本报讯 1月14日上午9点,重大工程集中开工仪式在滨江举行。仪式现场,还举行了奠基培
//!
//! 土仪式。
//!
//! (下转第4版)
//! ";
//! let issue = shuzibao_core::parse(text);
//! let m = issue.masthead.as_ref().unwrap();
//! assert_eq!((m.issue_no, m.total_issue_no), (Some(3), Some(1657)));
//! let a = &issue.articles[0];
//! assert_eq!(a.headline.title, "2022年徐汇区重大工程集中开工");
//! assert_eq!(a.byline.reporters, ["柴斌"]);
//! assert_eq!(a.dateline.as_deref(), Some("本报讯"));
//! assert_eq!(a.continued_to_page, Some(4));
//! // the word the column break cut (奠基培 / 土) is whole again
//! assert!(a.paragraphs[0].text.ends_with("奠基培土仪式。"));
//! assert!(issue.leftovers.is_empty());
//! ```

pub mod assemble;
pub mod byline;
pub mod classify;
pub mod dating;
mod decode;
mod error;
pub mod headline;
pub mod html;
pub mod json;
pub mod lexicon;
pub mod lines;
pub mod markers;
pub mod masthead;
pub mod model;
pub mod page_header;
mod page_no;
pub mod segment;
pub mod teaser;
pub mod text;

use assemble::Evidence;
pub use decode::{decode, Decoded, MAX_BYTES as MAX_FILE_BYTES};
pub use error::DecodeError;
pub use model::*;
pub use page_no::{BadPageNo, PageNo, MAX_PAGE};

use lines::split_lines;
use masthead::find_masthead;
use teaser::parse_teaser;

/// The version of the parser, stored with every parse so that the archive
/// knows which issues an improved parser should read again.
pub const PARSER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Parses the text of an issue (or of one page of it).
///
/// Never fails and never panics: what cannot be placed is returned in
/// [`Issue::leftovers`].
pub fn parse(text: &str) -> Issue {
    parse_with_evidence(text).0
}

/// Parses as [`parse`] does, and gives with the issue what the confidence
/// model read of each of its articles (in their order): the data
/// `bench/parser/train_confidence.py` trains that model on.
pub fn parse_with_evidence(text: &str) -> (Issue, Vec<Evidence>) {
    let all_lines = lines::join_wrapped(text, split_lines(text));
    // The page header comes out first: it may stand inside the masthead area.
    let page_header = page_header::find_page_header(&all_lines);
    let lines: Vec<_> = match &page_header {
        Some(h) => all_lines.into_iter().enumerate().filter(|(i, _)| !h.lines.contains(i)).map(|(_, l)| l).collect(),
        None => all_lines,
    };
    let page_header = page_header.map(|h| h.header);
    // a page that says it is page 1 is a front page, where teasers stand
    let first_page = page_header.as_ref().and_then(|h| h.page).is_some_and(|p| p.number == 1);
    let mut masthead = None;
    let mut teasers = Vec::new();
    let mut skip = 0;
    let mut problems = Vec::new();
    if let Some(area) = find_masthead(&lines) {
        if let Some(date) = &area.impossible_date {
            problems.push(Leftover {
                text: date.clone(),
                reason: "the masthead's date is no day of the calendar".to_string(),
                span: area.masthead.span,
            });
        }
        let mut m = area.masthead;
        let mut idx = area.other_lines.iter().peekable();
        while let Some(&i) = idx.next() {
            let line = &lines[i];
            match parse_teaser(line.text) {
                Some((pages, mut title)) => {
                    let mut span = line.span;
                    // a title run on to the next line of the area
                    if let Some(&&j) = idx.peek() {
                        if j == i + 1
                            && teaser::runs_on(
                                &title,
                                lines[j].text,
                                lines[j].heading > 0,
                                lines.get(j + 1).map(|l| (l.text, l.heading > 0)),
                            )
                        {
                            title.push_str(&text::clean_headline(lines[j].text));
                            span = span.cover(lines[j].span);
                            idx.next();
                        }
                    }
                    teasers.push(Teaser { pages, title, span });
                }
                None => m.furniture.push(line.text.to_string()),
            }
        }
        masthead = Some(m);
        skip = area.lines;
    }
    // a front page printed without a masthead still opens with its teasers
    let front_page = masthead.is_some() || first_page || opens_with_teasers(&lines[skip..]);
    let units = classify::classify(&lines[skip..], front_page);
    let assembled = assemble::assemble(&units);
    teasers.extend(assembled.teasers);
    // a leftover of bylines alone is shown as printed
    problems.extend(assembled.leftovers.into_iter().map(|mut l| {
        if l.text.is_empty() {
            l.text = text.get(l.span.start..l.span.end).unwrap_or_default().trim().to_string();
        }
        l
    }));
    let mut page_header = page_header;
    // credits with no article above them (under a front page's teasers)
    // are the page's: its header then reaches down to them
    problems.retain(|l| match page_header::credits_alone(&l.text) {
        Some(editors) => {
            let h = page_header.get_or_insert_with(|| model::PageHeader { span: l.span, ..Default::default() });
            h.editors.extend(editors);
            h.span = h.span.cover(l.span);
            false
        }
        None => true,
    });
    // the label over the teasers (`导读`) is the masthead area's
    if let Some(m) = masthead.as_mut().filter(|_| !teasers.is_empty()) {
        let (labels, rest): (Vec<_>, Vec<_>) = problems.into_iter().partition(|l| teaser::is_teaser_label(&l.text));
        m.furniture.extend(labels.into_iter().map(|l| l.text));
        problems = rest;
    }
    (Issue { masthead, page_header, teasers, articles: assembled.articles, leftovers: problems }, assembled.evidence)
}

/// Whether a page opens with teasers (导读), as a front page does even when
/// printed without its masthead: two lines or more that each point to an
/// inner page (`10-11 标题`, `09 标题`, `标题（详见第3版）`) among its first
/// lines, before any line of running text.
fn opens_with_teasers(lines: &[lines::Line<'_>]) -> bool {
    // how far down the top of a page reaches, in lines
    const TOP_LINES: usize = 12;
    // a line this long is running text: the teasers are above it
    const TEXT_CHARS: usize = 40;
    let top: Vec<_> = lines.iter().take(TOP_LINES).take_while(|l| text::char_len(l.text) < TEXT_CHARS).collect();
    // (a teaser's pages may stand alone over its title)
    let teaser_at = |k: usize| {
        parse_teaser(top[k].text).is_some()
            || top.get(k + 1).is_some_and(|n| teaser::parse_split_teaser(top[k].text, n.text).is_some())
    };
    (0..top.len()).filter(|&k| teaser_at(k)).take(2).count() == 2
}

/// Decodes the bytes of an issue file and parses it.
///
/// ```
/// let err = shuzibao_core::parse_bytes(b"").unwrap_err();
/// assert_eq!(err.to_string(), "empty file: no text to parse");
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<(Issue, Decoded), DecodeError> {
    let decoded = decode(bytes)?;
    Ok((parse(&decoded.text), decoded))
}

#[cfg(test)]
mod tests {
    #[test]
    fn teasers_with_their_pages_alone_over_their_titles_open_a_front_page() {
        // made-up front page printed without a masthead: the teasers' pages
        // stand on lines of their own, and none of it joins the first story
        let text = "10-11\n\n城市更新让老小区焕发新生机\n\n09\n\n社区食堂开到家门口\n\n\
                    示例区召开大会\n\n本报讯 会议要求，各部门压实责任。\n";
        let issue = super::parse(text);
        let teasers: Vec<(Vec<u32>, &str)> =
            issue.teasers.iter().map(|t| (t.pages.clone(), t.title.as_str())).collect();
        assert_eq!(teasers, [(vec![10, 11], "城市更新让老小区焕发新生机"), (vec![9], "社区食堂开到家门口")]);
        assert_eq!(
            &text[issue.teasers[0].span.start..issue.teasers[0].span.end],
            "10-11\n\n城市更新让老小区焕发新生机"
        );
        assert_eq!(issue.articles.len(), 1);
        assert!(issue.articles[0].body().starts_with("本报讯"), "{}", issue.articles[0].body());
    }

    #[test]
    fn credits_under_a_front_pages_teasers_are_the_pages() {
        let text = "第1版\n\n10-11 城市更新让老小区焕发新生机\n\n09 社区食堂开到家门口\n\n\
                    责任编辑：王小明  版式设计：李华\n\n示例区召开大会\n\n本报讯 会议要求，各部门压实责任。\n";
        let issue = super::parse(text);
        assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
        let h = issue.page_header.unwrap();
        let names: Vec<&str> = h.editors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["王小明", "李华"]);
        assert_eq!(&text[h.span.start..h.span.end].lines().last().unwrap()[..6], "责任");
        assert_eq!(issue.articles.len(), 1);
    }

    #[test]
    fn the_label_over_a_front_pages_teasers_is_masthead_furniture() {
        let text = "某某日报\n\n第8期 2024年3月5日 星期二\n\n导读\n\n10-11 城市更新让老小区焕发新生机\n\n\
                    09 社区食堂开到家门口\n\n示例区召开大会\n\n本报讯 会议要求，各部门压实责任。\n";
        let issue = super::parse(text);
        assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
        assert!(issue.masthead.unwrap().furniture.contains(&"导读".to_string()));
        assert_eq!(issue.teasers.len(), 2);
    }

    #[test]
    fn a_page_header_saying_page_one_makes_a_front_page() {
        let text =
            "第1版 要闻\n\n10-11 城市更新让老小区焕发新生机\n\n示例区召开大会\n\n本报讯 会议要求，各部门压实责任。\n";
        let issue = super::parse(text);
        assert_eq!(issue.teasers.len(), 1, "{:?}", issue.teasers);
        let issue = super::parse(&text.replace("第1版", "第2版"));
        assert!(issue.teasers.is_empty(), "{:?}", issue.teasers);
    }

    #[test]
    fn a_front_page_without_a_masthead_opens_with_its_teasers_and_none_is_a_kicker() {
        // made-up page: three teasers at the top, one running on to a second line
        let text = "10-11 城市更新让老小区\n\n焕发新生机\n\n09 社区食堂开到家门口\n\n06 夜市灯火照归途\n\n\
                    示例区召开年度工作会议\n\n□ 记者 王甲\n\n本报讯 会议要求，各部门压实责任，推动各项工作落地见效。\n";
        let issue = super::parse(text);
        let teasers: Vec<(&[u32], &str)> = issue.teasers.iter().map(|t| (&t.pages[..], t.title.as_str())).collect();
        assert_eq!(
            teasers,
            [
                (&[10, 11][..], "城市更新让老小区焕发新生机"),
                (&[9][..], "社区食堂开到家门口"),
                (&[6][..], "夜市灯火照归途")
            ]
        );
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.kicker, None);
        assert_eq!(a.headline.title, "示例区召开年度工作会议");
        // one line that reads like a teaser is not enough to make a front page
        let one =
            super::parse("09 社区食堂开到家门口\n\n示例区召开年度工作会议\n\n本报讯 会议要求，各部门压实责任。\n");
        assert!(one.teasers.is_empty(), "{:?}", one.teasers);
    }
}
