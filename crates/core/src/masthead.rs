//! The masthead (报头): the paper's name, 期 and 总期, date, 版数, 准印证号.
//!
//! Front pages print the masthead in many layouts: all fields on one line
//! (`准印证号(B)0150 / 第3期(总第1657期) / 2022年1月17日 星期一`), one field a
//! line with the date itself spread over lines (`2024 年` / `1 月 1 日`), the
//! name spaced out and in traditional form (`徐 匯 報`), surrounded by app names
//! and the paper's romanised name. This module finds the masthead area at the
//! top of the text and reads the fields from it; the lines of that area that
//! are not fields are kept as furniture. Teasers in the area are left to the
//! caller.

use crate::lines::Line;
use crate::model::{Masthead, Span};
use crate::text::{fold_width, is_han, parse_number, squash, to_simplified};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

#[allow(clippy::unwrap_used)] // constant patterns, exercised by the tests below
fn re(p: &str) -> Regex {
    Regex::new(p).unwrap()
}

static ISSUE: LazyLock<Regex> = LazyLock::new(|| re(r"(总)?第([0-9]{1,6})期"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日|((?:19|20)[0-9]{2})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| re(r"(星期[一二三四五六日天]|周[一二三四五六日])"));
static PAGES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:本期|今日|今天|共)([0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:个)?版"));
static PERMIT: LazyLock<Regex> = LazyLock::new(|| re(r"准印证号?[:：]?(\([A-Z]\)[0-9]{2,8}|[A-Z]?[0-9]{2,8})"));
static CN: LazyLock<Regex> = LazyLock::new(|| re(r"CN([0-9]{2}-[0-9]{4})"));
static LUNAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:农历)?([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:闰)?[正一二三四五六七八九十冬腊]{1,2}月(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|三十))",
    )
});
static URL: LazyLock<Regex> = LazyLock::new(|| re(r"(https?://[^\s<>）)]+|www\.[A-Za-z0-9.\-/]+)"));
static PAPER_QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r"《([^》]{2,14})》"));
/// A line that is only part of a date spread over lines: `2024 年`, `1 月 1 日`.
static DATE_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:(?:19|20)[0-9]{2}年|[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2}月|[0-9]{1,2}日)$"));

/// Whether a line holds a masthead field (it anchors the masthead area).
fn is_anchor(squashed: &str) -> bool {
    ISSUE.is_match(squashed)
        || DATE.is_match(squashed)
        || DATE_PART.is_match(squashed)
        || PAGES.is_match(squashed)
        || PERMIT.is_match(squashed)
        || CN.is_match(squashed)
        || LUNAR.is_match(squashed)
        || (WEEKDAY.is_match(squashed) && squashed.chars().count() <= 12)
        || squashed.contains("数字报")
        || squashed.contains("电子版")
}

/// Whether a line may stand in the masthead area without being a field:
/// a short line that is not a sentence (app names, the paper's name, slogans).
fn is_furniture(line: &Line<'_>) -> bool {
    let t = line.text;
    let n = t.chars().count();
    n <= 30 && !t.contains(['。', '，', ',', '；']) && !crate::text::ends_sentence(t)
}

/// The masthead area found at the top of the page.
pub struct MastheadArea {
    /// The fields read from it.
    pub masthead: Masthead,
    /// How many lines from the top it takes.
    pub lines: usize,
    /// Indexes of the lines in the area that are neither fields nor the paper's
    /// name: furniture or teasers, for the caller to tell apart.
    pub other_lines: Vec<usize>,
    /// A date printed in the masthead that is no day of the calendar
    /// (`2023年2月31日`), as printed: reported, since it is not read.
    pub impossible_date: Option<String>,
}

