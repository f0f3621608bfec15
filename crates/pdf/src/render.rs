//! Page images for the page edition: a page rendered with hayro at a given
//! pixel width (the screen's 1200 px, the zoom's 2400 px, the thumbnail's
//! 200 px) on white, as RGB pixels, and encoded as PNG. Fonts a PDF names
//! but does not embed are drawn with the system's Noto CJK when it is there
//! ([`CjkFonts`]); a page that needed one and found none carries a warning.
//!
//! PNG (the `png` crate, fast DEFLATE) rather than WebP: the only
//! well-kept pure-Rust WebP encoder (`image-webp`) writes lossless WebP
//! only, so it would not bring the lossy savings WebP is wanted for; PNG
//! keeps the text's edges exact and every browser shows it.
//!
//! Not here: reading text (`read`), choosing which sizes a page needs or
//! where the files go (the archive's).

pub use crate::cjk_fonts::CjkFonts;
use crate::error::PdfError;
use crate::read::PdfDocument;
use hayro::hayro_interpret::font::FontQuery;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{render_into, RenderCache, RenderSettings};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The thumbnail's width in pixels.
pub const THUMBNAIL_WIDTH: u32 = 200;
/// The page edition's screen width in pixels.
pub const SCREEN_WIDTH: u32 = 1200;
/// The zoomed page's width in pixels.
pub const ZOOM_WIDTH: u32 = 2400;
/// The largest side a page image may have (the rasterizer counts in `u16`).
pub const MAX_SIDE: u32 = 16_384;

/// A rendered page: opaque RGB pixels, row by row from the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 3` bytes, RGB.
    pub rgb: Vec<u8>,
    /// What could not be drawn as the PDF wants (e.g. no CJK font for a
    /// non-embedded Chinese font), naming the page.
    pub warnings: Vec<String>,
}

impl PageImage {
    /// The pixel at `(x, y)`, `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 3]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 3;
        self.rgb.get(i..i + 3).map(|p| [p[0], p[1], p[2]])
    }
}

/// A page image encoded as PNG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PngImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// The rendering's warnings.
    pub warnings: Vec<String>,
}

/// Renders pages; holds the CJK fonts (loaded once, on first need), so make
/// one and reuse it.
#[derive(Debug, Clone)]
pub struct Renderer {
    fonts: Arc<CjkFonts>,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with the system's Noto CJK fonts, when installed.
    pub fn new() -> Renderer {
        Renderer::with_fonts(CjkFonts::system())
    }

    /// A renderer with these CJK fonts.
    pub fn with_fonts(fonts: CjkFonts) -> Renderer {
        Renderer { fonts: Arc::new(fonts) }
    }

    /// Whether a CJK font is there for non-embedded Chinese fonts.
    pub fn has_cjk_font(&self) -> bool {
        self.fonts.available()
    }

    /// Renders page `page` (1-based) `width` pixels wide, on white; the
    /// height keeps the page's aspect ratio.
    pub fn render(&self, doc: &PdfDocument, page: usize, width: u32) -> Result<PageImage, PdfError> {
        let mut images = self.render_widths(doc, page, &[width])?;
        images.pop().ok_or(PdfError::Page { page, reason: "nothing rendered".into() })
    }

