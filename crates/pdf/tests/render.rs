//! Rendering made-up pages: the image has the width asked for and the
//! page's aspect ratio, is white in the margin and dark where text and rules
//! were drawn, and encodes to a PNG that decodes to the same size.

mod common;

use common::{test_pdf, HORIZONTAL, PAGE_H, PAGE_W};
use shuzibao_pdf::render::{THUMBNAIL_WIDTH, ZOOM_WIDTH};
use shuzibao_pdf::{CjkFonts, PageImage, PdfDocument, Renderer};

/// The mean brightness (0–255) of an image's pixels in a page-point box.
fn mean(image: &PageImage, (x0, y0, x1, y1): (f32, f32, f32, f32), page_w: f32) -> f64 {
    let s = image.width as f32 / page_w;
    let (mut sum, mut n) = (0u64, 0u64);
    for y in (y0 * s) as u32..(y1 * s) as u32 {
        for x in (x0 * s) as u32..(x1 * s) as u32 {
            if let Some(p) = image.pixel(x, y) {
                sum += p.iter().map(|&v| u64::from(v)).sum::<u64>();
                n += 3;
            }
        }
    }
    sum as f64 / n.max(1) as f64
}

#[test]
fn rendered_pages_have_the_asked_width_and_the_page_aspect() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let renderer = Renderer::new();
    for width in [THUMBNAIL_WIDTH, 1200] {
        let image = renderer.render(&doc, 1, width).expect("renders");
        assert_eq!(image.width, width);
        assert_eq!(image.height, (width as f32 * PAGE_H / PAGE_W).round() as u32);
        assert_eq!(image.rgb.len(), (image.width * image.height * 3) as usize);
    }
    let rotated = PdfDocument::open(&test_pdf(1, Some(90), false)).expect("opens");
    let image = renderer.render(&rotated, 1, 400).expect("renders");
    assert_eq!(image.height, (400.0 * PAGE_W / PAGE_H).round() as u32);
}

#[test]
fn text_and_rules_are_darker_than_the_margin() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let renderer = Renderer::new();
    let image = renderer.render(&doc, 1, 1200).expect("renders");
    let margin = mean(&image, (5.0, 5.0, 60.0, 60.0), PAGE_W);
    assert!(margin > 254.0, "the margin is white: {margin}");
    let rule = mean(&image, (80.0, PAGE_H - 600.6, 500.0, PAGE_H - 599.4), PAGE_W);
    assert!(rule < margin - 50.0, "the rule is dark: {rule}");
    let (_, x, y, size) = HORIZONTAL;
    let text_box = (x, PAGE_H - y - 0.88 * size, x + 7.0 * size, PAGE_H - y + 0.12 * size);
    let text = mean(&image, text_box, PAGE_W);
    if renderer.has_cjk_font() {
        assert!(image.warnings.is_empty(), "{:?}", image.warnings);
        assert!(text < margin - 20.0, "the Chinese text is drawn: {text} vs {margin}");
    } else {
        assert!(image.warnings.iter().any(|w| w.contains("CJK")), "{:?}", image.warnings);
    }
}

#[test]
fn a_shrunk_thumbnail_looks_like_a_drawn_one() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let renderer = Renderer::new();
    let drawn = renderer.render(&doc, 1, THUMBNAIL_WIDTH).expect("renders");
    let both = renderer.render_widths(&doc, 1, &[THUMBNAIL_WIDTH, 1200]).expect("renders");
    let shrunk = &both[0];
    assert_eq!((shrunk.width, shrunk.height), (drawn.width, drawn.height));
    let diff: u64 = drawn.rgb.iter().zip(&shrunk.rgb).map(|(&a, &b)| u64::from(a.abs_diff(b))).sum();
    let mean = diff as f64 / drawn.rgb.len() as f64;
    assert!(mean < 8.0, "mean difference {mean}");
}

#[test]
fn a_page_shrunk_from_one_twice_as_wide_looks_like_a_drawn_one() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let renderer = Renderer::new();
    let drawn = renderer.render(&doc, 1, 600).expect("renders");
    let both = renderer.render_widths(&doc, 1, &[600, 1200]).expect("renders");
    let shrunk = &both[0];
    assert_eq!((shrunk.width, shrunk.height), (drawn.width, drawn.height));
    let diff: u64 = drawn.rgb.iter().zip(&shrunk.rgb).map(|(&a, &b)| u64::from(a.abs_diff(b))).sum();
    let mean = diff as f64 / drawn.rgb.len() as f64;
    assert!(mean < 4.0, "mean difference {mean}");
    let dark = |img: &PageImage| img.rgb.iter().filter(|&&v| v < 128).count();
    let (a, b) = (dark(&drawn) as f64, dark(shrunk) as f64);
    assert!((a - b).abs() <= 0.2 * a, "as much ink: {a} dark samples drawn, {b} shrunk");
}

#[test]
fn without_cjk_fonts_the_page_says_so() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let renderer = Renderer::with_fonts(CjkFonts::in_dirs(&[]));
    let image = renderer.render(&doc, 1, THUMBNAIL_WIDTH).expect("renders");
    assert!(image.warnings.iter().any(|w| w.starts_with("page 1:") && w.contains("CJK")), "{:?}", image.warnings);
}

#[test]
fn pngs_of_three_sizes_decode() {
    let doc = PdfDocument::open(&test_pdf(1, None, false)).expect("opens");
    let pngs = Renderer::new().render_pngs(&doc, 1, &[ZOOM_WIDTH, 1200, THUMBNAIL_WIDTH]).expect("renders");
    let widths: Vec<u32> = pngs.iter().map(|p| p.width).collect();
    assert_eq!(widths, [ZOOM_WIDTH, 1200, THUMBNAIL_WIDTH], "in the order asked");
    assert_eq!(pngs[2].height, (THUMBNAIL_WIDTH as f32 * PAGE_H / PAGE_W).round() as u32);
    for png in &pngs {
        assert!(png.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(&png.png));
        let reader = decoder.read_info().expect("decodes");
        assert_eq!((reader.info().width, reader.info().height), (png.width, png.height));
    }
    assert!(Renderer::new().render(&doc, 2, 200).is_err());
    assert!(Renderer::new().render(&doc, 1, 0).is_err());
}

#[test]
fn one_renderer_serves_many_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Renderer>();
}

#[test]
fn gray_pages_encode_as_grayscale_and_colour_pages_as_rgb() {
    let gray = PageImage { width: 2, height: 1, rgb: vec![10, 10, 10, 200, 200, 200], warnings: Vec::new() };
    let colour = PageImage { width: 2, height: 1, rgb: vec![10, 10, 10, 200, 0, 0], warnings: Vec::new() };
    for (image, want) in [(gray, png::ColorType::Grayscale), (colour, png::ColorType::Rgb)] {
        let bytes = shuzibao_pdf::render::encode_png(&image).expect("encodes");
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("decodes");
        assert_eq!(reader.info().color_type, want);
        let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
        let info = reader.next_frame(&mut buf).expect("a frame");
        let pixels = &buf[..info.buffer_size()];
        let expected: Vec<u8> = if want == png::ColorType::Grayscale { vec![10, 200] } else { image.rgb.clone() };
        assert_eq!(pixels, expected.as_slice());
    }
}
