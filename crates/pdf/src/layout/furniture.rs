//! Page furniture: what stands above the page's top rule (the masthead of a
//! front page with its teasers, or an inner page's header: 第N版, section,
//! paper, date) and below its foot rule (`责任编辑：…`), set apart from the
//! articles. Found by the full-width rules that close them off; without such
//! a rule, by a header line that core reads as a page header.
//!
//! Not here: reading what the furniture says (that is `shuzibao-core`'s).

use super::lines::{same_size_class, TextLine};
use crate::model::{PageContent, Rect};

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

/// Pieces of a row further apart than this (in ems) are items of their own.
const ITEM_GAP_EM: f32 = 3.0;

/// The furniture's text, one item a line: lines on one row (their middles
/// level) are joined where they stand close and alike (`2019年2月10日  星期日`,
/// a teaser's title and its `第3版`); a wide gap, or a change of size or
/// weight (the label `导读` before the teasers it heads), starts another item.
/// A page reference (`第3版`, `（5版）`) closes an item: a teaser's
/// pointer, or the page number. Items whose spans overlap make a block (the
/// paper's name, the date column, an ear of teasers); blocks left to right,
/// each top to bottom, its rows' items left to right.
pub fn rows(lines: &[TextLine], idx: &[usize]) -> Vec<String> {
    let mut rows: Vec<(f32, f32, Vec<usize>)> = Vec::new();
    for &i in idx {
        let l = &lines[i];
        let mid = (l.bbox.y0 + l.bbox.y1) / 2.0;
        let h = l.bbox.height().max(1.0);
        match rows.iter_mut().find(|(m, hh, _)| (m - mid).abs() <= 0.35 * h.min(*hh)) {
            Some(r) => r.2.push(i),
            None => rows.push((mid, h, vec![i])),
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut items: Vec<(Rect, String)> = Vec::new();
    for (_, _, mut row) in rows {
        row.sort_by(|&a, &b| lines[a].bbox.x0.total_cmp(&lines[b].bbox.x0));
        let mut item: Option<(Rect, String)> = None;
        let mut prev: Option<&TextLine> = None;
        for &i in &row {
            let l = &lines[i];
            let apart = prev.is_some_and(|p| {
                let em = p.size.max(l.size).max(1.0);
                let gap = l.bbox.x0 - p.bbox.x1;
                gap > ITEM_GAP_EM * em
                    || !same_size_class(p.size, l.size)
                    || p.bold != l.bold
                    || (gap > em && is_page_reference(&p.text))
            });
            match item.as_mut() {
                Some((b, t)) if !apart => {
                    *b = b.union(&l.bbox);
                    t.push_str("  ");
                    t.push_str(&l.text);
                }
                _ => {
                    items.extend(item.take());
                    item = Some((l.bbox, l.text.clone()));
                }
            }
            prev = Some(l);
        }
        items.extend(item);
    }
    // the furniture stands in blocks side by side (the paper's name, the
    // date column, an ear of teasers): blocks left to right, each top down
    let mut block: Vec<usize> = (0..items.len()).collect();
    loop {
        let mut changed = false;
        for a in 0..items.len() {
            for b in 0..items.len() {
                let (ra, rb) = (&items[a].0, &items[b].0);
                if block[a] != block[b] && ra.x0 < rb.x1 && rb.x0 < ra.x1 {
                    let (lo, hi) = (block[a].min(block[b]), block[a].max(block[b]));
                    block.iter_mut().filter(|k| **k == hi).for_each(|k| *k = lo);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let left =
        |k: usize| (0..items.len()).filter(|&i| block[i] == k).map(|i| items[i].0.x0).fold(f32::INFINITY, f32::min);
    let mut order: Vec<usize> = (0..items.len()).collect();
    // items are in row order already: a stable sort by block keeps it
    order.sort_by(|&a, &b| left(block[a]).total_cmp(&left(block[b])).then(block[a].cmp(&block[b])));
    order.into_iter().map(|i| std::mem::take(&mut items[i].1)).collect()
}

/// Whether a piece of furniture ends with a page reference: `第3版`,
/// `（5版）`, `今日8版`.
fn is_page_reference(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches([')', '）']);
    let Some(head) = t.strip_suffix('版') else { return false };
    head.chars().next_back().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, x0: f32, x1: f32, size: f32, bold: bool) -> TextLine {
        TextLine {
            text: text.into(),
            bbox: Rect::new(x0, 100.0, x1, 100.0 + size),
            size,
            font: "Sans".into(),
            bold,
            vertical: false,
        }
    }

    #[test]
    fn a_row_of_teasers_makes_one_item_each() {
        let lines = vec![
            piece("导读", 10.0, 34.0, 12.0, true),
            piece("河畔新绿访古镇", 50.0, 113.0, 9.0, false),
            piece("第3版", 126.0, 149.0, 9.0, false),
            piece("山村书屋亮灯了", 166.0, 229.0, 9.0, false),
            piece("第5版", 242.0, 265.0, 9.0, false),
        ];
        let idx: Vec<usize> = (0..lines.len()).collect();
        assert_eq!(rows(&lines, &idx), ["导读", "河畔新绿访古镇  第3版", "山村书屋亮灯了  第5版"]);
    }
}
