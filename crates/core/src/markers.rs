//! Markers inside running text: datelines, continuations and sources.
//!
//! A dateline (电头) opens the first paragraph: `本报讯`, `本报北京1月31日电
//! （记者杜一菲）`, `新华社上海1月31日电`. A continuation (转版) closes or opens
//! a piece: `(下转第2版)`, `（上接第1版）`. A source closes it: `(来源：区委
//! 统战部)`, `（区委统战部供稿）`. This module finds them in one piece of text
//! and says where they are; it does not decide what a line is.

use crate::byline::parse_bracketed;
use crate::model::Byline;
use crate::text::parse_number;
use regex::Regex;
use std::sync::LazyLock;

#[allow(clippy::unwrap_used)] // the patterns are constants, tested below
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

const PAGE: &str = r"(?:[A-Da-d]\s*)?([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})";

static CONTINUED_TO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"[（(【\[]\s*(?:下转|转|转至|续|下接|接)\s*(?:第\s*)?{PAGE}\s*(?:版|页)[^）)】\]]{{0,12}}[)）】\]]\s*$"
    ))
});
static CONTINUED_TO_BARE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(?:下转|转至|转)\s*(?:第\s*)?{PAGE}\s*版\s*$")));
static CONTINUED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"^\s*[（(【\[]\s*(?:上接|接|承|紧接)\s*(?:第\s*)?{PAGE}\s*(?:版|页)[^）)】\]]{{0,12}}[)）】\]]"))
});
static CONTINUED_FROM_BARE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^\s*(?:上接|承接)\s*(?:第\s*)?{PAGE}\s*版\s*$")));
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[（(]\s*(?:稿件来源|信息来源|来源|来稿|稿源|供稿|来自|文字来源)\s*[：:]\s*([^（）()]{1,40}?)\s*[)）]\s*$")
});
static SOURCE_SUPPLIED: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(]\s*([^（）()：:，,。]{2,30}?)\s*(?:供稿|供图|提供)\s*[)）]\s*$"));
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:稿件来源|信息来源|来源|稿源|来稿)\s*[：:]\s*(\S.{0,39}?)\s*$"));
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:本报讯|本报[\p{Han}、]{0,12}?(?:[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日)?(?:电|讯)|(?:据)?(?:新华社|中新社|中国新闻社|人民网|新华网|央视网|央视新闻|中新网|光明网|经济日报|法制日报|解放日报|文汇报|新民晚报)[\p{Han}、]{0,12}?(?:[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日)?(?:电|讯)|[\p{Han}]{2,12}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日电|本报记者[\p{Han}\s]{2,12}?报道)",
    )
});
static DATELINE_BRACKET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[（(]([^（）()]{2,40})[)）]"));

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline itself: `本报讯`, `本报北京1月31日电`.
    pub text: String,
    /// Who is named in the bracket after it: `（记者杜一菲）`.
    pub byline: Option<Byline>,
    /// Byte length of the dateline and its bracket in the paragraph.
    pub len: usize,
}

/// Finds a dateline at the start of `text`.
///
/// ```
/// use shuzibao_core::markers::dateline;
/// let d = dateline("本报北京1月31日电（记者杜一菲）记者从国家统计局获悉").unwrap();
/// assert_eq!(d.text, "本报北京1月31日电");
/// assert_eq!(d.byline.unwrap().reporters, ["杜一菲"]);
/// assert_eq!(dateline("本报讯 1月11日上午,徐汇区").unwrap().text, "本报讯");
/// assert!(dateline("1月11日上午,徐汇区").is_none());
/// ```
pub fn dateline(text: &str) -> Option<Dateline> {
    let m = find_dateline(text)?;
    let mut len = m.end();
    let mut byline = None;
    if let Some(c) = DATELINE_BRACKET.captures(&text[len..]) {
        if let Some(b) = parse_bracketed(&c[1]) {
            byline = Some(b);
            len += c.get(0).map_or(0, |g| g.end());
        }
    }
    Some(Dateline { text: m.as_str().trim().to_string(), byline, len })
}

/// Whether `text` opens with a dateline.
pub fn starts_with_dateline(text: &str) -> bool {
    find_dateline(text).is_some()
}

/// The opening of a dateline a column break cut off (`本报北京2月1`,
/// `新华社北京`): short, a paper or an agency first, and no dateline whole.
static DATELINE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:本报|(?:据)?新华社|中新社)[\p{Han}、]{0,12}?(?:[0-9０-９]{1,2}(?:月(?:[0-9０-９]{1,2}日?)?)?)?\s*$")
});
/// The rest of a dateline a column break cut (`日电（记者王甲）…`,
/// `月1日电（…`, `电（记者…`): the end of a date, then `电` and a bracket.
static DATELINE_REST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日|月[0-9０-９]{1,2}日|[0-9０-９]{0,2}日)?电\s*[（(]")
});
/// A text that opens with its date and a comma, as a lead does: `2月1日，`.
static DATE_COMMA: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:(?:[0-9]{4}年)?[0-9]{1,2}月)?[0-9]{1,2}日(?:[上下]午|晚|早)?[，,]"));

