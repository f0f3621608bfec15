//! The interpreter's device that records a page instead of painting it:
//! every glyph with its text, box, size, font, weight and direction; stroked
//! lines and thin filled rectangles as rules, stroked rectangles as frames;
//! the boxes of images. Coordinates come in already mapped to the page's
//! top-left origin (the interpreter starts from the page's initial
//! transform), so boxes are page points, `y` down.
//!
//! Not here: opening the file, page size and labels (`read`), font
//! dictionaries (`fonts`), or painting (`render`).

use super::fonts::{bf_text, bold_by_name, clean_name, FontTable};
use crate::model::{Glyph, Rect, Rule};
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::WritingMode;
use hayro_interpret::kurbo::{BezPath, PathEl, Point, Rect as KRect, Shape};
use hayro_interpret::{BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask};
use std::collections::BTreeMap;

/// A rule is at most this thick (points); thicker filled boxes are panels.
const MAX_RULE_THICKNESS: f64 = 3.0;
/// The em box of a CJK glyph in glyph units (1000 per em): descent, ascent.
const EM_BOX: (f64, f64) = (-120.0, 880.0);

/// The last glyph run drawn with a fill, to merge the stroke of a
/// fill-and-stroke run into it (a faux-bold) rather than doubling it.
struct LastFill {
    /// Where its glyphs start in the page's list.
    start: usize,
    /// How many of its glyphs were kept (not clipped away).
    len: usize,
    /// How many glyphs the run had.
    run_len: usize,
    origin: Point,
}

/// Records one page's glyphs, rules and images.
pub(crate) struct Collector<'t> {
    fonts: &'t FontTable,
    /// The glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Rules and frames.
    pub rules: Vec<Rule>,
    /// Image boxes.
    pub images: Vec<Rect>,
    /// Fonts whose glyphs had no text, with how many.
    pub unreadable: BTreeMap<String, usize>,
    clips: Vec<KRect>,
    last_fill: Option<LastFill>,
}

impl<'t> Collector<'t> {
    /// A collector for a page of size `width` × `height` points.
    pub fn new(fonts: &'t FontTable, width: f64, height: f64) -> Self {
        Collector {
            fonts,
            glyphs: Vec::new(),
            rules: Vec::new(),
            images: Vec::new(),
            unreadable: BTreeMap::new(),
            clips: vec![KRect::new(0.0, 0.0, width, height)],
            last_fill: None,
        }
    }

    fn clip(&self) -> KRect {
        self.clips.last().copied().unwrap_or(KRect::new(0.0, 0.0, 0.0, 0.0))
    }

    /// Whether this run restrokes the run just filled (text render mode 2).
    fn is_restroke(&self, run: &GlyphRun<'_, '_>, origin: Point) -> Option<(usize, usize)> {
        let last = self.last_fill.as_ref()?;
        (last.run_len == run.glyphs().len() && last.origin.distance(origin) < 0.01).then_some((last.start, last.len))
    }

