//! Paragraphs out of text columns: a line indented by about two ems, or one
//! after a line that stops short of the column's edge, opens a paragraph; any
//! other line runs on from the line before (a bold dateline's line too), also
//! across a column break, so a word the break cut is whole again. A paragraph
//! all of whose lines are bold is marked bold (a sub-heading).
//!
//! Not here: which columns make an article, or what a paragraph says.

use super::blocks::Block;
use super::lines::TextLine;

/// An indent of at least this many ems opens a paragraph (two are printed).
const INDENT_EM: f32 = 1.2;
/// A line ending this many ems short of its column's edge ends a paragraph.
const SHORT_EM: f32 = 1.0;

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

/// The paragraphs of text columns read in the order given.
pub fn paragraphs(lines: &[TextLine], blocks: &[Block], order: &[usize]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut prev_full = false;
    for &b in order {
        let col = blocks[b].bbox;
        for &i in &blocks[b].lines {
            let l = &lines[i];
            let em = l.size.max(0.1);
            let indented = l.bbox.x0 >= col.x0 + INDENT_EM * em;
            // a bold line opens a paragraph only after a short one (a bold
            // dateline's line runs on into its paragraph)
            let opens = out.is_empty() || indented || !prev_full;
            if opens {
                out.push(Para { text: l.text.trim().to_string(), bold: l.bold });
            } else if let Some(p) = out.last_mut() {
                join_into(&mut p.text, l.text.trim());
                p.bold &= l.bold;
            }
            prev_full = l.bbox.x1 >= col.x1 - SHORT_EM * em;
        }
    }
    out
}
