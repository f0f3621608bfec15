//! The page as printed, for a page read from a PDF: its image (1200 px,
//! 2400 px for dense screens) under an SVG of the same size in points with
//! one link per article over the article's regions (`id="zone-{article}"`,
//! the target of an article's way back to its page), the lines holding
//! the words searched for marked over it, and its PDF to download; an
//! article's crop of it; each page's thumbnail. A page read from text has
//! none of this.

use crate::error::Failure;
use crate::views;
use shuzibao_search::snippet::find_matches;
use shuzibao_store::{plain_text, ArticleRecord, LineBox, PageAssets, Region, Store};

/// Width in pixels of the image shown.
pub(crate) const SHOWN: u32 = 1200;
/// Width in pixels of the image for dense screens.
pub(crate) const DENSE: u32 = 2400;

/// A rectangle in points as printed in the SVG: x, y, width, height.
pub(crate) type SvgRect = [String; 4];

/// One article's zone over the page image.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    /// The article's id (the zone's `id` is `zone-{id}`).
    pub id: i64,
    /// Its page: `/articles/{id}`, with the words searched for.
    pub href: String,
    /// Its title, the link's `aria-label`.
    pub title: String,
    /// Its rectangles, in points: (x, y, width, height), two decimals.
    pub rects: Vec<SvgRect>,
    /// Whether the words searched for are in it.
    pub hit: bool,
}

/// What a page read from a PDF shows of it.
#[derive(Debug, Clone)]
pub(crate) struct Scan {
    /// The image shown.
    pub src: String,
    /// Its size in pixels (`width`, `height`: room kept before it loads).
    pub size: (u32, u32),
    /// `srcset`, when the dense image was rendered.
    pub srcset: Option<String>,
    /// The page's size in points (the overlay's `viewBox`), two decimals.
    pub width: String,
    /// Its height.
    pub height: String,
    /// The PDF the page was read from (`#page=N` when it holds several).
    pub pdf: String,
    /// The articles with regions, in reading order.
    pub zones: Vec<Zone>,
    /// The lines holding the words searched for, in points.
    pub marks: Vec<SvgRect>,
}

/// A length in points as printed in the SVG.
fn pt(v: f32) -> String {
    format!("{v:.2}")
}

/// A region as printed in the SVG.
fn svg_rect(r: &Region) -> SvgRect {
    [pt(r.x0), pt(r.y0), pt(r.x1 - r.x0), pt(r.y1 - r.y0)]
}

/// A line's box as printed in the SVG.
fn line_rect(l: &LineBox) -> SvgRect {
    [l.x0.to_string(), l.y0.to_string(), (l.x1 - l.x0).to_string(), (l.y1 - l.y0).to_string()]
}

/// The URL of a kept file.
pub(crate) fn file_url(hash: &str, ext: &str) -> String {
    format!("/files/{hash}.{ext}")
}

/// The words of a query to mark (none for no query, or one that does not
/// read).
pub(crate) fn highlights(index: &shuzibao_search::SearchIndex, q: Option<&str>) -> Vec<String> {
    match q.map(str::trim).filter(|s| !s.is_empty()) {
        Some(q) => index.parse_query(q).map(|q| q.highlights()).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// An article's plain text, which its lines' starts count in
/// ([`shuzibao_store::plain_text`]).
pub(crate) fn article_plain(a: &ArticleRecord) -> String {
    let parts = a.kicker.as_deref().into_iter().chain([a.title.as_str()]).chain(a.subtitle.as_deref());
    plain_text(parts.chain(a.paragraphs.iter().map(|p| p.text.as_str())))
}

/// The lines of an article holding the words `needles`: each match in
/// its plain text marks the lines it runs over (a line runs to where the
/// next one starts).
pub(crate) fn hit_lines(a: &ArticleRecord, lines: &[LineBox], needles: &[String]) -> Vec<LineBox> {
    if needles.is_empty() || lines.is_empty() {
        return Vec::new();
    }
    let text = article_plain(a);
    let end_of_text = text.chars().count() as u32;
    let found = find_matches(&text, needles);
    lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            let end = lines.get(i + 1).map_or(end_of_text, |n| n.start.max(l.start + 1));
            found.iter().any(|&(a, b)| (a as u32) < end && (b as u32) > l.start)
        })
        .map(|(_, l)| *l)
        .collect()
}

/// What the page `page_id` shows of its PDF, if it was read from one and
/// has an image to show; the lines holding `needles` marked, and its
/// zones linking to their articles with `hl` (the query, URL-encoded).
pub(crate) fn scan(store: &Store, page_id: i64, needles: &[String], hl: &str) -> Result<Option<Scan>, Failure> {
    let Some(assets) = store.page_assets(page_id)? else { return Ok(None) };
    let Some(shown) = shown_image(&assets) else { return Ok(None) };
    let srcset = assets
        .image(DENSE)
        .filter(|d| d.width > shown.width)
        .map(|d| format!("{} 1x, {} 2x", file_url(&shown.hash, "png"), file_url(&d.hash, "png")));
    let mut zones = Vec::new();
    let mut marks = Vec::new();
    let zone = |id: i64, title: String, regions: &[Region], hit: bool| Zone {
        id,
        href: if hl.is_empty() { format!("/articles/{id}") } else { format!("/articles/{id}?hl={hl}") },
        rects: regions.iter().map(svg_rect).collect(),
        title,
        hit,
    };
    if needles.is_empty() {
        // the zones alone: no article's text unpacked
        for z in store.zones_of_page(page_id)?.into_iter().filter(|z| !z.regions.is_empty()) {
            zones.push(zone(z.id, z.title, &z.regions, false));
        }
    } else {
        for a in store.articles_of_issue(page_id)?.into_iter().filter(|a| !a.regions.is_empty()) {
            let hits = hit_lines(&a, &store.article_lines(a.id)?, needles);
            marks.extend(hits.iter().map(line_rect));
            zones.push(zone(a.id, a.title, &a.regions, !hits.is_empty()));
        }
    }
    Ok(Some(Scan {
        src: file_url(&shown.hash, "png"),
        size: (shown.width, shown.height),
        srcset,
        width: pt(assets.width),
        height: pt(assets.height),
        pdf: pdf_url(&assets),
        zones,
        marks,
    }))
}