/// Whether a line is a piece of a report's first sentence that a column
/// break cut: the opening of a dateline (`本报北京2月1`), the rest of one
/// (`日电（记者王甲）…`), or a date and a comma (`2月1日，王`). A headline
/// opens with none of them.
///
/// ```
/// use shuzibao_core::markers::cut_lead;
/// assert!(cut_lead("本报北京2月1"));
/// assert!(cut_lead("日电（记者王甲）记者从示例部获悉"));
/// assert!(cut_lead("2月1日，王"));
/// assert!(cut_lead("15日上午，示例"));
/// assert!(!cut_lead("本报北京2月1日电（记者王甲）记者从示例部获悉："));
/// assert!(!cut_lead("本报评论员"));
/// assert!(!cut_lead("新华社发"));
/// assert!(!cut_lead("示例市召开春耕生产会"));
/// ```
pub fn cut_lead(text: &str) -> bool {
    opens_cut_dateline(text) || DATELINE_REST.is_match(text) || DATE_COMMA.is_match(text)
}

/// Whether a line is the opening of a dateline a column break cut off
/// (`本报北京2月1`, `新华社某地1`): as sure a sign that a report starts
/// as a dateline whole.
///
/// ```
/// use shuzibao_core::markers::opens_cut_dateline;
/// assert!(opens_cut_dateline("新华社示例1"));
/// assert!(!opens_cut_dateline("新华社记者 王甲摄"));
/// ```
pub fn opens_cut_dateline(text: &str) -> bool {
    // (`本报评论员`, `新华社记者 王甲摄`, `新华社发` are bylines and credits)
    let credit = ["评论员", "记者"].iter().any(|w| text.contains(w)) || text.trim_end().ends_with(['发', '摄']);
    DATELINE_OPENING.is_match(text) && !credit
}

/// The dateline match, refusing a dateless `本报电`/`新华社电` that runs on
/// into a word (`本报电视台`).
fn find_dateline(text: &str) -> Option<regex::Match<'_>> {
    let m = DATELINE.find(text)?;
    let dated = m.as_str().contains('月');
    let next = text[m.end()..].chars().next();
    if !dated && next.is_some_and(crate::text::is_han) {
        return None;
    }
    Some(m)
}

/// A time in a report's first sentence: a date, a day, or a near time (`近日`).
static LEAD_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:近日|日前|前不久|不久前|当天|当日|今年|去年|近年来|目前|眼下|前夕|[0-9０-９]{4}年|[0-9０-９一二三四五六七八九十]{1,2}月(?:[0-9０-９一二三四五六七八九十]{1,3}日|[上中下]旬|底|初)?|[0-9０-９]{1,2}日)",
    )
});
/// A place in a report's first sentence written with its administrative unit (`宿迁市`, `城关镇`).
static LEAD_PLACE: LazyLock<Regex> = LazyLock::new(|| re(r"\p{Han}[省市县区州镇乡村]"));

/// Whether `text` opens as a news report does: its first sentence says when
/// and where (`日前，江苏省宿迁市…`, `3月5日，…在河内开幕`).
/// The text under a sub-heading goes on from what the article has told; a
/// report's lead starts afresh.
///
/// ```
/// use shuzibao_core::markers::opens_as_lead;
/// assert!(opens_as_lead("日前，江苏省宿迁市的花卉电商开始发货。此后"));
/// assert!(opens_as_lead("第五届茶文化节3月5日在越南首都河内开幕，多国茶商参展。"));
/// assert!(!opens_as_lead("舞剧将南拳马步以及南狮特有的动作技巧汇入舞蹈语言。"));
/// assert!(!opens_as_lead("他说：“今年的收成好。”"), "the first sentence names no place");
/// ```
pub fn opens_as_lead(text: &str) -> bool {
    const MAX_CHARS: usize = 120;
    let first: String = text.chars().take_while(|c| !matches!(c, '。' | '！' | '？')).take(MAX_CHARS).collect();
    LEAD_TIME.is_match(&first) && (LEAD_PLACE.is_match(&first) || names_known_place(&first))
}

