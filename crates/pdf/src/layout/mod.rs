//! The layout of a page: from the glyphs, rules and images of a
//! [`PageContent`] to its articles in reading order, each with its regions
//! on the page, and the page furniture set apart.
//!
//! Glyphs make lines ([`lines`]); the page's body style sorts them into
//! headline lines and text lines ([`style`]); the furniture above the top
//! rule and below the foot rule is set apart ([`furniture`]); photos take
//! their captions ([`photos`]); lines make headline groups and text columns
//! ([`blocks`], [`columns`]); headline groups claim columns and photos ([`articles`]);
//! each article gets tight regions ([`regions`]) and the layout tree gives the
//! reading order ([`order`]); the text is then written out and read by
//! `shuzibao-core` ([`compose`]), which knows bylines, datelines and markers.
//! Only general newspaper geometry is used here, never the drawing order.
//!
//! Not here: reading the PDF (the reader fills [`PageContent`]).

pub mod articles;
pub mod blocks;
pub mod columns;
pub mod compose;
pub mod furniture;
pub mod lines;
pub mod order;
pub mod paragraphs;
pub mod photos;
pub mod regions;
pub mod style;

use crate::model::{PageContent, Rect};
use blocks::Block;
use compose::ArticleText;
use lines::{same_size_class, TextLine};
use photos::{is_photo_credit, Photo};
use shuzibao_core::Issue;
use style::BodyStyle;

/// A page laid out: the issue read from it and where each article stands.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    /// Masthead, page header, teasers, articles in reading order, leftovers.
    pub issue: Issue,
    /// The regions of each article, parallel to `issue.articles`, in PDF
    /// points (origin top-left, `y` down); two boxes for an L-shaped article.
    pub regions: Vec<Vec<Rect>>,
    /// The page's text as recovered, which the issue's spans point into.
    pub text: String,
}

/// Lays out one page.
pub fn layout_page(page: &PageContent) -> PageLayout {
    let body = BodyStyle::of(&page.glyphs);
    let lines = lines::build_lines(&page.glyphs, &page.rules);
    let furn = furniture::split_furniture(page, &lines);
    let (head_idx, text_idx): (Vec<usize>, Vec<usize>) =
        furn.content.iter().copied().partition(|&i| body.is_headline(&lines[i]));
    let photos = photos::find_photos(&page.images, &lines, &text_idx, &body);
    let captions: Vec<usize> = photos.iter().flat_map(|p| p.caption.iter().copied()).collect();
    let text_idx: Vec<usize> = text_idx.into_iter().filter(|i| !captions.contains(i)).collect();
    let mut blocks = blocks::headline_groups(&lines, &head_idx, &page.rules);
    blocks.extend(columns::text_columns(&lines, &text_idx, &page.rules, &body));
    blocks::take_small_kickers(&mut blocks, &lines, &page.rules, body.size);
    blocks::take_subtitles(&mut blocks, &lines, &page.rules, body.size);
    let parts = articles::assign_articles(&blocks, &photos, &lines, &page.rules, &body);
    let atoms: Vec<Vec<Rect>> = parts
        .iter()
        .map(|a| {
            let mut v: Vec<Rect> = Vec::new();
            for &b in a.headline.iter().chain(&a.texts) {
                v.extend(blocks[b].lines.iter().map(|&i| lines[i].bbox));
            }
            for &p in &a.photos {
                v.push(photos[p].rect);
                v.extend(photos[p].caption.iter().map(|&i| lines[i].bbox));
            }
            v
        })
        .collect();
    let regions = regions::article_regions(&atoms, &page.rules, gutter(&blocks, &body));
    let order = order::reading_order(&order::grown_down(&regions));
    let texts: Vec<ArticleText> = order.iter().map(|&a| article_text(&lines, &blocks, &photos, &parts[a])).collect();
    let mut furniture_lines = furniture::rows(&lines, &furn.top);
    furniture_lines.extend(furniture::rows(&lines, &furn.bottom));
    let (issue, text, from) = compose::compose(&furniture_lines, &texts);
    let regions = from.iter().map(|&k| regions[order[k]].clone()).collect();
    PageLayout { issue, regions, text }
}

/// The text of one article: its headline lines (lines of one size that run
/// on joined, the largest the main title) and its paragraphs, then the
/// captions of its photos.
fn article_text(lines: &[TextLine], blocks: &[Block], photos: &[Photo], a: &articles::ArticleParts) -> ArticleText {
    let mut out = ArticleText::default();
    if let Some(h) = a.headline {
        let mut hl: Vec<usize> = blocks[h].lines.clone();
        hl.sort_by(|&x, &y| {
            lines[x].bbox.y0.total_cmp(&lines[y].bbox.y0).then(lines[x].bbox.x0.total_cmp(&lines[y].bbox.x0))
        });
        let mut merged: Vec<(String, f32)> = Vec::new();
        for i in hl {
            let l = &lines[i];
            match merged.last_mut() {
                Some((t, s)) if same_size_class(*s, l.size) && (*s - l.size).abs() < 0.05 * l.size => {
                    paragraphs::join_into(t, l.text.trim())
                }
                _ => merged.push((l.text.trim().to_string(), l.size)),
            }
        }
        let top = merged.iter().map(|(_, s)| *s).fold(0.0, f32::max);
        let mut title_given = false;
        for (t, s) in merged {
            let main = !title_given && s >= top;
            title_given |= main;
            out.headline.push((t, if main { 1 } else { 2 }));
        }
    }
    // the article's own layout tree: a lead over its columns, columns left to right
    let rects: Vec<Vec<Rect>> = a.texts.iter().map(|&b| vec![blocks[b].bbox]).collect();
    let order: Vec<usize> = order::reading_order(&rects).into_iter().map(|k| a.texts[k]).collect();
    out.paragraphs = paragraphs::paragraphs(lines, blocks, &order).into_iter().map(|p| (p.text, p.bold)).collect();
    for &p in &a.photos {
        let mut caption = String::new();
        for &i in &photos[p].caption {
            let t = lines[i].text.trim();
            if is_photo_credit(t) {
                if !caption.is_empty() {
                    out.paragraphs.push((std::mem::take(&mut caption), false));
                }
                out.paragraphs.push((t.to_string(), false));
            } else {
                paragraphs::join_into(&mut caption, t);
            }
        }
        if !caption.is_empty() {
            out.paragraphs.push((caption, false));
        }
    }
    out
}

/// The page's column gutter: the most common white between two text
/// columns starting level side by side (an em and a half when none do).
fn gutter(blocks: &[Block], body: &BodyStyle) -> f32 {
    let mut gaps: Vec<f32> = Vec::new();
    for a in blocks.iter().filter(|b| b.kind == blocks::BlockKind::Text) {
        let next = blocks
            .iter()
            .filter(|b| b.kind == blocks::BlockKind::Text && (b.bbox.y0 - a.bbox.y0).abs() <= 0.3 * body.size)
            .map(|b| b.bbox.x0 - a.bbox.x1)
            .filter(|&g| g > 0.0 && g < 4.0 * body.size)
            .reduce(f32::min);
        gaps.extend(next);
    }
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(1.5 * body.size)
}
