//! Lines of the input with their spans and their Markdown marks removed.
//!
//! Extraction tools write pages as Markdown-ish text: `#` headings, `**bold**`,
//! `<http://…>` links, two trailing spaces for a line break, ideographic spaces
//! to indent a paragraph; and, from web archives, HTML inside the Markdown,
//! whose block tags (`<p>`, `<br>`) end a line as a line break does
//! ([`crate::html`]). This module turns the text into [`Line`]s that carry
//! the clean content, those marks as flags, and the byte span of the content in
//! the input. It knows nothing of newspapers.

use crate::model::Span;

/// One non-blank line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line as it was, without its line break.
    pub raw: &'a str,
    /// The content without Markdown heading marks and surrounding white space.
    pub text: &'a str,
    /// Span of `text` in the input.
    pub span: Span,
    /// Markdown heading level (`#` = 1), 0 for none.
    pub heading: u8,
    /// The whole line is bold (`**…**`).
    pub bold: bool,
    /// The line starts with an indent (ideographic spaces, or two or more spaces).
    pub indented: bool,
    /// How many blank lines stand between this line and the previous one.
    pub blanks_before: usize,
    /// The line is a piece of HTML (block tags cut it out of its line): its
    /// inline tags and entities are markup, not text.
    pub html: bool,
}

/// Splits `text` into its non-blank lines.
///
/// ```
/// use shuzibao_core::lines::split_lines;
/// let lines = split_lines("# 徐汇报\r\n\r\n\u{3000}\u{3000}正文。\n");
/// assert_eq!(lines[0].text, "徐汇报");
/// assert_eq!(lines[0].heading, 1);
/// assert_eq!(lines[1].text, "正文。");
/// assert!(lines[1].indented);
/// assert_eq!(lines[1].blanks_before, 1);
/// ```
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blanks = 0usize;
    let mut start = 0usize;
    for piece in text.split_inclusive('\n') {
        let line_start = start;
        start += piece.len();
        let raw = piece.trim_end_matches(['\n', '\r']);
        if let Some(pieces) = crate::html::blocks(raw) {
            // paragraphs kept as HTML on one line: a line each, in place
            let before = out.len();
            for (r, level) in pieces {
                if let Some(mut line) = read_line(&raw[r.clone()], line_start + r.start) {
                    line.blanks_before = if out.len() == before { blanks } else { 0 };
                    line.heading = line.heading.max(level);
                    line.html = true;
                    out.push(line);
                }
            }
            if out.len() == before {
                blanks += 1;
            } else {
                blanks = 0;
            }
            continue;
        }
        match read_line(raw, line_start) {
            Some(mut line) => {
                line.blanks_before = blanks;
                blanks = 0;
                out.push(line);
            }
            None => blanks += 1,
        }
    }
    out
}

fn read_line(raw: &str, offset: usize) -> Option<Line<'_>> {
    let indented = raw.starts_with('\u{3000}') || raw.starts_with("  ") || raw.starts_with('\t');
    let trimmed = raw.trim_start_matches(|c: char| c.is_whitespace());
    let mut body = trimmed;
    let mut heading = 0u8;
    if body.starts_with('#') {
        let hashes = body.chars().take_while(|&c| c == '#').count();
        let rest = &body[hashes..];
        if hashes <= 6 && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            heading = hashes as u8;
            body = rest;
        }
    }
    // Markdown quotes and list bullets are layout, not text.
    if let Some(rest) = body.strip_prefix("> ") {
        body = rest;
    }
    let body = body.trim_matches(|c: char| c.is_whitespace());
    let mut text = body;
    let mut bold = false;
    if text.len() > 4 && text.starts_with("**") && text.ends_with("**") && !text[2..text.len() - 2].contains("**") {
        text = text[2..text.len() - 2].trim();
        bold = true;
    }
    if text.is_empty() || text.chars().all(|c| matches!(c, '*' | '-' | '_' | '=' | '#' | '|')) {
        return None;
    }
    let start = offset + (text.as_ptr() as usize - raw.as_ptr() as usize);
    Some(Line {
        raw,
        text,
        span: Span::new(start, start + text.len()),
        heading,
        bold,
        indented,
        blanks_before: 0,
        html: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_the_content() {
        let input = "\n\n## 区领导走访调研区内科技企业\n\n□ 记者 刘坤  \r\n";
        let lines = split_lines(input);
        assert_eq!(lines.len(), 2);
        for l in &lines {
            assert_eq!(&input[l.span.start..l.span.end], l.text);
        }
        assert_eq!(lines[0].heading, 2);
        assert_eq!(lines[0].blanks_before, 2);
        assert_eq!(lines[1].text, "□ 记者 刘坤");
    }

    #[test]
    fn bold_lines_and_rules() {
        let lines = split_lines("**打造新优势**\n---\n***\n正文");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].bold);
        assert_eq!(lines[0].text, "打造新优势");
        assert_eq!(lines[1].blanks_before, 2);
    }

    #[test]
    fn paragraphs_kept_as_html_are_lines_in_place() {
        let input = "### 示例标题\n\n<p><strong>本台消息</strong>：第一段。</p><p>第二段。</p>\n";
        let lines = split_lines(input);
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["示例标题", "<strong>本台消息</strong>：第一段。", "第二段。"]);
        for l in &lines {
            assert_eq!(&input[l.span.start..l.span.end], l.text);
        }
        assert_eq!((lines[1].blanks_before, lines[2].blanks_before), (1, 0));
        assert!(!lines[0].html && lines[1].html && lines[2].html);
        // a line of tags alone is a blank line
        let lines = split_lines("甲\n<p></p>\n乙");
        assert_eq!(lines[1].blanks_before, 1);
        let lines = split_lines("<h2>小标题</h2>");
        assert_eq!((lines[0].text, lines[0].heading), ("小标题", 2));
    }

    #[test]
    fn hash_without_space_is_text() {
        let lines = split_lines("#话题#讨论");
        assert_eq!(lines[0].heading, 0);
        assert_eq!(lines[0].text, "#话题#讨论");
    }
}
