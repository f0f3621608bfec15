//! Headlines (标题): telling a headline line from running text and a
//! sub-heading, and splitting a headline group into 引题 / 主题 / 副题.
//!
//! Without typography a headline shows only in its words: short, no sentence
//! punctuation, perhaps a column tag `（人民观点）` or halves set apart by a
//! space; a sub-heading (小标题) looks alike but is numbered (`（三）`, `二、`),
//! ends in `——` or holds a comma. These are the signs this module reads; the
//! assembler weighs them with what stands around the line.

use crate::markers::starts_with_dateline;
use crate::model::Headline;
use crate::text::re;
use crate::text::{char_len, clean_headline, ends_sentence, han_ratio};
use regex::Regex;
use std::sync::LazyLock;

static ENUMERATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[（(][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[0-9]{1,2}[、.．]\D|第[一二三四五六七八九十0-9]{1,3}[章节部分条篇，、]|[①②③④⑤⑥⑦⑧⑨⑩]|(?:案例|问题|其)[一二三四五六七八九十]{1,2}[：:、])",
    )
});
/// A bracketed tag closing a headline, perhaps with a part in brackets of its
/// own: `（人民观点）`, `（大江南北看变化·江西篇（上））`.
static COLUMN_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(](?:[^（）()。]|[（(][^（）()。]{1,6}[)）]){2,30}[)）]$"));

/// A series' tag too long for [`COLUMN_TAG`], closing a headline:
/// `……（守初心 担使命 找差距 抓落实·深入开展“……”主题教育·身边的初心使命）`.
static SERIES_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(](?:[^（）()。]|[（(][^（）()。]{1,6}[)）]){31,60}[)）]$"));

/// The line without a series' long tag at its end (31 to 60 characters in
/// brackets): the headline's own words, which measure it. The line itself
/// when it has none.
pub fn without_series_tag(text: &str) -> &str {
    if !text.ends_with(['）', ')']) {
        return text;
    }
    match SERIES_TAG.find(text) {
        Some(m) if m.start() > 0 => &text[..m.start()],
        _ => text,
    }
}

/// Longest headline line, in characters, when no Markdown marks it.
pub const MAX_HEADLINE_CHARS: usize = 50;

/// Whether a line of text, seen alone, could be a headline.
///
/// ```
/// use shuzibao_core::headline::looks_like_headline;
/// assert!(looks_like_headline("徐汇区召开党史学习教育总结会议"));
/// assert!(looks_like_headline("新技术打开城市治理新空间（人民观点）"));
/// assert!(looks_like_headline("回乡开店有奔头！（经济观察·家乡新变化⑥）"));
/// let series = "为大家做事就是乐（守初心 担使命 找差距 抓落实·深入开展“某某”主题教育·身边的初心使命故事）";
/// assert!(looks_like_headline(series));
/// assert!(!looks_like_headline("年度投资187亿元。"));
/// let subtitle = "——记全市基层医务工作者在疫情防控和日常诊疗两条战线上守护群众健康、为百姓排忧解难、把温暖和关怀送到千家万户的动人故事";
/// assert!(looks_like_headline(subtitle));
/// assert!(!looks_like_headline("居民朋友们:"));
/// assert!(!looks_like_headline("本报讯 1月11日上午"));
/// ```
pub fn looks_like_headline(text: &str) -> bool {
    // a series' long tag: the headline is what stands before it
    let head = without_series_tag(text);
    if head.len() < text.len() {
        let tag = &text[head.len()..];
        return !tag.contains("记者") && !tag.contains("来源") && !tag.contains('摄') && looks_like_headline(head);
    }
    let n = char_len(text);
    if n == 0 || text.contains('。') || han_ratio(text) < 0.3 {
        return false;
    }
    if text.ends_with("——") {
        return n <= 2 * MAX_HEADLINE_CHARS;
    }
    // a subtitle opened by a dash may run as long as a kicker
    if text.starts_with("——") && n > MAX_HEADLINE_CHARS {
        return n <= 2 * MAX_HEADLINE_CHARS && !ends_sentence(text);
    }
    if n > MAX_HEADLINE_CHARS || starts_with_dateline(text) {
        return false;
    }
    let last = text.chars().next_back().unwrap_or(' ');
    if matches!(last, '，' | '、' | '；' | '：' | ':' | ',' | ';' | '…') {
        return false;
    }
    if matches!(last, '！' | '？' | '!' | '?') {
        return n <= 30;
    }
    if COLUMN_TAG.is_match(text) {
        // a headline's column tag, not a byline or source closing a sentence
        return !text.contains("记者") && !text.contains("来源") && !text.contains('摄');
    }
    !ends_sentence(text)
}