/// Looks for a masthead area in the first lines of the page.
///
/// ```
/// use shuzibao_core::{lines::split_lines, masthead::find_masthead};
/// let lines = split_lines("徐汇报\n准印证号(B)0150 / 第3期(总第1657期) / 2022年1月17日 星期一\n标题");
/// let area = find_masthead(&lines).unwrap();
/// assert_eq!(area.lines, 2);
/// let m = area.masthead;
/// assert_eq!(m.paper.as_deref(), Some("徐汇报"));
/// assert_eq!((m.issue_no, m.total_issue_no), (Some(3), Some(1657)));
/// assert_eq!(m.date.unwrap().to_string(), "2022-01-17");
/// assert_eq!(m.permit.as_deref(), Some("(B)0150"));
/// ```
pub fn find_masthead(lines: &[Line<'_>]) -> Option<MastheadArea> {
    const LOOK: usize = 40;
    let mut last_anchor = None;
    for (i, line) in lines.iter().enumerate().take(LOOK) {
        if line.text.len() > 80 * 3 {
            break;
        }
        let sq = squash(&fold_width(line.text));
        if is_anchor(&sq) && sq.chars().count() <= 80 {
            last_anchor = Some(i);
        } else if !is_furniture(line) {
            break;
        }
    }
    let end = last_anchor? + 1;
    let area = &lines[..end];
    let mut m = Masthead::default();
    let mut joined = String::new();
    let mut other = Vec::new();
    for (i, line) in area.iter().enumerate() {
        let sq = squash(&fold_width(line.text));
        if is_anchor(&sq) {
            joined.push_str(&sq);
            joined.push('|');
        } else {
            other.push(i);
        }
    }
    let impossible_date = read_fields(&joined, &mut m);
    for (i, line) in area.iter().enumerate() {
        let name = paper_name(line.text);
        if name.is_some() {
            other.retain(|&j| j != i);
            if m.paper.is_none() {
                m.paper = name;
            }
        }
    }
    let has_fields = m.issue_no.is_some() || m.total_issue_no.is_some() || m.date.is_some() || m.permit.is_some();
    if !has_fields {
        return None;
    }
    m.span = Span::new(area[0].span.start, area[end - 1].span.end);
    Some(MastheadArea { masthead: m, lines: end, other_lines: other, impossible_date })
}

/// Reads the fields; returns the date as printed when it is no real day.
fn read_fields(s: &str, m: &mut Masthead) -> Option<String> {
    for c in ISSUE.captures_iter(s) {
        let n = c[2].parse().ok();
        if c.get(1).is_some() {
            m.total_issue_no = m.total_issue_no.or(n);
        } else {
            m.issue_no = m.issue_no.or(n);
        }
    }
    // A date spread over lines is joined again by dropping the separators.
    let flat = s.replace('|', "");
    let mut impossible = None;
    if let Some(c) = DATE.captures(s).or_else(|| DATE.captures(&flat)) {
        let pick = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).and_then(|g| g.as_str().parse::<u32>().ok());
        if let (Some(y), Some(mo), Some(d)) = (pick(1, 4), pick(2, 5), pick(3, 6)) {
            m.date = NaiveDate::from_ymd_opt(y as i32, mo, d);
            if m.date.is_none() {
                impossible = Some(c[0].to_string());
            }
        }
    }
    m.weekday = WEEKDAY.captures(s).map(|c| {
        let w = &c[1];
        // 周一 is printed too; the contract uses 星期一.
        if let Some(day) = w.strip_prefix('周') {
            format!("星期{day}")
        } else {
            w.to_string()
        }
    });
    m.page_count = PAGES.captures(s).and_then(|c| parse_number(&c[1]));
    m.permit = PERMIT.captures(s).map(|c| c[1].to_string());
    m.cn_number = CN.captures(s).map(|c| format!("CN{}", &c[1]));
    m.lunar_date = LUNAR.captures(s).map(|c| c[1].to_string());
    m.website = URL.captures(s).map(|c| c[1].trim_end_matches(['|', '>']).to_string());
    m.paper = PAPER_QUOTED.captures(s).map(|c| to_simplified(&squash(&c[1])));
    impossible
}

/// Reads a line that is the paper's name: `徐汇报`, `# 徐 匯 報`, `《徐汇报》`.
fn paper_name(text: &str) -> Option<String> {
    if let Some(c) = PAPER_QUOTED.captures(text) {
        return Some(to_simplified(&squash(&c[1])));
    }
    let sq = squash(text);
    let n = sq.chars().count();
    let simplified = to_simplified(&sq);
    ((2..=10).contains(&n) && sq.chars().all(is_han) && (simplified.ends_with('报') || simplified.ends_with("日报")))
        .then_some(simplified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn one_field_a_line_with_a_spread_date() {
        let text = "XU HUI BAO\n\n本期 16 版  \n第 1 期  \n(总第 1759 期)\n\n# 徐 匯 報\n\n2024 年  \n1 月 1 日  \n星期一  \n癸卯年十一月二十\n\n《徐汇报》数字报 <http://www.xuhuibao.com>\n\n准印证号(B)0150\n\n## 标题\n\n正文。";
        let lines = split_lines(text);
        let area = find_masthead(&lines).unwrap();
        let m = area.masthead;
        assert_eq!(m.paper.as_deref(), Some("徐汇报"));
        assert_eq!(m.issue_no, Some(1));
        assert_eq!(m.total_issue_no, Some(1759));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(m.weekday.as_deref(), Some("星期一"));
        assert_eq!(m.page_count, Some(16));
        assert_eq!(m.permit.as_deref(), Some("(B)0150"));
        assert_eq!(m.lunar_date.as_deref(), Some("癸卯年十一月二十"));
        assert_eq!(m.website.as_deref(), Some("http://www.xuhuibao.com"));
        let others: Vec<&str> = area.other_lines.iter().map(|&i| lines[i].text).collect();
        assert_eq!(others, ["XU HUI BAO"]);
        assert_eq!(lines[area.lines].text, "标题");
    }

    #[test]
    fn no_masthead_on_an_inner_page() {
        let lines = split_lines("## 区领导走访调研区内科技企业\n\n□ 记者 刘坤\n\n9月14日上午，区委书记带队走访。");
        assert!(find_masthead(&lines).is_none());
    }

    #[test]
    fn impossible_date_is_not_a_date() {
        let lines = split_lines("第5期 2023年2月31日 星期五\n正文。");
        let m = find_masthead(&lines).unwrap().masthead;
        assert_eq!(m.issue_no, Some(5));
        assert_eq!(m.date, None);
        let area = find_masthead(&lines).unwrap();
        assert_eq!(area.impossible_date.as_deref(), Some("2023年2月31日"));
    }

    #[test]
    fn weekday_as_zhou() {
        let lines = split_lines("某某日报\n2023年9月18日 周一 第38期\n");
        let m = find_masthead(&lines).unwrap().masthead;
        assert_eq!(m.weekday.as_deref(), Some("星期一"));
        assert_eq!(m.paper.as_deref(), Some("某某日报"));
    }
}
