//! Where an article's text lines stand on its page, for a page read from a
//! PDF: each line's box in whole points and where its text starts in the
//! article's plain text ([`plain_text`]), so that a word found in the text
//! can be marked on the page image. Kept in `articles.lines` (schema 10) as
//! ten bytes a line: the box as four little-endian `u16` (left and top
//! rounded down, right and bottom up), then the start as a `u16` step
//! from the line before (lines are kept in the order of their starts).

use crate::{Store, StoreError};
use rusqlite::OptionalExtension;

/// One line of an article's text on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineBox {
    /// Left edge, points from the page's left (rounded down).
    pub x0: u16,
    /// Top edge, points from the page's top (rounded down).
    pub y0: u16,
    /// Right edge (rounded up).
    pub x1: u16,
    /// Bottom edge (rounded up).
    pub y1: u16,
    /// Where the line's text starts in the article's [`plain_text`], in
    /// characters.
    pub start: u32,
}

impl LineBox {
    /// The box of a rectangle in points (origin top-left), rounded outwards
    /// to whole points, with its start.
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32, start: u32) -> LineBox {
        let down = |v: f32| v.floor().clamp(0.0, f32::from(u16::MAX)) as u16;
        let up = |v: f32| v.ceil().clamp(0.0, f32::from(u16::MAX)) as u16;
        LineBox { x0: down(x0), y0: down(y0), x1: up(x1), y1: up(y1), start }
    }
}

/// Bytes a line takes.
const LINE_BYTES: usize = 10;

/// An article's text as its lines are placed in it: the kicker, title,
/// subtitle and paragraphs run together without white space (a line's
/// breaks and the spaces a layout puts or a parser takes away count for
/// nothing).
pub fn plain_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().flat_map(str::chars).filter(|c| !c.is_whitespace()).collect()
}

/// Lines as stored: in the order of their starts, a step too long for a
/// `u16` ends the list there (no article's line starts 65,535 characters
/// after the one before).
pub(crate) fn encode(lines: &[LineBox]) -> Vec<u8> {
    let mut sorted = lines.to_vec();
    sorted.sort_by_key(|l| (l.start, l.y0, l.x0));
    let mut out = Vec::with_capacity(sorted.len() * LINE_BYTES);
    let mut last = 0u32;
    for l in sorted {
        let Ok(step) = u16::try_from(l.start - last) else { break };
        for v in [l.x0, l.y0, l.x1, l.y1, step] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        last = l.start;
    }
    out
}

/// Lines read back (a stray tail shorter than a line is ignored).
pub(crate) fn decode(bytes: &[u8]) -> Vec<LineBox> {
    let mut last = 0u32;
    bytes
        .chunks_exact(LINE_BYTES)
        .map(|c| {
            let v = |i: usize| u16::from_le_bytes([c[2 * i], c[2 * i + 1]]);
            last += u32::from(v(4));
            LineBox { x0: v(0), y0: v(1), x1: v(2), y1: v(3), start: last }
        })
        .collect()
}

impl Store {
    /// The lines of an article's text on its page, in the order of their
    /// starts (none for an article read from text, or kept before schema
    /// 10); an unknown article is [`StoreError::NotFound`].
    pub fn article_lines(&self, article_id: i64) -> Result<Vec<LineBox>, StoreError> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT lines FROM articles WHERE id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))?;
        Ok(blob.as_deref().map(decode).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_in_the_order_of_their_starts_in_ten_bytes_each() {
        let lines = [
            LineBox::new(300.4, 120.6, 480.2, 132.1, 40),
            LineBox::new(36.9, 100.0, 250.0, 111.5, 0),
            LineBox::new(36.0, 114.2, 250.0, 125.9, 18),
        ];
        let bytes = encode(&lines);
        assert_eq!(bytes.len(), 30);
        let back = decode(&bytes);
        assert_eq!(back.iter().map(|l| l.start).collect::<Vec<_>>(), [0, 18, 40]);
        assert_eq!(back[2], LineBox { x0: 300, y0: 120, x1: 481, y1: 133, start: 40 });
        assert_eq!(back[0], LineBox { x0: 36, y0: 100, x1: 250, y1: 112, start: 0 });
    }

    #[test]
    fn boxes_are_clamped_to_the_page_and_a_stray_tail_is_ignored() {
        let l = LineBox::new(-3.0, 2.5, 70_000.0, 9.0, 5);
        assert_eq!((l.x0, l.y0, l.x1, l.y1), (0, 2, u16::MAX, 9));
        let mut bytes = encode(&[l]);
        bytes.push(7);
        assert_eq!(decode(&bytes), vec![l]);
    }

    #[test]
    fn plain_text_drops_white_space_only() {
        assert_eq!(
            plain_text(["引题", "主题 标题", "　　本报讯 正文，\n第二行。"]),
            "引题主题标题本报讯正文，第二行。"
        );
    }
}