/// Whether a line opens with a number of its own: `一、`, `（二）`, `第三章`, `②`.
///
/// ```
/// use shuzibao_core::headline::is_enumerated;
/// assert!(is_enumerated("第六章  构建现代产业体系"));
/// assert!(is_enumerated("（二）发展目标"));
/// assert!(!is_enumerated("第一书记 林小川"));
/// ```
pub fn is_enumerated(text: &str) -> bool {
    ENUMERATED.is_match(text)
}

/// Whether a headline-like line reads as a sub-heading inside an article:
/// numbered, a lead-in ending in `——`, a subtitle opened by `——`, a clause
/// with a comma or a colon, a bracketed label `【点评】`.
pub fn looks_like_subheading(text: &str) -> bool {
    is_enumerated(text)
        || text.ends_with("——")
        || text.starts_with('—')
        || text.starts_with('【')
        || text.contains(['，', ',', '：', ':'])
}

/// Whether the line ends with a column tag in brackets: `…（人民观点）`.
pub fn has_column_tag(text: &str) -> bool {
    COLUMN_TAG.is_match(text) && !text.contains("记者")
}

/// Whether the line holds two halves set apart by a space (`找准新需求 做好新供给`),
/// the way headlines, and seldom sub-headings, are set.
pub fn has_spaced_halves(text: &str) -> bool {
    let t = text.trim();
    t.split(char::is_whitespace).filter(|p| !p.is_empty()).count() >= 2
        && t.split(char::is_whitespace).filter(|p| !p.is_empty()).all(|p| char_len(p) >= 2 && han_ratio(p) > 0.5)
}

/// One line of a headline group, with its Markdown level (0 for none).
#[derive(Debug, Clone)]
pub struct HeadLine {
    /// The line's text.
    pub text: String,
    /// `#` level, 0 when plain.
    pub level: u8,
}

