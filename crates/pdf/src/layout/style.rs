//! The page's body style and the size classes read against it: the body
//! size is the most common glyph size by count (the body font the most common
//! font at that size); a headline line is clearly larger, or set vertically.
//!
//! Not here: where lines stand or what their words say.

use super::lines::TextLine;
use crate::model::Glyph;

/// A line at least this much larger than the body is a headline line
/// (a kicker is often only a fifth larger).
const HEADLINE_RATIO: f32 = 1.12;

/// The style of the page's running text.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyStyle {
    /// The body size in points.
    pub size: f32,
    /// The body font.
    pub font: String,
}

impl BodyStyle {
    /// The body style of a page from its glyphs; 10 points of nothing on an empty page.
    pub fn of(glyphs: &[Glyph]) -> BodyStyle {
        let mut sizes: Vec<(i32, usize)> = Vec::new();
        for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
            let key = (g.size * 10.0).round() as i32;
            match sizes.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => sizes.push((key, 1)),
            }
        }
        let Some((key, _)) = sizes.into_iter().max_by_key(|&(k, n)| (n, -k)) else {
            return BodyStyle { size: 10.0, font: String::new() };
        };
        let mut fonts: Vec<(&str, usize)> = Vec::new();
        for g in glyphs.iter().filter(|g| (g.size * 10.0).round() as i32 == key) {
            match fonts.iter_mut().find(|(f, _)| *f == g.font) {
                Some((_, n)) => *n += 1,
                None => fonts.push((&g.font, 1)),
            }
        }
        let font = fonts.into_iter().max_by_key(|&(_, n)| n).map(|(f, _)| f.to_string()).unwrap_or_default();
        BodyStyle { size: key as f32 / 10.0, font }
    }

    /// Whether the line belongs to a headline group (引题, 主题, 副题).
    pub fn is_headline(&self, line: &TextLine) -> bool {
        line.vertical || line.size >= HEADLINE_RATIO * self.size
    }

    /// Whether the line is set exactly as the running text (font and size).
    pub fn is_body_set(&self, line: &TextLine) -> bool {
        line.font == self.font && (line.size - self.size).abs() <= 0.03 * self.size
    }
}
