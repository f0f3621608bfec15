//! Teasers (导读): front-page pointers to stories on inner pages.
//!
//! Printed as a page number before a title (`10-11 全力做好中心城区高质量发展
//! 大文章`, `07 张家弄片区房屋征收项目`) or after it (`……（详见第3版）`,
//! `……（3版）`, `……  第3版`), a bullet perhaps before it (`◆`). This
//! module reads one line as a teaser; the assembler decides where teasers may
//! stand and joins a title that runs on to the next line.

use crate::text::re;
use crate::text::{ends_sentence, fold_width, han_ratio, parse_number};
use regex::Regex;
use std::sync::LazyLock;

/// A page or a range of pages before a title: two figures (`09`, `10-11`),
/// or one or two with `第` or `版` (`第9版`, `3版`).
static PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(第\s*)?([0-9]{1,2})(?:\s*[-–—~～、,，/]\s*([0-9]{1,2}))?\s*(版\s*|\s+)(\S.*)$"));
/// A page or a range of pages alone on its line, its title on the next
/// (the page numbers of a teaser strip set large, taken off as their own
/// block): `10-11`, `09`, `第9版`.
static PAGES_ALONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(第\s*)?([0-9]{1,2})(?:\s*[-–—~～、,，/]\s*([0-9]{1,2}))?\s*(版)?$"));
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(\S.*?)\s*[（(]?\s*(?:详见|见|转|详|▶|>>|→|➡)\s*(?:第\s*)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:\s*[-、,，]\s*([0-9]{1,2}))?\s*版\s*[)）]?$",
    )
});

/// Pages from a range: `10-11` → `[10, 11]`, `07` → `[7]`.
fn pages(from: u32, to: Option<u32>) -> Vec<u32> {
    match to {
        Some(to) if to > from && to - from <= 8 => (from..=to).collect(),
        Some(to) if to != from => vec![from, to],
        _ => vec![from],
    }
}

/// A page given after the title with no pointing word: `标题（2版）`,
/// `标题（第2版）`, or set apart from it by a space, `标题  第3版`.
static PAGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(\S.*?)(?:\s*[（(]\s*(?:第\s*)?([0-9]{1,2})(?:\s*[-–—~～、,，]\s*([0-9]{1,2}))?\s*版\s*[)）]|\s+第\s*([0-9]{1,2})\s*版)$",
    )
});

/// A column tag closing a title: `大运河畔访邵伯（神州观览）`.
static TAG_AT_END: LazyLock<Regex> = LazyLock::new(|| re(r"[（(][^（()）]{1,16}[)）]$"));

fn title_ok(title: &str) -> bool {
    // a title may close with a column tag in brackets; the rest is checked
    let title = match TAG_AT_END.find(title) {
        Some(m) if m.start() > 0 => &title[..m.start()],
        _ => title,
    };
    let n = title.chars().count();
    let han = title.chars().filter(|&c| crate::text::is_han(c)).count();
    (2..=40).contains(&n)
        && han >= 4
        && han_ratio(title) >= 0.5
        && !ends_sentence(title)
        && !title.contains(['。', '；', '(', '（'])
}

/// Reads `text` as a teaser: the pages and the title.
///
/// ```
/// use shuzibao_core::teaser::parse_teaser;
/// assert_eq!(parse_teaser("10-11 全力做好中心城区高质量发展大文章"),
///            Some((vec![10, 11], "全力做好中心城区高质量发展大文章".to_string())));
/// assert_eq!(parse_teaser("07 张家弄片区房屋征收项目"), Some((vec![7], "张家弄片区房屋征收项目".to_string())));
/// assert_eq!(parse_teaser("2022年徐汇区重大工程集中开工"), None);
/// assert_eq!(parse_teaser("85 项重大工程中产业类项目预计当年开工。"), None);
/// assert_eq!(parse_teaser("第9版 老小区加装电梯提速"), Some((vec![9], "老小区加装电梯提速".to_string())));
/// assert_eq!(parse_teaser("▶滨江岸线焕新颜（10-11版）"), Some((vec![10, 11], "滨江岸线焕新颜".to_string())));
/// assert_eq!(parse_teaser("9 老小区加装电梯提速"), None);
/// assert_eq!(parse_teaser("第1版的头条新闻"), None);
/// ```
pub fn parse_teaser(text: &str) -> Option<(Vec<u32>, String)> {
    if text.len() > 50 * 3 {
        return None;
    }
    let t = fold_width(text.trim());
    if let Some(c) = PREFIX.captures(&t) {
        let from: u32 = c[2].parse().ok()?;
        let to = c.get(3).and_then(|m| m.as_str().parse().ok());
        let title = crate::text::clean_headline(&c[5]);
        // one figure says a page only with `第` or `版` beside it, and a
        // space after (`第1版的头条新闻` is a headline)
        let spaced = c[4].ends_with(char::is_whitespace);
        let marked = c[2].len() == 2 || ((c.get(1).is_some() || c[4].trim() == "版") && spaced);
        // `10 月 1 日`, `85 项工程`: a number with its measure word is not a page.
        let unit = title.starts_with(|c: char| {
            c.is_ascii_digit() || "年月日号时点分秒个项名位届期版岁元万亿千百%％多余栋套户辆".contains(c)
        });
        if (1..=99).contains(&from) && marked && !unit && title_ok(&title) {
            return Some((pages(from, to), title));
        }
    }
    // a bullet may open a teaser in a strip: `◆标题（2版）`
    let t = match crate::byline::strip_bullet(&t) {
        (true, rest) => rest.to_string(),
        _ => t,
    };
    if let Some(c) = SUFFIX.captures(&t) {
        let from = parse_number(&c[2])?;
        let to = c.get(3).and_then(|m| m.as_str().parse().ok());
        let title = crate::text::clean_headline(c[1].trim_end_matches(['…', '.', '—', '-', ' ']));
        if from >= 1 && title_ok(&title) {
            return Some((pages(from, to), title));
        }
    }
    if let Some(c) = PAGE_AFTER.captures(&t) {
        let page: u32 = c.get(2).or(c.get(4))?.as_str().parse().ok()?;
        let to = c.get(3).and_then(|m| m.as_str().parse().ok());
        let title = crate::text::clean_headline(c[1].trim_end());
        if (1..=99).contains(&page) && title_ok(&title) {
            return Some((pages(page, to), title));
        }
    }
    None
}

