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

mod fields;

use crate::lines::Line;
use crate::model::{Masthead, Span};
use crate::text::{fold_width, squash};
pub(crate) use fields::{counts_pages, date_at_start, paper_name, weekday_at_start};
use fields::{is_anchor, read_fields};

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
    // each line read, squashed, and whether it is an anchor
    let mut read: Vec<(String, bool)> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(LOOK) {
        if line.text.len() > 80 * 3 {
            break;
        }
        let sq = squash(&fold_width(line.text));
        let anchor = is_anchor(&sq);
        let short = sq.chars().count() <= 80;
        read.push((sq, anchor));
        if anchor && short {
            last_anchor = Some(i);
        } else if !is_furniture(line) && crate::teaser::parse_teaser(line.text).is_none() {
            // (teasers may stand among the masthead's lines, beside them on the page)
            break;
        }
    }
    let end = last_anchor? + 1;
    let area = &lines[..end];
    let mut m = Masthead::default();
    let mut joined = String::new();
    let mut other = Vec::new();
    for (i, (sq, anchor)) in read.iter().take(end).enumerate() {
        if *anchor {
            joined.push_str(sq);
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
    // A date alone does not make a masthead: an article's date line or a
    // date printed over a notice looks the same. Another field must say so.
    let more_than_a_date = m.paper.is_some()
        || m.issue_no.is_some()
        || m.total_issue_no.is_some()
        || m.permit.is_some()
        || m.cn_number.is_some()
        || m.weekday.is_some()
        || m.page_count.is_some()
        || m.lunar_date.is_some();
    if !has_fields || !more_than_a_date {
        return None;
    }
    m.span = Span::new(area[0].span.start, area[end - 1].span.end);
    Some(MastheadArea { masthead: m, lines: end, other_lines: other, impossible_date })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;
    use chrono::NaiveDate;

    #[test]
    fn teasers_among_the_mastheads_lines() {
        let text = "某某日报\n导读\n春风里的小城，新故事（时代楷模）  第6版\n2024年3月5日  星期二\n第8期\n\
                    示例标题\n\n本报讯 会议要求，各部门压实责任。\n";
        let lines = split_lines(text);
        let area = find_masthead(&lines).unwrap();
        assert_eq!(area.masthead.paper.as_deref(), Some("某某日报"));
        assert_eq!(area.masthead.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(area.lines, 5);
        assert_eq!(area.other_lines, [1, 2]);
    }

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
    fn sentences_and_date_lines_make_no_masthead() {
        let lines = split_lines("示例馆开馆三十年\n\n1987年5月4日至6月1日，示例市第一届花卉博览会在城东举行。\n");
        assert!(find_masthead(&lines).is_none());
        let lines = split_lines("在示例大会上的讲话\n（2024年3月5日）\n同志们，朋友们：\n今天我们在这里集会。");
        assert!(find_masthead(&lines).is_none());
    }

    #[test]
    fn a_lone_bare_date_makes_no_masthead() {
        assert!(find_masthead(&split_lines("2024年3月5日\n示例标题\n正文很长的一段话，说了很多事情。")).is_none());
        // with another field it does
        let m = find_masthead(&split_lines("2024年3月5日 星期二\n示例标题\n正文。")).unwrap().masthead;
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        let m = find_masthead(&split_lines("某某晚报\n2024年3月5日\n正文。")).unwrap().masthead;
        assert_eq!(m.paper.as_deref(), Some("某某晚报"));
    }

    #[test]
    fn weekday_as_zhou() {
        let lines = split_lines("某某日报\n2023年9月18日 周一 第38期\n");
        let m = find_masthead(&lines).unwrap().masthead;
        assert_eq!(m.weekday.as_deref(), Some("星期一"));
        assert_eq!(m.paper.as_deref(), Some("某某日报"));
    }
}
