//! The page header (版头): the line over an inner page that names it.
//!
//! Inner pages print a header line made of a few fields in any order: the
//! page number (`第2版`, `02版`, `A3版`), the page's name (版名, `要闻`,
//! `国内新闻`), the paper's name, the date and weekday, and often the page's
//! credits (`责任编辑：某某`, `美术编辑：某某`, `版式设计：某某`), on the same
//! line or on lines of their own next to it. Extractions put it at the top
//! of the page, sometimes inside the masthead area, and sometimes last.
//!
//! A header line is made of those fields and nothing else; so a `第2版` in a
//! sentence, in a continuation marker (`（下转第2版）`, `上接第1版`) or in a
//! teaser (`（详见第3版）`) is no header. This module finds the header and the
//! lines it takes; it does not read the masthead ([`crate::masthead`]).

use crate::byline::is_name;
use crate::lines::Line;
use crate::masthead::{counts_pages, date_at_start, paper_name, weekday_at_start};
use crate::model::{Editor, PageHeader, Span};
use crate::text::re;
use crate::text::{char_len, ends_sentence, fold_width, is_han, parse_number};
use crate::PageNo;
use regex::Regex;
use std::sync::LazyLock;

/// A page number with its 版, at the start of a token: `第2版`, `02版：`, `A3版`.
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:第)?([A-Za-z]?[0-9]{1,3}|[一二三四五六七八九十]{1,3})版[：:]?"));
/// A credit's role and its colon, at the start of a token: `责任编辑：`.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:本版)?(责任编辑|责编|本版编辑|编辑|美术编辑|美编|图片编辑|版式设计|版式|视觉设计|设计|制图|校对|统筹|策划)[：:]",
    )
});

/// How many lines from the top a header may stand.
const TOP_LINES: usize = 8;
/// How many lines from the bottom a header may stand.
const BOTTOM_LINES: usize = 4;
/// A header line is short.
const MAX_CHARS: usize = 60;
/// A page's name (版名) is short.
const MAX_NAME_CHARS: usize = 8;

/// What one line holds, read as header fields.
#[derive(Debug, Clone, Default, PartialEq)]
struct HeaderLine {
    page: Option<PageNo>,
    name: Option<String>,
    paper: Option<String>,
    date: Option<chrono::NaiveDate>,
    dated: bool,
    editors: Vec<Editor>,
}

impl HeaderLine {
    /// A header line says which page it heads (its number), or dates a page
    /// whose credits it prints.
    fn is_header(&self) -> bool {
        self.page.is_some() || (!self.editors.is_empty() && (self.dated || self.paper.is_some()))
    }

    /// Whether the fields of `other`, a line of its own next to this
    /// header line, are more of them: no page number, nothing this line
    /// already says.
    fn takes(&self, other: &HeaderLine) -> bool {
        other.page.is_none()
            && (other.name.is_some() || other.paper.is_some() || other.dated || !other.editors.is_empty())
            && !(other.name.is_some() && self.name.is_some())
            && !(other.paper.is_some() && self.paper.is_some())
            && !(other.dated && self.dated)
    }

    /// Adds the fields of `other` (see [`HeaderLine::takes`]).
    fn merge(&mut self, other: &HeaderLine) {
        self.name = self.name.take().or_else(|| other.name.clone());
        self.paper = self.paper.take().or_else(|| other.paper.clone());
        if other.dated {
            (self.date, self.dated) = (other.date, true);
        }
        self.editors.extend(other.editors.iter().cloned());
    }

    /// A page's name alone: `要闻`.
    fn is_name_only(&self) -> bool {
        self.name.is_some() && self.page.is_none() && self.paper.is_none() && !self.dated && self.editors.is_empty()
    }

    /// Credits alone: `责任编辑：某某  版式设计：某某`.
    fn is_credits(&self) -> bool {
        !self.editors.is_empty() && self.page.is_none() && self.name.is_none() && self.paper.is_none() && !self.dated
    }
}

