//! Paragraphs out of text columns: a line indented by about two ems, or one
//! after a line that stops short of the column's edge, opens a paragraph; any
//! other line runs on from the line before (a bold dateline's line too), also
//! across a column break, so a word the break cut is whole again, and a
//! right-aligned bracketed credit wrapped onto a second right-aligned line
//! stays whole (`（本报记者某某采访整` / `理）`), over three lines too. A paragraph
//! all of whose lines are bold is marked bold (a sub-heading).
//!
//! Not here: which columns make an article, or what a paragraph says.

use super::blocks::Block;
use super::lines::TextLine;

/// An indent of at least this many ems opens a paragraph (two are printed).
const INDENT_EM: f32 = 1.2;
/// A line ending this many ems short of its column's edge ends a paragraph.
const SHORT_EM: f32 = 1.0;

/// A bracketed credit wrapped over lines is at most this long.
const CREDIT_CHARS: usize = 80;

/// One paragraph as recovered.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Its text, lines joined.
    pub text: String,
    /// Every line of it is bold (a sub-heading, a bold lead).
    pub bold: bool,
}

/// Joins two pieces of a paragraph: a space only between Latin words.
pub fn join_into(text: &mut String, next: &str) {
    let a = text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || c == ',');
    let b = next.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if a && b {
        text.push(' ');
    }
    text.push_str(next);
}

/// Whether the text opens a bracket it does not close.
fn open_bracket(text: &str) -> bool {
    text.matches('（').count() > text.matches('）').count()
}

/// The paragraphs of text columns read in the order given.
pub fn paragraphs(lines: &[TextLine], blocks: &[Block], order: &[usize]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut prev_full = false;
    let mut prev_right = false;
    for &b in order {
        let col = blocks[b].bbox;
        for &i in &blocks[b].lines {
            let l = &lines[i];
            let em = l.size.max(0.1);
            let indented = l.bbox.x0 >= col.x0 + INDENT_EM * em;
            let flush_right = l.bbox.x1 >= col.x1 - SHORT_EM * em;
            // a right-aligned credit wrapped in a narrow column: its second
            // line, right-aligned too, closes the bracket the first opened
            let wrapped_credit = indented
                && flush_right
                && prev_right
                && out.last().is_some_and(|p| open_bracket(&p.text) && p.text.chars().count() <= CREDIT_CHARS);
            // a bold line opens a paragraph only after a short one (a bold
            // dateline's line runs on into its paragraph)
            let opens = out.is_empty() || (indented && !wrapped_credit) || !prev_full;
            if opens {
                out.push(Para { text: l.text.trim().to_string(), bold: l.bold });
            } else if let Some(p) = out.last_mut() {
                join_into(&mut p.text, l.text.trim());
                p.bold &= l.bold;
            }
            prev_full = flush_right;
            // right-aligned: indented and flush right, or running on in
            // a paragraph that began so (a credit of three lines)
            prev_right = flush_right && (indented || (!opens && prev_right));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::blocks::BlockKind;
    use crate::model::Rect;

    fn line(x0: f32, y0: f32, x1: f32, text: &str) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(x0, y0, x1, y0 + 9.0),
            size: 9.0,
            font: "Serif".into(),
            bold: false,
            vertical: false,
        }
    }

    #[test]
    fn a_wrapped_right_aligned_credit_stays_one_paragraph() {
        let lines = vec![
            line(0.0, 0.0, 90.0, "正文说完了这一句话"),
            line(0.0, 13.0, 40.0, "结束。"),
            line(27.0, 26.0, 90.0, "（作者为某某所所长）"),
            line(18.0, 39.0, 90.0, "（本报记者某某采访整"),
            line(72.0, 52.0, 90.0, "理）"),
            line(18.0, 65.0, 90.0, "再起一段，说新的事。"),
            line(0.0, 78.0, 40.0, "结束。"),
            line(18.0, 91.0, 90.0, "（本报记者甲乙、丙丁、"),
            line(9.0, 104.0, 90.0, "戊己、庚辛、壬癸、子"),
            line(72.0, 117.0, 90.0, "丑）"),
        ];
        let block =
            Block { kind: BlockKind::Text, lines: (0..lines.len()).collect(), bbox: Rect::new(0.0, 0.0, 90.0, 74.0) };
        let texts: Vec<String> = paragraphs(&lines, &[block], &[0]).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "正文说完了这一句话结束。",
                "（作者为某某所所长）",
                "（本报记者某某采访整理）",
                "再起一段，说新的事。结束。",
                "（本报记者甲乙、丙丁、戊己、庚辛、壬癸、子丑）"
            ]
        );
    }
}
