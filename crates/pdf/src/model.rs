//! The content of one page PDF as the layout reads it: glyphs with their
//! boxes, fonts and sizes, rules and frames, image boxes. Coordinates are
//! PDF points (1/72 inch) with the origin at the page's top-left corner and
//! `y` growing down, as the JSON's `regions` give them.
//!
//! Not here: how the PDF was read (the reader fills these values) or what
//! the layout makes of them.

use serde::{Deserialize, Serialize};

/// A rectangle in PDF points, origin top-left, `y` down; `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// The rectangle with these corners, in whatever order they are given.
    pub fn new(xa: f32, ya: f32, xb: f32, yb: f32) -> Rect {
        Rect { x0: xa.min(xb), y0: ya.min(yb), x1: xa.max(xb), y1: ya.max(yb) }
    }

    /// `x1 - x0`.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// `y1 - y0`.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The area, 0 for an empty rectangle.
    pub fn area(&self) -> f32 {
        self.width().max(0.0) * self.height().max(0.0)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect { x0: self.x0.min(o.x0), y0: self.y0.min(o.y0), x1: self.x1.max(o.x1), y1: self.y1.max(o.y1) }
    }

    /// The common part, if the two overlap.
    pub fn intersection(&self, o: &Rect) -> Option<Rect> {
        let r = Rect { x0: self.x0.max(o.x0), y0: self.y0.max(o.y0), x1: self.x1.min(o.x1), y1: self.y1.min(o.y1) };
        (r.x0 < r.x1 && r.y0 < r.y1).then_some(r)
    }
}

/// One glyph as drawn: the text it stands for (usually one character; a
/// ligature may stand for more), its box, font and size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Glyph {
    /// The Unicode text of the glyph (from ToUnicode, the encoding, or the
    /// CID font's character collection).
    pub text: String,
    /// The glyph's box: its advance along the line, and the font's ascent to
    /// descent across it (the em box for CJK).
    pub bbox: Rect,
    /// The font size in points as rendered (text matrix and CTM applied).
    pub size: f32,
    /// The font's base name without a subset prefix (`NotoSerifCJKsc-Bold`).
    pub font: String,
    /// Bold by the font's name, weight or flags, or drawn with a stroke.
    pub bold: bool,
    /// Set in vertical writing mode (a `-V` CMap), or rotated a quarter turn.
    pub vertical: bool,
    /// The glyph's place in the page's content stream (drawing order).
    pub seq: u32,
}

/// A line or a thin filled rectangle drawn on the page (column rules, the
/// rules between articles), or the outline of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Where it is drawn (a rule's stroke width across it).
    pub rect: Rect,
    /// A frame (a rectangle drawn as an outline) rather than a single rule.
    pub frame: bool,
}

/// Everything the layout needs of one page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PageContent {
    /// 1-based index of the page in its PDF file.
    pub index: usize,
    /// The page's label (`/PageLabels`), when the PDF gives one.
    pub label: Option<String>,
    /// The page size in points (the crop box, rotation applied).
    pub width: f32,
    /// The page height in points.
    pub height: f32,
    /// The glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Rules and frames.
    pub rules: Vec<Rule>,
    /// Boxes of the images (photos) drawn on the page.
    pub images: Vec<Rect>,
    /// What could not be read, for the user (e.g. a font without a usable
    /// encoding), naming the page.
    pub warnings: Vec<String>,
}