/// Reads a line as header fields; `None` when anything in it is no field.
fn read_line(text: &str) -> Option<HeaderLine> {
    // `本期 16 版` counts the issue's pages: the masthead's, not a page number
    if char_len(text) > MAX_CHARS || ends_sentence(text) || counts_pages(text) {
        return None;
    }
    let folded = fold_width(text.trim());
    let folded = join_spaced_units(&folded);
    let tokens: Vec<&str> =
        folded.split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '丨')).filter(|t| !t.is_empty()).collect();
    let mut h = HeaderLine::default();
    // the credit being read, and whether a name was read for it
    let mut role: Option<String> = None;
    let mut named = false;
    for token in tokens {
        let mut rest = token;
        while !rest.is_empty() {
            if let Some(c) = CREDIT.captures(rest) {
                (role, named) = (Some(c[1].to_string()), false);
                rest = &rest[c.get(0)?.end()..];
                continue;
            }
            if let Some(c) = PAGE.captures(rest) {
                if h.page.is_some() {
                    return None;
                }
                let page = c[1]
                    .parse::<PageNo>()
                    .ok()
                    .or_else(|| parse_number(&c[1]).filter(|n| (1..=crate::MAX_PAGE).contains(n)).map(PageNo::plain))?;
                h.page = Some(page);
                role = None;
                let whole = c.get(0)?.as_str();
                rest = &rest[whole.len()..];
                // a word glued to the page number without a colon is a
                // sentence or a headline that opens with it (`第1版的故事`)
                if !whole.ends_with(['：', ':']) && !rest.is_empty() && date_at_start(rest).is_none() {
                    return None;
                }
                continue;
            }
            if let Some((day, len)) = date_at_start(rest) {
                (h.date, h.dated, role) = (day, true, None);
                rest = &rest[len..];
                continue;
            }
            if let Some((_, len)) = weekday_at_start(rest) {
                role = None;
                rest = &rest[len..];
                continue;
            }
            // what is left of the token is a whole word: a name, the paper, the page's name
            if let Some(r) = &role {
                if is_name(rest) {
                    h.editors.push(Editor { name: rest.to_string(), role: r.clone() });
                    named = true;
                    break;
                }
                if !named {
                    return None; // a credit with no name read: not one we know
                }
            }
            role = None;
            if let Some(paper) = paper_name(rest) {
                h.paper = Some(paper);
            } else if is_page_name(rest) && h.name.is_none() {
                h.name = Some(rest.to_string());
            } else {
                return None;
            }
            break;
        }
    }
    Some(h)
}

/// The credits of a line that says nothing else (`责任编辑：某某  版式设计：某某`).
pub(crate) fn credits_alone(text: &str) -> Option<Vec<Editor>> {
    read_line(text).filter(HeaderLine::is_credits).map(|h| h.editors)
}

