//! Page furniture: what stands above the page's top rule (the masthead of a
//! front page with its teasers, or an inner page's header: 第N版, section,
//! paper, date) and below its foot rule (`责任编辑：…`), set apart from the
//! articles. Found by the full-width rules that close them off; without such
//! a rule, by a header line that core reads as a page header.
//!
//! Not here: reading what the furniture says (that is `shuzibao-core`'s).

use super::lines::TextLine;
use crate::model::PageContent;

/// A rule this share of the page wide closes off the header or the footer.
const FULL_WIDTH: f32 = 0.6;

/// The lines of the page, sorted into furniture and content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Furniture {
    /// Lines above the top rule, in reading order (top to bottom, left to right).
    pub top: Vec<usize>,
    /// Lines below the foot rule, in reading order.
    pub bottom: Vec<usize>,
    /// Every other line.
    pub content: Vec<usize>,
}

/// Sorts the page's lines into furniture and content.
pub fn split_furniture(page: &PageContent, lines: &[TextLine]) -> Furniture {
    let wide: Vec<f32> = page
        .rules
        .iter()
        .filter(|r| !r.frame && r.rect.height() < 4.0 && r.rect.width() >= FULL_WIDTH * page.width)
        .map(|r| (r.rect.y0 + r.rect.y1) / 2.0)
        .collect();
    let mut top_edge = wide
        .iter()
        .copied()
        .filter(|&y| y < 0.3 * page.height)
        .fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.min(y))));
    let bottom_edge = wide
        .iter()
        .copied()
        .filter(|&y| y > 0.75 * page.height)
        .fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.max(y))));
    if top_edge.is_none() {
        top_edge = header_band(page, lines);
    }
    let mut f = Furniture::default();
    for (i, l) in lines.iter().enumerate() {
        if top_edge.is_some_and(|y| l.bbox.y1 <= y + 1.0) {
            f.top.push(i);
        } else if bottom_edge.is_some_and(|y| l.bbox.y0 >= y - 1.0) {
            f.bottom.push(i);
        } else {
            f.content.push(i);
        }
    }
    let reading = |a: &usize, b: &usize| {
        let (la, lb) = (&lines[*a], &lines[*b]);
        let same_row = la.bbox.y0 < lb.bbox.y1 && lb.bbox.y0 < la.bbox.y1;
        if same_row {
            la.bbox.x0.total_cmp(&lb.bbox.x0)
        } else {
            la.bbox.y0.total_cmp(&lb.bbox.y0)
        }
    };
    f.top.sort_by(reading);
    f.bottom.sort_by(reading);
    f
}

/// Without a rule under it, a page header is the band of lines at the very
/// top of the page whose text `shuzibao-core` reads as a page header.
fn header_band(page: &PageContent, lines: &[TextLine]) -> Option<f32> {
    let top = lines.iter().map(|l| l.bbox.y0).fold(f32::INFINITY, f32::min);
    let band: Vec<&TextLine> = lines.iter().filter(|l| l.bbox.y0 <= top + 0.04 * page.height && !l.vertical).collect();
    let text: String = band.iter().map(|l| format!("{}\n", l.text)).collect();
    let found = shuzibao_core::page_header::find_page_header(&shuzibao_core::lines::split_lines(&text));
    found.filter(|h| h.header.page.is_some())?;
    band.iter().map(|l| l.bbox.y1).reduce(f32::max)
}
