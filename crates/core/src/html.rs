//! HTML left inside Markdown text.
//!
//! Archives scraped from the web keep each story as HTML inside their
//! Markdown (`<p><strong>本台消息</strong>……</p><p>……</p>` on one line),
//! with entities (`&nbsp;`, `&ldquo;`) and links (`[查看原文](https://…)`).
//! Block tags end a paragraph, as a line break does ([`blocks`]); in the
//! pieces they cut (and only there: elsewhere a tag-like string is text the
//! page printed), inline tags are dropped, entities decoded and a link kept
//! as its words ([`strip_inline`]). It knows nothing of newspapers.

use crate::text::re;
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// Tags that make a block: a paragraph, a line break, a heading, a list
/// item, a cell.
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)</?(?:p|div|br|hr|li|ul|ol|h([1-6])|section|article|blockquote|table|tbody|thead|tr|td|th)(?:\s[^<>]*)?/?>",
    )
});

/// Tags inside a paragraph, and pictures (which hold no text of the page).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)</?(?:strong|b|em|i|u|s|span|font|a|sup|sub|small|big|mark|code|abbr|cite|q|ins|del)(?:\s[^<>]*)?>|<img(?:\s[^<>]*)?/?>",
    )
});

/// A Markdown link, `[words](address)`, or picture, `![words](address)`.
static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"(!?)\[([^\[\]]*)\]\((?:https?://|/|www\.)[^()\s]*\)"));

/// The pieces of `line` between its block tags, each with the heading level
/// of the tag that opens it (`<h2>` gives 2, others 0), or `None` when the
/// line holds no block tag. Pieces may be empty.
///
/// ```
/// use shuzibao_core::html::blocks;
/// let line = "<h3>标题</h3><p>第一段。</p><p>第二段。</p>";
/// let pieces: Vec<(&str, u8)> = blocks(line).unwrap().into_iter().map(|(r, h)| (&line[r], h)).collect();
/// assert_eq!(pieces, [("", 0), ("标题", 3), ("", 0), ("第一段。", 0), ("", 0), ("第二段。", 0), ("", 0)]);
/// assert!(blocks("没有标签的一行").is_none());
/// ```
pub fn blocks(line: &str) -> Option<Vec<(Range<usize>, u8)>> {
    if !line.contains('<') || !BLOCK.is_match(line) {
        return None;
    }
    let mut out = Vec::new();
    let (mut at, mut level) = (0, 0u8);
    for c in BLOCK.captures_iter(line) {
        let Some(m) = c.get(0) else { continue };
        out.push((at..m.start(), level));
        let closing = m.as_str().starts_with("</");
        level = match c.get(1) {
            Some(h) if !closing => h.as_str().parse().unwrap_or(0),
            _ => 0,
        };
        at = m.end();
    }
    out.push((at..line.len(), level));
    Some(out)
}

/// `s` without inline tags and pictures, with its entities decoded and its
/// links as their words (borrowed when there is nothing to do).
///
/// ```
/// use shuzibao_core::html::strip_inline;
/// assert_eq!(strip_inline("<strong>本台消息</strong>（晚间新闻）：&ldquo;示例&rdquo;"), "本台消息（晚间新闻）：“示例”");
/// assert_eq!(strip_inline("[查看原文](https://example.com/a.shtml)"), "查看原文");
/// assert_eq!(strip_inline("书名写作<三国演义>的情形 a<b"), "书名写作<三国演义>的情形 a<b");
/// ```
pub fn strip_inline(s: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(s);
    // (one pass over the text for all three: most paragraphs hold none)
    if memchr::memchr3(b'<', b'&', b']', s.as_bytes()).is_none() {
        return out;
    }
    if out.contains('<') && INLINE.is_match(&out) {
        out = Cow::Owned(INLINE.replace_all(&out, "").into_owned());
    }
    if out.contains("](") && LINK.is_match(&out) {
        let words = |c: &regex::Captures<'_>| if c[1].is_empty() { c[2].to_string() } else { String::new() };
        out = Cow::Owned(LINK.replace_all(&out, words).into_owned());
    }
    if out.contains('&') {
        if let Cow::Owned(decoded) = html_escape::decode_html_entities(&out) {
            out = Cow::Owned(decoded);
        }
    }
    out
}

/// A line that is nothing but one Markdown link, `[查看原文](https://…)`:
/// the address of the page the story can be read on (a web archive's
/// pointer to its source, not words of the story), or `None`.
///
/// ```
/// use shuzibao_core::html::link_alone;
/// assert_eq!(link_alone(" [查看原文](https://example.com/a.shtml) "), Some("https://example.com/a.shtml"));
/// assert_eq!(link_alone("详见[原文](https://example.com/a.shtml)"), None);
/// assert_eq!(link_alone("![图片](https://example.com/a.jpg)"), None);
/// ```
pub fn link_alone(line: &str) -> Option<&str> {
    let line = line.trim();
    if !line.starts_with('[') || !line.ends_with(')') {
        return None;
    }
    let c = LINK_ALONE.captures(line)?;
    c.get(1).map(|m| m.as_str())
}

/// A whole line of one link (not a picture), its address captured.
static LINK_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^\[[^\[\]]*\]\(((?:https?://|/|www\.)[^()\s]*)\)$"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_tag_ends_a_piece_and_closing_tags_open_plain_ones() {
        let line = "甲<br/>乙<BR>丙";
        let pieces: Vec<&str> = blocks(line).unwrap().into_iter().map(|(r, _)| &line[r]).collect();
        assert_eq!(pieces, ["甲", "乙", "丙"]);
        let line = "<h2 class=\"t\">小标题</h2>正文";
        let got: Vec<(&str, u8)> = blocks(line).unwrap().into_iter().map(|(r, h)| (&line[r], h)).collect();
        assert_eq!(got, [("", 0), ("小标题", 2), ("正文", 0)]);
    }

    #[test]
    fn pictures_go_and_entities_come_back() {
        assert_eq!(strip_inline("图<img src=\"a.jpg\" alt=\"x\">说&nbsp;明&amp;注"), "图说\u{a0}明&注");
        assert_eq!(strip_inline("![图片](https://example.com/a.jpg)说明"), "说明");
        assert!(matches!(strip_inline("纯文字，没有标签。"), Cow::Borrowed(_)));
    }
}
