//! The page as printed, for a page read from a PDF: its image (1200 px,
//! 2400 px for dense screens) under an SVG of the same size in points with
//! one link per article over the article's regions, its titles as a list
//! (标题导航), and its PDF to download. A page read from text has none of
//! this and is shown as before.

use crate::error::Failure;
use shuzibao_store::{PageAssets, Store};

/// Width in pixels of the image shown.
pub(crate) const SHOWN: u32 = 1200;
/// Width in pixels of the image for dense screens.
pub(crate) const DENSE: u32 = 2400;

/// One article's zone over the page image.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    /// Its page: `/articles/{id}`.
    pub href: String,
    /// Its title, the link's `aria-label`.
    pub title: String,
    /// Its rectangles, in points: (x, y, width, height), two decimals.
    pub rects: Vec<[String; 4]>,
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
    /// The PDF the page was read from.
    pub pdf: String,
    /// The articles with regions, in reading order.
    pub zones: Vec<Zone>,
}

/// A length in points as printed in the SVG.
fn pt(v: f32) -> String {
    format!("{v:.2}")
}

/// The URL of a kept file.
pub(crate) fn file_url(hash: &str, ext: &str) -> String {
    format!("/files/{hash}.{ext}")
}

/// What the page `page_id` shows of its PDF, if it was read from one and
/// has an image to show.
pub(crate) fn scan(store: &Store, page_id: i64) -> Result<Option<Scan>, Failure> {
    let Some(assets) = store.page_assets(page_id)? else { return Ok(None) };
    let Some(shown) = shown_image(&assets) else { return Ok(None) };
    let srcset = assets
        .image(DENSE)
        .filter(|d| d.width > shown.width)
        .map(|d| format!("{} 1x, {} 2x", file_url(&shown.hash, "png"), file_url(&d.hash, "png")));
    let zones = store
        .articles_of_issue(page_id)?
        .into_iter()
        .filter(|a| !a.regions.is_empty())
        .map(|a| Zone {
            href: format!("/articles/{}", a.id),
            rects: a.regions.iter().map(|r| [pt(r.x0), pt(r.y0), pt(r.x1 - r.x0), pt(r.y1 - r.y0)]).collect(),
            title: a.title,
        })
        .collect();
    Ok(Some(Scan {
        src: file_url(&shown.hash, "png"),
        size: (shown.width, shown.height),
        srcset,
        width: pt(assets.width),
        height: pt(assets.height),
        pdf: file_url(&assets.pdf_hash, "pdf"),
        zones,
    }))
}

/// The image to show: the one of [`SHOWN`] pixels, else the widest.
fn shown_image(assets: &PageAssets) -> Option<&shuzibao_store::PageImageRecord> {
    assets.image(SHOWN).or_else(|| assets.images.iter().max_by_key(|i| i.width))
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
pub(crate) fn thumbs(store: &Store, day: &crate::views::DateView) -> Result<Vec<Option<Thumb>>, Failure> {
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