/// Whether `text` holds a place name the gazetteer knows (`河内`, `开罗`).
fn names_known_place(text: &str) -> bool {
    const LONGEST: usize = 8;
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    (0..starts.len()).any(|a| {
        (a + 2..=(a + LONGEST).min(starts.len() - 1))
            .any(|b| crate::lexicon::is_known_place(&text[starts[a]..starts[b]]))
    })
}

/// Finds a `(下转第N版)` at the end of `text`: the page and where the marker starts.
///
/// ```
/// use shuzibao_core::markers::continued_to;
/// assert_eq!(continued_to("推动事业发展，（下转第2版）"), Some((2, 21)));
/// assert_eq!(continued_to("(下转第 2 版)"), Some((2, 0)));
/// assert_eq!(continued_to("转第四版"), Some((4, 0)));
/// assert_eq!(continued_to("要转第2版的稿件"), None);
/// ```
pub fn continued_to(text: &str) -> Option<(u32, usize)> {
    if !text.contains('版') {
        return None;
    }
    let c = CONTINUED_TO.captures(text).or_else(|| CONTINUED_TO_BARE.captures(text))?;
    Some((parse_number(&c[1])?, c.get(0)?.start()))
}

/// Finds an `(上接第N版)` at the start of `text`: the page and the marker's byte length.
pub fn continued_from(text: &str) -> Option<(u32, usize)> {
    if !text.contains('版') {
        return None;
    }
    let c = CONTINUED_FROM.captures(text).or_else(|| CONTINUED_FROM_BARE.captures(text))?;
    Some((parse_number(&c[1])?, c.get(0)?.end()))
}

/// Finds a source at the end of `text` (`(来源：区委统战部)`, `（区委统战部供稿）`):
/// the source and where the marker starts.
pub fn source_at_end(text: &str) -> Option<(String, usize)> {
    if !text.ends_with(['）', ')']) {
        return None;
    }
    let c = SOURCE.captures(text).or_else(|| SOURCE_SUPPLIED.captures(text))?;
    Some((c[1].trim().to_string(), c.get(0)?.start()))
}

/// Reads a whole line that names a source: `来源：区委统战部`, `(来源：区委统战部)`.
pub fn source_line(text: &str) -> Option<String> {
    if !text.contains(['源', '稿', '供', '提']) {
        return None;
    }
    if let Some((s, 0)) = source_at_end(text) {
        return Some(s);
    }
    SOURCE_LINE.captures(text).map(|c| c[1].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_of_several_papers() {
        assert_eq!(dateline("新华社北京1月31日电 国务院总理").unwrap().text, "新华社北京1月31日电");
        let d = dateline("本报讯（记者 刘坤 通讯员 张三）1月11日").unwrap();
        assert_eq!(d.text, "本报讯");
        let b = d.byline.unwrap();
        assert_eq!(b.reporters, ["刘坤"]);
        assert_eq!(b.correspondents, ["张三"]);
        assert_eq!(&"本报讯（记者 刘坤 通讯员 张三）1月11日"[d.len..], "1月11日");
        assert!(dateline("本报上海2月1日讯 记者").is_some());
        assert_eq!(dateline("新华社电  （记者林远航）“守护家园").unwrap().byline.unwrap().reporters, ["林远航"]);
        assert!(dateline("本报电视台记者获悉").is_none());
        assert!(dateline("新华社电视节目").is_none());
        assert!(dateline("本报记者近日从市教委获悉").is_none());
    }

    #[test]
    fn a_bracket_that_is_not_a_byline_stays() {
        let d = dateline("本报讯（徐汇区融媒体中心）近日").unwrap();
        assert!(d.byline.is_none());
        assert_eq!(d.len, "本报讯".len());
    }

    #[test]
    fn continuations() {
        assert_eq!(continued_to("良好政治生态。(下转第 2 版)").map(|c| c.0), Some(2));
        assert_eq!(continued_to("（下转A3版）").map(|c| c.0), Some(3));
        assert_eq!(continued_to("（转第十二版）").map(|c| c.0), Some(12));
        assert_eq!(continued_from("（上接第1版）会议指出").map(|c| c.0), Some(1));
        assert_eq!(continued_from("上接第一版").map(|c| c.0), Some(1));
        assert!(continued_from("会议（上接第1版）").is_none());
    }

    #[test]
    fn sources() {
        assert_eq!(source_at_end("活动圆满结束。(来源：区委统战部)").map(|s| s.0), Some("区委统战部".to_string()));
        assert_eq!(source_at_end("圆满结束。（区委统战部供稿）").map(|s| s.0), Some("区委统战部".to_string()));
        assert_eq!(source_line("来源：徐汇区教育局"), Some("徐汇区教育局".to_string()));
        assert!(source_at_end("（来源于群众）").is_none());
    }
}