    /// Adds the rules of a path drawn in device space.
    fn add_path_rules(&mut self, path: &BezPath, line_width: Option<f64>) {
        for sub in subpaths(path) {
            let Some(points) = sub else { continue };
            if let Some(r) = as_rect(&points) {
                let thin = r.width().min(r.height());
                match line_width {
                    Some(lw) if thin > MAX_RULE_THICKNESS.max(2.0 * lw) => {
                        let r = r.inflate(lw / 2.0, lw / 2.0);
                        self.push_rule(r, true);
                    }
                    Some(lw) => self.push_rule(r.inflate(lw / 2.0, lw / 2.0), false),
                    None if thin <= MAX_RULE_THICKNESS && r.width().max(r.height()) >= 2.0 * thin.max(1.0) => {
                        self.push_rule(r, false);
                    }
                    None => {}
                }
                continue;
            }
            let Some(lw) = line_width else { continue };
            for w in points.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
                if dx.max(dy) < 2.0 || dx.min(dy) > 0.02 * dx.max(dy) {
                    continue;
                }
                let r = KRect::from_points(a, b);
                let r = if dx >= dy { r.inflate(0.0, lw / 2.0) } else { r.inflate(lw / 2.0, 0.0) };
                self.push_rule(r, false);
            }
        }
    }

    fn push_rule(&mut self, r: KRect, frame: bool) {
        if let Some(r) = nonempty(r.intersect(self.clip())) {
            self.rules.push(Rule { rect: to_rect(r), frame });
        }
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.last_fill = None;
        if is_white(&props.paint) {
            return;
        }
        let t = props.transform;
        let device_path = t * path.clone();
        match draw_mode {
            DrawMode::Fill(_) => self.add_path_rules(&device_path, None),
            DrawMode::Stroke(s) | DrawMode::FillAndStroke(_, s) => {
                let lw = (f64::from(s.line_width) * t.determinant().abs().sqrt()).max(0.1);
                self.add_path_rules(&device_path, Some(lw));
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        let r = clip_path.path.bounding_box().intersect(self.clip());
        self.clips.push(r);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, draw_mode: &DrawMode) {
        let Some(first) = run.glyphs().first() else { return };
        let origin = (props.transform * first.transform()) * Point::ZERO;
        let stroked = matches!(draw_mode, DrawMode::Stroke(_) | DrawMode::FillAndStroke(..));
        if matches!(draw_mode, DrawMode::Stroke(_)) {
            if let Some((start, len)) = self.is_restroke(run, origin) {
                for g in &mut self.glyphs[start..start + len] {
                    g.bold = true;
                }
                self.last_fill = None;
                return;
            }
        }

        // The run's font: the interpreter names embedded and substituted
        // TrueType/CFF fonts; others are matched by their widths.
        let data = run.glyphs().iter().find_map(|g| match &**g {
            HGlyph::Outline(o) => o.font_data(),
            HGlyph::Type3(_) => None,
        });
        let ps_name = data.as_ref().and_then(|d| d.postscript_name.clone());
        let pairs: Vec<(u32, f32)> = run.glyphs().iter().map(|g| (g.char_code(), advance(g).unwrap_or(-1.0))).collect();
        let info = self.fonts.find(ps_name.as_deref(), &pairs);
        let font = info
            .map(|f| f.name.clone())
            .or_else(|| ps_name.as_deref().map(|n| clean_name(n, None)))
            .unwrap_or_default();
        let bold = stroked
            || info.is_some_and(|f| f.bold)
            || bold_by_name(&font)
            || data.as_ref().and_then(|d| d.weight).is_some_and(|w| w >= 600);
        let vertical_mode = run.writing_mode() == WritingMode::Vertical;

        let start = self.glyphs.len();
        let clip = self.clip();
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let text = g
                .as_unicode()
                .and_then(bf_text)
                .or_else(|| info.and_then(|f| f.cid_text(g.char_code())))
                .map(super::shared_glyphs::unify);
            let width = match advance(g) {
                Some(w) if w > 0.0 && !vertical_mode => f64::from(w),
                _ => 1000.0,
            };
            let (descent, ascent) = if text.as_deref().is_none_or(|t| t.chars().any(is_cjk)) {
                EM_BOX
            } else {
                info.and_then(|f| f.ascent_descent).map(|(a, d)| (f64::from(d), f64::from(a))).unwrap_or(EM_BOX)
            };
            let bbox = (t * KRect::new(0.0, descent, width, ascent).to_path(0.1)).bounding_box();
            if !clip.contains(bbox.center()) {
                // Off the page (printer's marks, slugs) or clipped away.
                continue;
            }
            let text = text.unwrap_or_else(|| {
                *self.unreadable.entry(font.clone()).or_default() += 1;
                "\u{FFFD}".to_string()
            });
            let [a, b, c, d, _, _] = t.as_coeffs();
            let seq = u32::try_from(self.glyphs.len()).unwrap_or(u32::MAX);
            self.glyphs.push(Glyph {
                text,
                bbox: to_rect(bbox),
                size: (c.hypot(d) * 1000.0) as f32,
                font: font.clone(),
                bold,
                vertical: vertical_mode || b.abs() > a.abs(),
                seq,
            });
        }
        self.last_fill = matches!(draw_mode, DrawMode::Fill(_)).then_some(LastFill {
            start,
            len: self.glyphs.len() - start,
            run_len: run.glyphs().len(),
            origin,
        });
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        self.last_fill = None;
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let r = (props.transform * KRect::new(0.0, 0.0, w, h).to_path(0.1)).bounding_box();
        if let Some(r) = nonempty(r.intersect(self.clip())) {
            self.images.push(to_rect(r));
        }
    }

    fn pop_clip(&mut self) {
        if self.clips.len() > 1 {
            self.clips.pop();
        }
    }

    fn pop_transparency_group(&mut self) {}
}

