//! Where an article's text lines stand on its page, for a page read from a
//! PDF: each line's box in whole points and where its text starts in the
//! article's plain text ([`plain_text`]), so that a word found in the text
//! can be marked on the page image. Kept in `articles.lines` (schema 10),
//! boxes in whole points (left and top rounded down, right and bottom up)
//! as small steps from the line before ([`encode`]): about six bytes a
//! line.

use crate::{Store, StoreError};

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

/// An article's text as its lines are placed in it: the kicker, title,
/// subtitle and paragraphs run together without white space (a line's
/// breaks and the spaces a layout puts or a parser takes away count for
/// nothing).
pub fn plain_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().flat_map(str::chars).filter(|c| !c.is_whitespace()).collect()
}

/// Lines as stored, in the order of their starts: for each, five
/// LEB128 varints, the left and top edges as steps from the line before
/// (zigzag: a step back is negative), the width, the height, and the start
/// as a step from the line before. Lines of a column share their left edge
/// and follow at the line pitch, so most lines take five or six bytes.
pub(crate) fn encode(lines: &[LineBox]) -> Vec<u8> {
    let mut sorted = lines.to_vec();
    sorted.sort_by_key(|l| (l.start, l.y0, l.x0));
    let mut out = Vec::with_capacity(sorted.len() * 6);
    let mut last = LineBox { x0: 0, y0: 0, x1: 0, y1: 0, start: 0 };
    for l in sorted {
        let zigzag = |now: u16, before: u16| {
            let d = i64::from(now) - i64::from(before);
            ((d << 1) ^ (d >> 63)) as u64
        };
        let fields = [
            zigzag(l.x0, last.x0),
            zigzag(l.y0, last.y0),
            u64::from(l.x1.saturating_sub(l.x0)),
            u64::from(l.y1.saturating_sub(l.y0)),
            u64::from(l.start - last.start),
        ];
        for mut v in fields {
            while v >= 0x80 {
                out.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            out.push(v as u8);
        }
        last = l;
    }
    out
}

/// Lines read back; a damaged tail (a line cut short, a value out of
/// range) ends the list there.
pub(crate) fn decode(bytes: &[u8]) -> Vec<LineBox> {
    let mut at = 0;
    let mut next = || -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *bytes.get(at)?;
            at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    };
    let mut out: Vec<LineBox> = Vec::new();
    let mut last = LineBox { x0: 0, y0: 0, x1: 0, y1: 0, start: 0 };
    loop {
        let line = (|| {
            let unzig = |v: u64, before: u16| {
                let d = (v >> 1) as i64 ^ -((v & 1) as i64);
                u16::try_from(i64::from(before) + d).ok()
            };
            let x0 = unzig(next()?, last.x0)?;
            let y0 = unzig(next()?, last.y0)?;
            let x1 = x0.checked_add(u16::try_from(next()?).ok()?)?;
            let y1 = y0.checked_add(u16::try_from(next()?).ok()?)?;
            let start = last.start.checked_add(u32::try_from(next()?).ok()?)?;
            Some(LineBox { x0, y0, x1, y1, start })
        })();
        match line {
            Some(l) => {
                out.push(l);
                last = l;
            }
            None => return out,
        }
    }
}

impl Store {
    /// The lines of an article's text on its page, in the order of their
    /// starts (none for an article read from text, or kept before schema
    /// 10); an unknown article is [`StoreError::NotFound`].
    pub fn article_lines(&self, article_id: i64) -> Result<Vec<LineBox>, StoreError> {
        let blob: Option<Vec<u8>> = self
            .db
            .query_opt("SELECT lines FROM articles WHERE id = ?1", crate::db::p![article_id], |r| r.get(0))?
            .ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))?;
        Ok(blob.as_deref().map(decode).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_in_the_order_of_their_starts_in_few_bytes() {
        let lines = [
            LineBox::new(300.4, 120.6, 480.2, 132.1, 40),
            LineBox::new(36.9, 100.0, 250.0, 111.5, 0),
            LineBox::new(36.0, 114.2, 250.0, 125.9, 18),
        ];
        let bytes = encode(&lines);
        // fifteen values, five of them over 127 in two bytes (the first top edge,
        // zigzagged to 200, the three widths, the step right to 300)
        assert_eq!(bytes.len(), 15 + 5);
        let back = decode(&bytes);
        assert_eq!(back.iter().map(|l| l.start).collect::<Vec<_>>(), [0, 18, 40]);
        assert_eq!(back[2], LineBox { x0: 300, y0: 120, x1: 481, y1: 133, start: 40 });
        assert_eq!(back[0], LineBox { x0: 36, y0: 100, x1: 250, y1: 112, start: 0 });
    }

    #[test]
    fn boxes_are_clamped_to_the_page_and_a_damaged_tail_is_ignored() {
        let l = LineBox::new(-3.0, 2.5, 70_000.0, 9.0, 5);
        assert_eq!((l.x0, l.y0, l.x1, l.y1), (0, 2, u16::MAX, 9));
        let m = LineBox::new(10.0, 20.0, 300.0, 31.0, 9);
        let bytes = encode(&[l, m]);
        assert_eq!(decode(&bytes), vec![l, m]);
        // cut anywhere inside the second line: the first comes back alone
        for cut in 1..bytes.len() - encode(&[l]).len() {
            assert_eq!(decode(&bytes[..bytes.len() - cut]), vec![l], "{cut}");
        }
        // a step past the page's edge
        assert_eq!(decode(&[0x80, 0x80, 0x08, 0, 0, 0, 0]), vec![]);
        assert!(decode(&[0xff; 40]).is_empty());
    }

    #[test]
    fn plain_text_drops_white_space_only() {
        assert_eq!(
            plain_text(["引题", "主题 标题", "　　本报讯 正文，\n第二行。"]),
            "引题主题标题本报讯正文，第二行。"
        );
    }
}