/// Splits the lines of a headline group into 引题, 主题 and 副题.
///
/// With Markdown levels the main title is the line with the biggest heading
/// (fewest `#`); lines above it are the kicker, lines below the subtitle.
/// Without them a line opened by `——` is the subtitle, a line ended by `——`
/// the kicker, and otherwise the last of two lines is the title (引题 stands above).
///
/// ```
/// use shuzibao_core::headline::{split_headline, HeadLine};
/// let h = split_headline(&[
///     HeadLine { text: "高水平推进徐汇现代化建设".into(), level: 2 },
///     HeadLine { text: "徐汇区委全会通过重磅《实施方案》".into(), level: 1 },
/// ]);
/// assert_eq!(h.kicker.as_deref(), Some("高水平推进徐汇现代化建设"));
/// assert_eq!(h.title, "徐汇区委全会通过重磅《实施方案》");
/// ```
pub fn split_headline(lines: &[HeadLine]) -> Headline {
    let texts: Vec<String> = lines.iter().map(|l| clean_headline(&l.text)).filter(|t| !t.is_empty()).collect();
    let levels: Vec<u8> = lines.iter().map(|l| l.level).collect();
    let mut h = Headline::default();
    match texts.len() {
        0 => {}
        1 => h.title = texts[0].clone(),
        n => {
            let marked = levels.iter().filter(|&&l| l > 0).count();
            let distinct = levels.iter().any(|&l| l > 0 && l != levels[0]);
            let title_at = if marked == n && distinct {
                // the biggest heading; the first of several equal ones
                let min = levels.iter().copied().min().unwrap_or(1);
                levels.iter().position(|&l| l == min).unwrap_or(0)
            } else if let Some(i) = texts.iter().position(|t| t.starts_with('—')) {
                i.saturating_sub(1)
            } else if n == 2 && char_len(&texts[1]) > MAX_HEADLINE_CHARS && char_len(&texts[0]) <= MAX_HEADLINE_CHARS {
                // a line longer than any title under a title is its subtitle
                0
            } else {
                // a kicker (引题) stands above the title, whether or not it
                // ends in `——`
                1
            };
            let kick: Vec<&str> = texts[..title_at].iter().map(String::as_str).collect();
            let sub: Vec<&str> = texts[title_at + 1..].iter().map(String::as_str).collect();
            h.title = texts[title_at].clone();
            h.kicker = (!kick.is_empty()).then(|| kick.join(" "));
            h.subtitle = (!sub.is_empty()).then(|| sub.join(" "));
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(ts: &[&str]) -> Vec<HeadLine> {
        ts.iter().map(|t| HeadLine { text: t.to_string(), level: 0 }).collect()
    }

    #[test]
    fn subtitle_with_dash() {
        let h = split_headline(&plain(&["新技术打开城市治理新空间(人民观点)", "——答好数字时代的城市课题④"]));
        assert_eq!(h.title, "新技术打开城市治理新空间(人民观点)");
        assert_eq!(h.subtitle.as_deref(), Some("——答好数字时代的城市课题④"));
        assert_eq!(h.kicker, None);
    }

    #[test]
    fn kicker_title_subtitle() {
        let h = split_headline(&plain(&["清华大学教授以育人和科研做“两翼”——", "培养更多创新人才", "——记某某团队"]));
        assert_eq!(h.kicker.as_deref(), Some("清华大学教授以育人和科研做“两翼”——"));
        assert_eq!(h.title, "培养更多创新人才");
        assert_eq!(h.subtitle.as_deref(), Some("——记某某团队"));
    }

    #[test]
    fn two_plain_lines_are_kicker_and_title() {
        let h =
            split_headline(&plain(&["从党史中汲取力量 为建设“卓越城区”提供坚强保障", "某区召开党史学习教育总结会议"]));
        assert_eq!(h.title, "某区召开党史学习教育总结会议");
        assert!(h.kicker.is_some());
    }

    #[test]
    fn a_line_longer_than_any_title_under_a_title_is_its_subtitle() {
        let long = "研究部署春耕生产和防汛准备工作 审议《示例市乡村振兴规划》《示例市河道管理办法》《示例市旧区改造方案》 市委书记王甲主持会议";
        let h = split_headline(&plain(&["示例市委常委会召开会议", long]));
        assert_eq!((h.kicker, h.title.as_str()), (None, "示例市委常委会召开会议"));
        assert!(h.subtitle.is_some_and(|s| s.starts_with("研究部署") && s.ends_with("主持会议")));
    }

    #[test]
    fn subheading_signs() {
        assert!(looks_like_subheading("（三）坚持以人民为中心"));
        assert!(looks_like_subheading("二、强化融资服务"));
        assert!(looks_like_subheading("品类多起来——"));
        assert!(looks_like_subheading("建好平台引来人才，老厂焕发新活力"));
        assert!(!looks_like_subheading("徐汇区召开党史学习教育总结会议"));
        assert!(has_spaced_halves("难忘的旅程  珍贵的回忆"));
        assert!(!has_spaced_halves("市民游客爱上了 City Walk"));
        assert!(has_column_tag("守住诚信经营底线（财经观）"));
    }
}