/// A glyph's advance in glyph units (1000 per em), when the font says.
fn advance(g: &HGlyph<'_>) -> Option<f32> {
    match g {
        HGlyph::Outline(o) => o.advance_width(),
        HGlyph::Type3(t) => t.advance_width(),
    }
}

/// Whether a paint is (nearly) white, invisible on paper.
fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => c.to_rgba().to_rgba8()[..3].iter().all(|&v| v >= 245),
        Paint::Pattern(_) => false,
    }
}

/// Whether a character is CJK (ideographs, kana, hangul, CJK punctuation,
/// full-width forms), whose glyph box is the em box.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The subpaths of a path as polylines (closed ones end at their start);
/// `None` for a subpath with curves.
fn subpaths(path: &BezPath) -> Vec<Option<Vec<Point>>> {
    let mut out: Vec<Option<Vec<Point>>> = Vec::new();
    let mut cur: Option<Vec<Point>> = None;
    let mut started = false;
    for el in path.elements() {
        match *el {
            PathEl::MoveTo(p) => {
                if started {
                    out.push(cur.take());
                }
                cur = Some(vec![p]);
                started = true;
            }
            PathEl::LineTo(p) => {
                if let Some(c) = cur.as_mut() {
                    c.push(p);
                }
            }
            PathEl::ClosePath => {
                if let Some(c) = cur.as_mut() {
                    if let Some(&first) = c.first() {
                        c.push(first);
                    }
                }
            }
            PathEl::QuadTo(..) | PathEl::CurveTo(..) => cur = None,
        }
    }
    if started {
        out.push(cur);
    }
    out
}

/// An axis-aligned rectangle drawn as a closed polyline of four sides.
fn as_rect(points: &[Point]) -> Option<KRect> {
    let pts: Vec<Point> = points.iter().copied().fold(Vec::new(), |mut v: Vec<Point>, p| {
        if v.last().is_none_or(|q: &Point| q.distance(p) > 1e-6) {
            v.push(p);
        }
        v
    });
    let closed = pts.len() == 5 && pts[0].distance(pts[4]) < 1e-3;
    if !(closed || pts.len() == 4) {
        return None;
    }
    let axis = |a: Point, b: Point| (a.x - b.x).abs() < 1e-3 || (a.y - b.y).abs() < 1e-3;
    let sides_ok = (0..4).all(|i| axis(pts[i], pts[(i + 1) % 4]));
    let r = KRect::from_points(pts[0], pts[2]);
    (sides_ok && r.width() > 0.0 && r.height() > 0.0).then_some(r)
}

/// The `model` rectangle of a `kurbo` one.
fn to_rect(r: KRect) -> Rect {
    Rect::new(r.x0 as f32, r.y0 as f32, r.x1 as f32, r.y1 as f32)
}

/// `Some(r)` for a finite rectangle with some extent in one direction.
fn nonempty(r: KRect) -> Option<KRect> {
    (r.is_finite() && r.x1 >= r.x0 && r.y1 >= r.y0 && (r.width() > 0.0 || r.height() > 0.0)).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_are_seen() {
        let mut p = BezPath::new();
        p.move_to((0.0, 0.0));
        p.line_to((10.0, 0.0));
        p.line_to((10.0, 5.0));
        p.line_to((0.0, 5.0));
        p.close_path();
        let subs = subpaths(&p);
        assert_eq!(subs.len(), 1);
        let pts = subs[0].clone().unwrap_or_default();
        assert_eq!(as_rect(&pts), Some(KRect::new(0.0, 0.0, 10.0, 5.0)));
        assert!(as_rect(&pts[..3]).is_none());
    }
}
