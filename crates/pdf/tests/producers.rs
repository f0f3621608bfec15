//! The reader on made-up pages written the way other producers write them:
//! Chromium's Type 3 fonts (no `/BaseFont`, the name and weight in the
//! descriptor) whose `ToUnicode` maps name shared glyphs by a radical, a long
//! dash or a katakana dot; Ghostscript's several-character entries with a
//! repeated low byte. The text read back is the Chinese text drawn.

mod common;

use shuzibao_pdf::read_pdf;

/// A one-page PDF whose text is drawn, one code per glyph, in a Type 3 font
/// named only in its descriptor, with this `ToUnicode` map (code → UTF-16BE
/// hex) and this weight.
fn type3_page(map: &[(u8, &str)], weight: u32) -> Vec<u8> {
    let codes: String = map.iter().map(|(c, _)| format!("{c:02X}")).collect();
    let content = format!("BT /T3 12 Tf 1 0 0 1 72 700 Tm <{codes}> Tj ET");
    let entries: String = map.iter().map(|(c, u)| format!("<{c:02X}> <{u}>\n")).collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /T3-UCS def\n\
         1 begincodespacerange <00> <FF> endcodespacerange\n{} beginbfchar\n{entries}endbfchar\n\
         endcmap CMapName currentdict /CMap defineresource pop end end",
        map.len()
    );
    let glyph = "1000 0 0 -120 1000 880 d1 100 0 800 700 re f";
    let first = map.iter().map(|(c, _)| *c).min().unwrap_or(0);
    let last = map.iter().map(|(c, _)| *c).max().unwrap_or(0);
    let widths = vec!["1000"; usize::from(last - first) + 1].join(" ");
    let differences: String = map.iter().map(|(c, _)| format!("{c} /g{c} ")).collect();
    let procs: String = map.iter().map(|(c, _)| format!("/g{c} 8 0 R ")).collect();
    let font = format!(
        "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 -120 1000 880] \
         /Resources << >> /FirstChar {first} /LastChar {last} /Widths [{widths}] \
         /Encoding << /Type /Encoding /Differences [{differences}] >> /CharProcs << {procs}>> \
         /FontDescriptor 6 0 R /ToUnicode 7 0 R >>"
    );
    let descriptor = format!(
        "<< /Type /FontDescriptor /FontName /AAAAAA+NotoSansCJKsc-Test /FontWeight {weight} /Flags 4 \
         /ItalicAngle 0 >>"
    );
    let stream = |s: &str| format!("<< /Length {} >>\nstream\n{s}\nendstream", s.len());
    common::raw_pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T3 5 0 R >> >> \
             /Contents 4 0 R >>",
            &stream(&content),
            &font,
            &descriptor,
            &stream(&cmap),
            &stream(glyph),
        ],
        "",
    )
}

fn text_of(bytes: &[u8]) -> (String, Vec<shuzibao_pdf::Glyph>) {
    let mut pages = read_pdf(bytes).expect("reads");
    let page = pages.remove(0);
    (page.glyphs.iter().map(|g| g.text.as_str()).collect(), page.glyphs)
}

#[test]
fn type3_fonts_are_named_by_their_descriptor_and_bold_by_its_weight() {
    let map = [(1, "4E2D"), (2, "6587")];
    let (text, glyphs) = text_of(&type3_page(&map, 700));
    assert_eq!(text, "中文");
    assert!(glyphs.iter().all(|g| g.font == "NotoSansCJKsc-Test" && g.bold), "{glyphs:?}");
    let (_, glyphs) = text_of(&type3_page(&map, 400));
    assert!(glyphs.iter().all(|g| !g.bold), "{glyphs:?}");
}

#[test]
fn shared_glyphs_named_by_radicals_or_other_marks_read_as_chinese_text() {
    // ⼈⺠ (Kangxi and supplement radicals), ⸺ (two-em dash), ⋯ (midline
    // ellipsis), ・ (katakana middle dot)
    let map = [(1, "2F08"), (2, "2EA0"), (3, "2E3A"), (4, "22EF"), (5, "30FB"), (6, "6587")];
    let (text, _) = text_of(&type3_page(&map, 400));
    assert_eq!(text, "人民——…·文");
}

#[test]
fn ghostscript_ligature_entries_read_as_the_characters_drawn() {
    // the `——` ligature as Ghostscript maps it: 2014 then 1414
    let map = [(1, "4E2D"), (2, "20141414"), (3, "6587")];
    let (text, glyphs) = text_of(&type3_page(&map, 400));
    assert_eq!(text, "中——文");
    assert_eq!(glyphs.len(), 3);
}