/// The PDF of a page: the file it came in, opened at its page when that
/// is not the first (`#page=N`, which PDF viewers follow).
pub(crate) fn pdf_url(assets: &PageAssets) -> String {
    let url = file_url(&assets.pdf_hash, "pdf");
    if assets.pdf_page > 1 {
        format!("{url}#page={}", assets.pdf_page)
    } else {
        url
    }
}

/// The image to show: the one of [`SHOWN`] pixels, else the widest.
fn shown_image(assets: &PageAssets) -> Option<&shuzibao_store::PageImageRecord> {
    assets.image(SHOWN).or_else(|| assets.images.iter().max_by_key(|i| i.width))
}

/// An article's place on its page image: the page image cropped to the
/// box of its regions (an SVG `viewBox`, clipped to the regions), the
/// lines holding the words searched for, and the way back to its zone.
#[derive(Debug, Clone)]
pub(crate) struct Crop {
    /// `viewBox`: the box of the regions in points, a margin around.
    pub view_box: String,
    /// The box's width and height in points (the SVG's aspect).
    pub box_size: (String, String),
    /// The page image.
    pub src: String,
    /// The page's size in points (the image's size in the SVG).
    pub width: String,
    /// Its height.
    pub height: String,
    /// The regions (the clip).
    pub rects: Vec<SvgRect>,
    /// The lines holding the words searched for.
    pub marks: Vec<SvgRect>,
    /// The article's zone on its page view, when the page has one.
    pub back: Option<String>,
}

/// Points of page kept around an article's crop.
const CROP_MARGIN: f32 = 4.0;

/// The crop of an article read from a PDF page (none for one read from
/// text); `page_url` its page's view, `hl` the query (URL-encoded).
pub(crate) fn crop(
    store: &Store,
    a: &ArticleRecord,
    page_url: Option<&str>,
    needles: &[String],
    hl: &str,
) -> Result<Option<Crop>, Failure> {
    if a.regions.is_empty() {
        return Ok(None);
    }
    let Some(assets) = store.page_assets(a.issue_id)? else { return Ok(None) };
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for r in &a.regions {
        (x0, y0, x1, y1) = (x0.min(r.x0), y0.min(r.y0), x1.max(r.x1), y1.max(r.y1));
    }
    let (x0, y0) = ((x0 - CROP_MARGIN).max(0.0), (y0 - CROP_MARGIN).max(0.0));
    let (x1, y1) = ((x1 + CROP_MARGIN).min(assets.width), (y1 + CROP_MARGIN).min(assets.height));
    if x1 <= x0 || y1 <= y0 {
        return Ok(None);
    }
    // the dense image when the crop is narrow: it is shown about as wide as the page
    let narrow = (x1 - x0) / assets.width.max(1.0) < 0.5;
    let image = if narrow { assets.image(DENSE).or_else(|| shown_image(&assets)) } else { shown_image(&assets) };
    let Some(image) = image else { return Ok(None) };
    let marks = hit_lines(a, &store.article_lines(a.id)?, needles).iter().map(line_rect).collect();
    let back = page_url.map(|u| {
        let q = if hl.is_empty() { String::new() } else { format!("?q={hl}") };
        format!("{u}{q}#zone-{}", a.id)
    });
    Ok(Some(Crop {
        view_box: format!("{} {} {} {}", pt(x0), pt(y0), pt(x1 - x0), pt(y1 - y0)),
        box_size: (pt(x1 - x0), pt(y1 - y0)),
        src: file_url(&image.hash, "png"),
        width: pt(assets.width),
        height: pt(assets.height),
        rects: a.regions.iter().map(svg_rect).collect(),
        marks,
        back,
    }))
}

/// Width in pixels of a page's thumbnail in the list of an issue's pages.
pub(crate) const THUMB: u32 = 200;

/// A page's thumbnail.
#[derive(Debug, Clone)]
pub(crate) struct Thumb {
    /// The image.
    pub src: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// The thumbnail of each page of `day`, in the same order (none for a page
/// read from text).
pub(crate) fn thumbs(store: &Store, day: &views::DateView) -> Result<Vec<Option<Thumb>>, Failure> {
    let mut out = Vec::with_capacity(day.pages.len());
    for p in &day.pages {
        let assets = match p.id {
            Some(id) => store.page_assets(id)?,
            None => None,
        };
        out.push(assets.as_ref().and_then(|a| a.image(THUMB)).map(|i| Thumb {
            src: file_url(&i.hash, "png"),
            width: i.width,
            height: i.height,
        }));
    }
    Ok(out)
}
