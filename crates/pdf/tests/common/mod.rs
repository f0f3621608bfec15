//! Made-up page PDFs for the tests, written with `pdf-writer`: Chinese text
//! of our own in non-embedded `STSong-Light` (no `ToUnicode`, the text only
//! through the Adobe-GB1 collection), horizontal and vertical, a bold line,
//! a font with a `ToUnicode` map we write, rules, a frame, an image, several
//! pages with labels, a rotated page; and a hand-built encrypted file.

#![allow(dead_code)]

use pdf_writer::types::{CidFontType, FontFlags, NumberingStyle, SystemInfo, TextRenderingMode};
use pdf_writer::writers::PageLabel;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The page size of the test pages (A4 portrait, points).
pub const PAGE_W: f32 = 595.0;
/// The page height.
pub const PAGE_H: f32 = 842.0;

/// A horizontal line: (text, x, baseline y in PDF space, size).
pub const HORIZONTAL: (&str, f32, f32, f32) = ("数字报测试页面", 72.0, 700.0, 12.0);
/// A bold (fill-and-stroke) line.
pub const BOLD: (&str, f32, f32, f32) = ("头版要闻", 72.0, 650.0, 20.0);
/// A vertical line (`UniGB-UCS2-V`): the position is its first glyph's top centre.
pub const VERTICAL: (&str, f32, f32, f32) = ("竖排标题示例", 400.0, 700.0, 14.0);
/// A line in the font with our own `ToUnicode` map (codes 1, 2, 3).
pub const MAPPED: (&str, f32, f32, f32) = ("版面编", 72.0, 550.0, 10.0);

/// The UCS-2 bytes of a text (the `UniGB-UCS2` encodings).
fn ucs2(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// Writes the fonts every test page uses; returns their refs (H, V, mapped).
fn write_fonts(pdf: &mut Pdf, next: &mut i32) -> (Ref, Ref, Ref) {
    let mut alloc = || {
        *next += 1;
        Ref::new(*next)
    };
    let (h, v, m) = (alloc(), alloc(), alloc());
    let (cid, cid2, desc, cmap) = (alloc(), alloc(), alloc(), alloc());
    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"GB1"), supplement: 4 };
    pdf.type0_font(h).base_font(Name(b"STSong-Light")).encoding_predefined(Name(b"UniGB-UCS2-H")).descendant_font(cid);
    pdf.type0_font(v).base_font(Name(b"STSong-Light")).encoding_predefined(Name(b"UniGB-UCS2-V")).descendant_font(cid);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"STSong-Light"))
        .system_info(info)
        .font_descriptor(desc)
        .default_width(1000.0);
    pdf.font_descriptor(desc)
        .name(Name(b"STSong-Light"))
        .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
        .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(880.0)
        .stem_v(93.0);
    // A font whose text comes from a ToUnicode map: Identity-H codes 1..3.
    pdf.type0_font(m)
        .base_font(Name(b"ABCDEF+FZShuSong-Z01-Identity-H"))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid2)
        .to_unicode(cmap);
    pdf.cid_font(cid2)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"ABCDEF+FZShuSong-Z01"))
        .system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 })
        .font_descriptor(desc)
        .default_width(1000.0);
    let mut to_unicode = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n3 beginbfchar\n",
    );
    for (i, c) in MAPPED.0.chars().enumerate() {
        to_unicode.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, u32::from(c)));
    }
    to_unicode.push_str("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    pdf.stream(cmap, to_unicode.as_bytes());
    (h, v, m)
}

/// The content of the test page: text, rules, a frame and an image.
fn page_content() -> Vec<u8> {
    let mut c = Content::new();
    let (text, x, y, size) = HORIZONTAL;
    c.begin_text()
        .set_font(Name(b"FH"), 1.0)
        .set_text_matrix([size, 0.0, 0.0, size, x, y])
        .show(Str(&ucs2(text)))
        .end_text();
    let (text, x, y, size) = BOLD;
    c.begin_text()
        .set_font(Name(b"FH"), size)
        .set_text_rendering_mode(TextRenderingMode::FillStroke)
        .next_line(x, y)
        .show(Str(&ucs2(text)))
        .set_text_rendering_mode(TextRenderingMode::Fill)
        .end_text();
    let (text, x, y, size) = VERTICAL;
    c.begin_text().set_font(Name(b"FV"), size).next_line(x, y).show(Str(&ucs2(text))).end_text();
    let (text, x, y, size) = MAPPED;
    let codes: Vec<u8> = (1..=text.chars().count() as u16).flat_map(u16::to_be_bytes).collect();
    c.begin_text().set_font(Name(b"FM"), size).next_line(x, y).show(Str(&codes)).end_text();
    // A stroked rule, a thin filled rule, a stroked frame.
    c.set_line_width(1.0).move_to(72.0, 600.0).line_to(520.0, 600.0).stroke();
    c.rect(72.0, 500.0, 448.0, 1.5).fill_nonzero();
    c.set_line_width(0.5).rect(300.0, 300.0, 200.0, 100.0).stroke();
    // A 2×2 image, 100 × 50 points at (72, 400).
    c.save_state().transform([100.0, 0.0, 0.0, 50.0, 72.0, 400.0]).x_object(Name(b"Im1")).restore_state();
    c.finish().into_vec()
}

