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

/// Lines of a paragraph that a tool broke where the printed lines end
/// (text taken from a column line by line, one line break each) joined
/// again, each paragraph one [`Line`] whose text runs over the breaks.
///
/// Such a page shows it: the lines that another line follows at once hold
/// as many characters, the column's width, in most places. A line that
/// fills it (or holds more where digits, narrow, save room, but is no
/// wider) goes on in the line under it unless that one is indented, a
/// heading or stands after a blank line; the paragraph's last line is
/// shorter. Nothing is joined unless four lines or more, and half of the
/// lines followed at once, fill one width of eight characters or more: a
/// page of whole paragraphs (one a line, whatever their length) or a list
/// of short items (names one a line) is left as it is.
pub fn join_wrapped<'a>(input: &'a str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    /// How many characters fewer than the column's a full line may hold
    /// (digits and Latin letters take half a Han character's place, so a
    /// line with them may hold more).
    const SLACK: usize = 1;
    let goes_on = |a: &Line<'_>, b: &Line<'_>| {
        b.blanks_before == 0 && a.heading == 0 && b.heading == 0 && !b.indented && !a.html && !b.html
    };
    // how many lines followed at once hold each number of characters
    let mut widths: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for w in lines.windows(2).filter(|w| goes_on(&w[0], &w[1])) {
        *widths.entry(w[0].text.chars().count()).or_default() += 1;
    }
    let followed: usize = widths.values().sum();
    let filling = |w: usize| widths.range(w.saturating_sub(SLACK)..=w).map(|(_, n)| n).sum::<usize>();
    // (and no wider than the column: a line set wider, a headline across
    // columns, is no line of it)
    let fills = |text: &str, column: usize| {
        let width: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        text.chars().count() + SLACK >= column && width <= 2 * column + 2
    };
    let Some((column, full)) = widths.keys().map(|&w| (w, filling(w))).max_by_key(|&(w, n)| (n, w)) else {
        return lines;
    };
    /// Narrowest column of running text, in characters.
    const MIN_COLUMN: usize = 8;
    if full < 4 || 2 * full < followed || column < MIN_COLUMN {
        return lines;
    }
    let offset = |s: &str| s.as_ptr() as usize - input.as_ptr() as usize;
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut open = false;
    for line in lines {
        match out.last_mut() {
            Some(last) if open && goes_on(last, &line) => {
                let raw_start = offset(last.raw);
                let raw_end = offset(line.raw) + line.raw.len();
                last.raw = &input[raw_start..raw_end];
                last.span = last.span.cover(line.span);
                last.text = &input[last.span.start..last.span.end];
                open = fills(line.text, column);
            }
            _ => {
                open = fills(line.text, column);
                out.push(line);
            }
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
    fn lines_broken_at_a_columns_width_are_joined_into_paragraphs() {
        // made-up page: a headline, then two paragraphs broken every ten characters
        let input = "示例区召开大会\n\n本报讯 昨天上午，示例\n区召开全体大会，部署\n今年的工作。\n\n\
                     会议指出，要把城市更\n新放在突出位置，让居\n民住得更舒心。\n";
        let lines = join_wrapped(input, split_lines(input));
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], "示例区召开大会");
        assert!(texts[1].starts_with("本报讯") && texts[1].ends_with("今年的工作。"), "{texts:?}");
        assert_eq!(crate::text::clean_inline(texts[2]), "会议指出，要把城市更新放在突出位置，让居民住得更舒心。");
        for l in &lines {
            assert_eq!(&input[l.span.start..l.span.end], l.text);
        }
    }

    #[test]
    fn a_list_of_names_one_a_line_is_left_as_it_is() {
        let input = "示例区人大代表名单\n王小明\n李大华\n张一凡\n赵子龙\n陈晓东\n";
        let lines = split_lines(input);
        let n = lines.len();
        assert_eq!(join_wrapped(input, lines).len(), n);
    }

    #[test]
    fn whole_paragraphs_a_line_each_are_left_as_they_are() {
        let input =
            "示例区召开大会\n　　本报讯 昨天上午，示例区召开全体大会。\n　　会议指出，要把城市更新放在突出位置。\n\
                     标题一行\n正文一段，长短不一。\n正文又一段，比上一段长了许多许多。\n短的一段。\n";
        let lines = split_lines(input);
        let n = lines.len();
        assert_eq!(join_wrapped(input, lines).len(), n);
    }

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