/// Drops the spaces extraction leaves inside a number and its unit
/// (`2024 年 1 月`, `第 2 版`), so that each field is one token.
fn join_spaced_units(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let inside = match (prev, next) {
                (Some(p), Some(n)) => {
                    (p.is_ascii_alphanumeric() && "年月日版".contains(*n))
                        || ("年月第".contains(*p) && n.is_ascii_alphanumeric())
                }
                _ => false,
            };
            if inside {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A page's name: a few Han characters (`要闻`, `理论·实践`), nothing else.
fn is_page_name(word: &str) -> bool {
    let n = char_len(word);
    (2..=MAX_NAME_CHARS).contains(&n)
        && word.chars().all(|c| is_han(c) || matches!(c, '·' | '•'))
        && word.chars().filter(|&c| is_han(c)).count() >= 2
}

/// Whether a line is running text, which no header stands beyond.
fn is_running_text(line: &Line<'_>) -> bool {
    char_len(line.text) > MAX_CHARS || ends_sentence(line.text) || line.text.contains(['。', '，', '；', '！', '？'])
}

/// The page header found, and the lines it takes.
#[derive(Debug)]
pub struct HeaderArea {
    /// The header's fields; its span covers all its lines.
    pub header: PageHeader,
    /// Indexes of the lines it takes: the header line and its credit lines.
    pub lines: Vec<usize>,
}

/// Looks for the page header among the first lines of the page, else among
/// the last ones. A page has one header: where several lines read as one (a
/// list of pages), none is taken. Credit lines next to the header line are
/// its own (at the foot of the page, only those under it: credits over it
/// close the text above them); credit lines alone at the very top are the
/// page's too.
///
/// ```
/// use shuzibao_core::{lines::split_lines, page_header::find_page_header};
/// let lines = split_lines("第2版 要闻\n责任编辑：王小明\n示例区召开大会\n本报讯 会议要求，各部门压实责任。");
/// let area = find_page_header(&lines).unwrap();
/// assert_eq!(area.lines, [0, 1]);
/// let h = area.header;
/// assert_eq!(h.page.unwrap().to_string(), "2");
/// assert_eq!(h.name.as_deref(), Some("要闻"));
/// assert_eq!(h.editors[0].name, "王小明");
/// ```
pub fn find_page_header(lines: &[Line<'_>]) -> Option<HeaderArea> {
    let top: Vec<usize> = (0..lines.len().min(TOP_LINES)).take_while(|&i| !is_running_text(&lines[i])).collect();
    if let Some(area) = header_in(lines, &top, true) {
        return Some(area);
    }
    let bottom: Vec<usize> = (0..lines.len())
        .rev()
        .take(BOTTOM_LINES)
        .take_while(|&i| !is_running_text(&lines[i]) && !top.contains(&i))
        .collect();
    header_in(lines, &bottom, false)
}

/// The header among the lines `window` (indexes, adjacent), if there is one.
fn header_in(lines: &[Line<'_>], window: &[usize], at_top: bool) -> Option<HeaderArea> {
    let read: Vec<(usize, HeaderLine)> =
        window.iter().filter_map(|&i| read_line(lines[i].text).map(|h| (i, h))).collect();
    let mut heads: Vec<&(usize, HeaderLine)> = read.iter().filter(|(_, h)| h.is_header()).collect();
    // a front page's teasers (`春风里的小城 第2版`) read like a page's name
    // and number: among several such lines, the one that is no teaser heads
    // the page
    if heads.len() > 1 {
        heads.retain(|(i, _)| crate::teaser::parse_teaser(lines[*i].text).is_none());
        if heads.len() != 1 {
            return None;
        }
    }
    let credits = |i: usize| read.iter().find(|(j, h)| *j == i && h.is_credits()).map(|(_, h)| h);
    let (first, mut h) = match heads.first() {
        Some((i, h)) => (*i, h.clone()),
        // credits alone at the top of the page, over everything else
        None if at_top => {
            let n = (0..).take_while(|&i| credits(i).is_some()).count();
            if n == 0 {
                return None;
            }
            let mut h = HeaderLine::default();
            (0..n).filter_map(credits).for_each(|c| h.editors.extend(c.editors.iter().cloned()));
            return Some(area(lines, h, (0..n).collect()));
        }
        None => return None,
    };
    let mut taken = vec![first];
    let mut before = first;
    // over it and under it, its credits; at the top of an inner page also
    // the fields it sets on lines of their own (`某某日报` / `要闻` / `第2版` /
    // the date), as layouts that place each field apart extract them; a
    // front page's paper and date are its masthead's
    let inner = at_top && h.page.is_some_and(|p| p.number != 1);
    let more = |h: &HeaderLine, i: usize| {
        read.iter()
            .find(|(j, _)| *j == i)
            .map(|(_, c)| c)
            .filter(|c| c.is_credits() || (inner && lines[i].heading == 0 && h.takes(c)))
    };
    // (at the foot of a page, credits over the header close the text above them)
    while let Some(c) = before.checked_sub(1).filter(|_| at_top).and_then(|i| more(&h, i)) {
        before -= 1;
        taken.insert(0, before);
        let mut editors = c.editors.clone();
        editors.append(&mut h.editors);
        h.editors = editors;
        h.merge(&HeaderLine { editors: Vec::new(), ..c.clone() });
    }
    let mut after = first + 1;
    // (a page's name last in the run under it may be a short headline)
    let mut run: Vec<(usize, &HeaderLine)> = Vec::new();
    let mut fields = h.clone();
    while let Some(c) = more(&fields, after) {
        fields.merge(c);
        run.push((after, c));
        after += 1;
    }
    while run.last().is_some_and(|(_, c)| c.is_name_only()) {
        run.pop();
    }
    for (i, c) in run {
        taken.push(i);
        h.merge(c);
    }
    Some(area(lines, h, taken))
}

fn area(lines: &[Line<'_>], h: HeaderLine, taken: Vec<usize>) -> HeaderArea {
    let span = taken.iter().map(|&i| lines[i].span).reduce(Span::cover).unwrap_or_default();
    let header = PageHeader { page: h.page, name: h.name, paper: h.paper, date: h.date, editors: h.editors, span };
    HeaderArea { header, lines: taken }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;
    use chrono::NaiveDate;

    fn header(text: &str) -> Option<PageHeader> {
        find_page_header(&split_lines(text)).map(|a| a.header)
    }

    fn page(h: &PageHeader) -> String {
        h.page.map(|p| p.to_string()).unwrap_or_default()
    }

    const BODY: &str = "\n示例区召开大会\n本报讯 会议要求，各部门要压实责任。\n";

    #[test]
    fn the_forms_of_a_header_line() {
        for (line, want_page, want_name) in [
            ("第2版", "2", None),
            ("02版：要闻", "2", Some("要闻")),
            ("2版 要闻", "2", Some("要闻")),
            ("A3版 国内新闻", "A3", Some("国内新闻")),
            ("第 12 版 | 理论·实践", "12", Some("理论·实践")),
            ("要闻 第二版", "2", Some("要闻")),
        ] {
            let h = header(&format!("{line}{BODY}")).unwrap_or_else(|| panic!("{line}: no header"));
            assert_eq!((page(&h).as_str(), h.name.as_deref()), (want_page, want_name), "{line}");
        }
    }

    #[test]
    fn a_header_with_the_paper_and_the_date() {
        let h = header(&format!("某某日报 2024年3月5日 星期二 第2版 要闻{BODY}")).unwrap();
        assert_eq!(h.paper.as_deref(), Some("某某日报"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!((page(&h).as_str(), h.name.as_deref()), ("2", Some("要闻")));
        assert!(h.is_clear());
    }

    #[test]
    fn credits_on_the_header_line_and_next_to_it() {
        let h = header(&format!("2024年1月1日 星期一 责任编辑：王小明 第3版{BODY}")).unwrap();
        assert_eq!(page(&h), "3");
        assert_eq!(h.editors, [Editor { name: "王小明".into(), role: "责任编辑".into() }]);
        let text = format!("责任编辑：王小明 李华\n第3版 综合\n美术编辑：赵一  版式设计：钱二{BODY}");
        let lines = split_lines(&text);
        let area = find_page_header(&lines).unwrap();
        assert_eq!(area.lines, [0, 1, 2]);
        let names: Vec<&str> = area.header.editors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["王小明", "李华", "赵一", "钱二"]);
        assert_eq!(area.header.span, lines[0].span.cover(lines[2].span));
    }

    #[test]
    fn an_inner_pages_header_set_field_by_field_on_lines_of_their_own() {
        let text = format!("第2版\n要闻\n某某日报\n2024年3月5日  星期二\n责任编辑： 王小明  版式设计： 李华{BODY}");
        let lines = split_lines(&text);
        let area = find_page_header(&lines).unwrap();
        assert_eq!(area.lines, [0, 1, 2, 3, 4]);
        let h = area.header;
        assert_eq!((page(&h).as_str(), h.name.as_deref(), h.paper.as_deref()), ("2", Some("要闻"), Some("某某日报")));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(h.editors.len(), 2);
        // a short line last in the run may be a headline
        let area = find_page_header(&split_lines(&format!("第2版\n示例大会{BODY}"))).unwrap();
        assert_eq!(area.lines, [0]);
        // a field said twice is no more of the header: the headline's own
        let area = find_page_header(&split_lines(&format!("第2版 要闻\n综述{BODY}"))).unwrap();
        assert_eq!(area.lines, [0]);
        // fields over the page number too
        let text = format!("2024年3月5日  星期二\n某某日报\n要闻\n第2版\n责任编辑： 王小明{BODY}");
        let area = find_page_header(&split_lines(&text)).unwrap();
        assert_eq!(area.lines, [0, 1, 2, 3, 4]);
        assert_eq!((area.header.name.as_deref(), area.header.paper.as_deref()), (Some("要闻"), Some("某某日报")));
        // a front page's paper and date are its masthead's
        let area = find_page_header(&split_lines(&format!("第1版\n某某日报\n2024年3月5日  星期二{BODY}"))).unwrap();
        assert_eq!(area.lines, [0]);
        let area = find_page_header(&split_lines(&format!("某某日报\n2024年3月5日  星期二\n第1版{BODY}"))).unwrap();
        assert_eq!(area.lines, [2]);
    }

    #[test]
    fn a_dated_header_without_a_page_number_is_not_clear() {
        let h = header(&format!("2024年1月1日 星期一 责任编辑：王小明{BODY}")).unwrap();
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert!(!h.is_clear(), "a date and credits alone do not say it is a header");
    }

    #[test]
    fn credits_alone_at_the_top_are_the_pages() {
        let h = header(&format!("责任编辑：王小明{BODY}")).unwrap();
        assert_eq!(h.editors.len(), 1);
        assert_eq!(h.page, None);
    }

    #[test]
    fn a_header_printed_last() {
        let text = "示例区召开大会\n本报讯 会议要求，各部门要压实责任。\n第4版 专题\n责任编辑：王小明\n";
        let lines = split_lines(text);
        let area = find_page_header(&lines).unwrap();
        assert_eq!(area.lines, [2, 3]);
        assert_eq!(page(&area.header), "4");
        assert_eq!(area.header.editors.len(), 1);
        // credits over it close the text above them
        let text = "示例区召开大会\n本报讯 会议要求，各部门要压实责任。\n版式设计：王小明\n第4版 专题\n";
        let area = find_page_header(&split_lines(text)).unwrap();
        assert_eq!(area.lines, [3]);
    }

    #[test]
    fn a_header_inside_the_masthead_area() {
        let lines =
            split_lines("某某日报\n第1版 要闻\n第8期 2024年3月5日 星期二\n示例标题\n本报讯 正文，很长的一句话。");
        let area = find_page_header(&lines).unwrap();
        assert_eq!(area.lines, [1]);
        assert_eq!(area.header.paper, None, "the masthead's lines stay the masthead's");
    }

    #[test]
    fn page_numbers_in_text_markers_and_teasers_are_no_header() {
        for line in [
            "（下转第2版）",
            "(上接第1版)",
            "上接第1版",
            "下转第2版",
            "示例区春季招聘会举行（详见第3版）",
            "本报今日第2版刊发评论员文章",
            "第2版刊发的评论引起热议。",
            "第2版 示例区全力推进老旧小区改造工作",
            "第一章 总则",
            "本期 16 版",
            "责任编辑：王小明李华赵一 第2版",
        ] {
            assert!(header(&format!("{line}{BODY}")).is_none(), "{line}");
        }
    }

    #[test]
    fn a_headline_that_opens_with_a_page_number_is_no_header() {
        for line in ["第1版的头条新闻", "2版新闻回顾", "A3版面改版了"] {
            assert!(header(&format!("{line}{BODY}")).is_none(), "{line}");
        }
    }

    #[test]
    fn spaces_inside_numbers_are_dropped() {
        assert_eq!(join_spaced_units("2024 年 1 月 1 日 星期一 第 2 版 要闻"), "2024年1月1日 星期一 第2版 要闻");
    }

    #[test]
    fn a_list_of_pages_is_no_header() {
        assert!(header(&format!("第2版 要闻\n第3版 综合{BODY}")).is_none());
    }

    #[test]
    fn teasers_beside_a_front_pages_header_are_no_header() {
        let text = format!("导读\n春风里的小城  第2版\n第1版\n老街新貌（城市笔记）  第5版{BODY}");
        let area = find_page_header(&split_lines(&text)).unwrap();
        assert_eq!(area.lines, [2]);
        assert_eq!(page(&area.header), "1");
    }

    #[test]
    fn a_header_after_running_text_is_no_header() {
        let text = "示例标题\n本报讯 会议要求，各部门要压实责任。\n第2版 要闻\n会议指出，要做好工作。\n下一步，全区将继续推进。\n还要加大投入力度。\n各街道要抓好落实。\n";
        assert!(header(text).is_none());
    }
}