/// A page tree of `n` test pages; `rotate` sets `/Rotate`; `labels` adds
/// `/PageLabels` (pages 1.. "A1", "A2", then from page 3 "B1"…).
pub fn test_pdf(n: usize, rotate: Option<i32>, labels: bool) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree) = (Ref::new(1), Ref::new(2));
    let mut next = 2;
    let (fh, fv, fm) = write_fonts(&mut pdf, &mut next);
    next += 1;
    let image = Ref::new(next);
    let pixels = [0u8, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255];
    pdf.image_xobject(image, &pixels).width(2).height(2).color_space().device_rgb();
    let mut page_ids = Vec::new();
    for _ in 0..n {
        next += 2;
        let (page, content) = (Ref::new(next - 1), Ref::new(next));
        page_ids.push(page);
        pdf.stream(content, &page_content());
        let mut p = pdf.page(page);
        p.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(content);
        if let Some(r) = rotate {
            p.rotate(r);
        }
        let mut res = p.resources();
        res.fonts().pair(Name(b"FH"), fh).pair(Name(b"FV"), fv).pair(Name(b"FM"), fm);
        res.x_objects().pair(Name(b"Im1"), image);
        res.finish();
        p.finish();
    }
    pdf.pages(tree).kids(page_ids.iter().copied()).count(n as i32);
    let (la, lb) = (Ref::new(next + 1), Ref::new(next + 2));
    if labels {
        pdf.indirect(la).start::<PageLabel>().style(NumberingStyle::Arabic).prefix(TextStr("A"));
        pdf.indirect(lb).start::<PageLabel>().style(NumberingStyle::Arabic).prefix(TextStr("B"));
    }
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if labels {
        cat.page_labels().nums().insert(0, la).insert(2, lb);
    }
    cat.finish();
    pdf.finish()
}

/// A PDF assembled from raw object bodies (object `i + 1` is `objects[i]`),
/// with a correct cross-reference table and this extra trailer text.
pub fn raw_pdf(objects: &[&str], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

/// A PDF encrypted with a user password (standard security handler, RC4
/// 128-bit), whose password we do not give.
pub fn encrypted_pdf() -> Vec<u8> {
    let o = "<".to_string() + &"3A".repeat(32) + ">";
    let u = "<".to_string() + &"5C".repeat(32) + ">";
    let encrypt = format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -44 /O {o} /U {u} >>");
    raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            &encrypt,
        ],
        "/Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    )
}

/// A page with a standard font (`Times-Bold`, not embedded, no widths):
/// `LATIN` at its place, and a printer's slug drawn off the page.
pub fn latin_pdf() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, page, content, font) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    pdf.type1_font(font).base_font(Name(b"Times-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    let mut c = Content::new();
    let (text, x, y, size) = LATIN;
    c.begin_text().set_font(Name(b"F1"), size).next_line(x, y).show(Str(text.as_bytes())).end_text();
    c.begin_text().set_font(Name(b"F1"), 8.0).next_line(-150.0, 20.0).show(Str(b"SLUG 2019")).end_text();
    pdf.stream(content, &c.finish());
    let mut p = pdf.page(page);
    p.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(content);
    p.resources().fonts().pair(Name(b"F1"), font);
    p.finish();
    pdf.pages(tree).kids([page]).count(1);
    pdf.catalog(catalog).pages(tree);
    pdf.finish()
}

/// The Latin line of [`latin_pdf`].
pub const LATIN: (&str, f32, f32, f32) = ("Page A1", 72.0, 760.0, 18.0);