/// Reads a teaser printed as its pages alone on a line (`10-11`, `09`,
/// `第9版`) and its title on the next.
///
/// ```
/// use shuzibao_core::teaser::parse_split_teaser;
/// assert_eq!(parse_split_teaser("10-11", "滨江岸线焕新颜"), Some((vec![10, 11], "滨江岸线焕新颜".to_string())));
/// assert_eq!(parse_split_teaser("2024", "滨江岸线焕新颜"), None);
/// assert_eq!(parse_split_teaser("9", "滨江岸线焕新颜"), None);
/// ```
pub fn parse_split_teaser(pages_line: &str, title_line: &str) -> Option<(Vec<u32>, String)> {
    // (asked of every line of a front page: most fail on their first character)
    let t = pages_line.trim();
    let opens = t.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '第');
    if !opens || t.len() > 32 {
        return None;
    }
    let p = fold_width(t);
    let c = PAGES_ALONE.captures(&p)?;
    if c.get(1).is_none() && c.get(4).is_none() && c[2].len() != 2 {
        return None;
    }
    parse_teaser(&format!("{} {}", p, title_line.trim()))
}

/// Whether a teaser's title runs on to the next line (`07 张家弄片区房屋征收项目`
/// / `正式启动`): that line is short and plain, and after it comes another
/// teaser, a marked headline, or nothing; or the title is left hanging
/// (`…的`, an unclosed quote).
pub fn runs_on(title: &str, next: &str, next_marked: bool, after: Option<(&str, bool)>) -> bool {
    let n = crate::text::char_len(next);
    if n > 16 || next_marked || ends_sentence(next) || parse_teaser(next).is_some() {
        return false;
    }
    let dangling = title.ends_with(['的', '和', '与', '及', '、', '“', '《'])
        || title.matches('“').count() > title.matches('”').count();
    dangling || after.is_none_or(|(text, marked)| marked || parse_teaser(text).is_some())
}

/// Whether a line is the label over a block of teasers (`导读`, `今日导读`,
/// `本期要目`), perhaps after the paper's name (`某某日报 导读`).
pub fn is_teaser_label(text: &str) -> bool {
    const LABELS: [&str; 2] = ["导读", "要目"];
    const BEFORE: [&str; 3] = ["今日", "本期", "本版"];
    let is_label = |t: &str| {
        let t = BEFORE.iter().find_map(|b| t.strip_prefix(b)).unwrap_or(t);
        LABELS.contains(&t)
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    tokens.iter().any(|t| is_label(t)) && tokens.iter().all(|t| is_label(t) || crate::masthead::paper_name(t).is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_label_over_teasers() {
        for label in ["导读", "今日导读", "本期要目", "某某日报 导读"] {
            assert!(super::is_teaser_label(label), "{label}");
        }
        for line in ["导读文章", "某某日报", "导读 全力做好工作", ""] {
            assert!(!super::is_teaser_label(line), "{line}");
        }
    }

    use super::*;

    #[test]
    fn prefix_and_suffix_forms() {
        assert_eq!(parse_teaser("第05版 社区里的新年音乐会"), Some((vec![5], "社区里的新年音乐会".to_string())));
        assert_eq!(parse_teaser("12—13 城市更新的徐汇答卷"), Some((vec![12, 13], "城市更新的徐汇答卷".to_string())));
        assert_eq!(parse_teaser("社区食堂开到家门口（详见第3版）"), Some((vec![3], "社区食堂开到家门口".to_string())));
        assert_eq!(parse_teaser("社区食堂开到家门口 >>04版"), Some((vec![4], "社区食堂开到家门口".to_string())));
    }

    #[test]
    fn a_page_after_the_title_with_no_pointing_word() {
        assert_eq!(parse_teaser("◆河畔新绿访古镇（2版）"), Some((vec![2], "河畔新绿访古镇".to_string())));
        assert_eq!(parse_teaser("山村书屋亮灯了（第12版）"), Some((vec![12], "山村书屋亮灯了".to_string())));
        assert_eq!(
            parse_teaser("老街巷里的新生活（走基层）  第5版"),
            Some((vec![5], "老街巷里的新生活(走基层)".to_string()))
        );
        assert_eq!(parse_teaser("● 夜市灯火照归途 第3版"), Some((vec![3], "夜市灯火照归途".to_string())));
        // a sentence, or a page named inside running text, is no teaser
        assert_eq!(parse_teaser("详细内容刊登在今天的报纸上（2版）。"), None);
        assert_eq!(parse_teaser("本报今天刊发第3版"), None);
        assert_eq!(parse_teaser("（第3版）"), None);
    }

    #[test]
    fn not_teasers() {
        assert_eq!(parse_teaser("2024 年即将到来。"), None);
        assert_eq!(parse_teaser("10 月 1 日"), None);
        assert_eq!(parse_teaser("(下转第 2 版)"), None);
    }
}