    /// Renders page `page` at each of these widths, in the order given
    /// (sharing the page's fonts and glyph cache between them; a width that
    /// divides a larger one asked for is shrunk from it: the 1200 px page from
    /// the 2400 px one, the thumbnail from the 1200 px one).
    pub fn render_widths(&self, doc: &PdfDocument, page: usize, widths: &[u32]) -> Result<Vec<PageImage>, PdfError> {
        let p = doc.page(page)?;
        let (pw, ph) = p.render_dimensions();
        if !(pw > 0.0 && ph > 0.0 && pw.is_finite() && ph.is_finite()) {
            return Err(PdfError::Page { page, reason: format!("the page has no size ({pw} × {ph} points)") });
        }
        let missing = Arc::new(AtomicBool::new(false));
        let settings = self.settings(missing.clone());
        let cache = RenderCache::new();
        let mut out: Vec<PageImage> = Vec::with_capacity(widths.len());
        // Larger sizes first, so a small one can be shrunk from a larger
        // one that is a whole multiple of it instead of being drawn again:
        // the 1200 px page from the 2400 px one (a 2×2 mean of a drawing
        // already anti-aliased, as sharp to the eye; drawing it again was
        // a sixth of the three sizes' time) and the thumbnail from it.
        let mut order: Vec<usize> = (0..widths.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(widths[i]));
        let mut made: Vec<Option<PageImage>> = vec![None; widths.len()];
        for i in order {
            let width = widths[i];
            let height = (f64::from(width) * f64::from(ph) / f64::from(pw)).round().max(1.0);
            if width == 0 || width > MAX_SIDE || height > f64::from(MAX_SIDE) {
                return Err(PdfError::Page {
                    page,
                    reason: format!("cannot render {width} pixels wide ({height} high)"),
                });
            }
            let source =
                made.iter().flatten().filter(|m| m.width % width == 0 && m.width / width >= 2).min_by_key(|m| m.width);
            if let Some(src) = source {
                made[i] = Some(shrink(src, src.width / width, height as u32));
                continue;
            }
            let (w, h) = (width as u16, height as u16);
            let scale = f64::from(width) / f64::from(pw);
            let transform = Affine::scale(scale) * p.initial_transform(true).to_kurbo();
            let pixmap = catch_unwind(AssertUnwindSafe(|| {
                let mut ctx = RenderContext::new(w, h);
                render_into(p, &cache, &settings, &RenderSettings::default(), &mut ctx, transform);
                ctx.flush();
                let mut pixmap = Pixmap::new(w, h);
                ctx.render_with(
                    &mut pixmap,
                    &mut Resources::default(),
                    RasterizerSettings { target_init: TargetInit::Clear(WHITE), ..Default::default() },
                );
                pixmap
            }))
            .map_err(|_| PdfError::Page { page, reason: "the renderer failed on this page".into() })?;
            let rgb = pixmap.data_as_u8_slice().chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect();
            made[i] = Some(PageImage { width, height: u32::from(h), rgb, warnings: Vec::new() });
        }
        out.extend(made.into_iter().flatten());
        if missing.load(Ordering::Relaxed) {
            let note = format!(
                "page {page}: a non-embedded CJK font was drawn with a Latin substitute (no Noto CJK font installed)"
            );
            for image in &mut out {
                image.warnings.push(note.clone());
            }
        }
        Ok(out)
    }

    /// Renders page `page` at each width and encodes each image as PNG.
    pub fn render_pngs(&self, doc: &PdfDocument, page: usize, widths: &[u32]) -> Result<Vec<PngImage>, PdfError> {
        self.render_widths(doc, page, widths)?
            .into_iter()
            .map(|image| {
                let png = encode_png(&image).map_err(|reason| PdfError::Encode { page, reason })?;
                Ok(PngImage { width: image.width, height: image.height, png, warnings: image.warnings })
            })
            .collect()
    }

    /// The interpreter's settings: standard fonts from hayro, CJK fonts from
    /// the system, a Latin substitute (and `missing` set) otherwise.
    fn settings(&self, missing: Arc<AtomicBool>) -> InterpreterSettings {
        let fonts = self.fonts.clone();
        InterpreterSettings {
            font_resolver: Arc::new(move |query| match query {
                FontQuery::Standard(s) => Some(s.get_font_data()),
                FontQuery::Fallback(f) => fonts.resolve(f).or_else(|| {
                    if CjkFonts::wants_cjk(query) {
                        missing.store(true, Ordering::Relaxed);
                    }
                    Some(f.pick_standard_font().get_font_data())
                }),
            }),
            ..InterpreterSettings::default()
        }
    }
}

/// Shrinks an image by a whole factor `k` (each pixel the mean of a `k`×`k`
/// block; the last row of blocks may be cut short) to `height` rows.
fn shrink(src: &PageImage, k: u32, height: u32) -> PageImage {
    let width = src.width / k;
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height {
        let rows = (y * k..((y + 1) * k).min(src.height)).collect::<Vec<_>>();
        for x in 0..width {
            let mut sum = [0u32; 3];
            let mut n = 0u32;
            for &sy in &rows {
                let start = (sy as usize * src.width as usize + (x * k) as usize) * 3;
                for px in src.rgb.get(start..start + k as usize * 3).unwrap_or_default().chunks_exact(3) {
                    sum[0] += u32::from(px[0]);
                    sum[1] += u32::from(px[1]);
                    sum[2] += u32::from(px[2]);
                    n += 1;
                }
            }
            let n = n.max(1);
            rgb.extend(sum.iter().map(|&v| ((v + n / 2) / n) as u8));
        }
    }
    PageImage { width, height, rgb, warnings: src.warnings.clone() }
}

/// Encodes an image as an 8-bit PNG (fast DEFLATE): grayscale when every
/// pixel is gray (most newspaper pages: a third of the bytes to compress),
/// RGB otherwise.
pub fn encode_png(image: &PageImage) -> Result<Vec<u8>, String> {
    let gray = image.rgb.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]);
    let mut buf = Vec::with_capacity(image.rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut buf, image.width, image.height);
    encoder.set_color(if gray { png::ColorType::Grayscale } else { png::ColorType::Rgb });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    if gray {
        let luma: Vec<u8> = image.rgb.iter().step_by(3).copied().collect();
        writer.write_image_data(&luma).map_err(|e| e.to_string())?;
    } else {
        writer.write_image_data(&image.rgb).map_err(|e| e.to_string())?;
    }
    writer.finish().map_err(|e| e.to_string())?;
    Ok(buf)
}
