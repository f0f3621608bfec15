//! The reader on the project's example page (`/work/shared/eval/pdfpages`),
//! compared with poppler's `pdftotext`: same characters, whitespace and
//! order aside. Ignored by default (the page is not in the repository; it
//! is read from the shared folder, and `pdftotext` may be absent); run with
//! `cargo test -p shuzibao-pdf --test sample_pdf -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "/work/shared/eval/pdfpages/example/rmrb-20191024-01-s1.pdf";

/// Character counts of a text, whitespace left out.
fn counts(text: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

#[test]
#[ignore = "reads the shared example page and runs pdftotext"]
fn sample_text_matches_pdftotext() {
    let path = Path::new(SAMPLE);
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: {SAMPLE} is not here");
        return;
    };
    let Ok(out) = Command::new("pdftotext").args(["-enc", "UTF-8", SAMPLE, "-"]).output() else {
        eprintln!("skipped: pdftotext is not installed");
        return;
    };
    let theirs = counts(&String::from_utf8_lossy(&out.stdout));
    let pages = shuzibao_pdf::read_pdf(&bytes).expect("the sample reads");
    let text: String = pages.iter().flat_map(|p| p.glyphs.iter().map(|g| g.text.as_str())).collect();
    let ours = counts(&text);
    let total_theirs: usize = theirs.values().sum();
    let mut common = 0;
    let mut diff = Vec::new();
    for (c, &n) in &theirs {
        let m = ours.get(c).copied().unwrap_or(0);
        common += n.min(m);
        if n != m {
            diff.push(format!("{c:?}: pdftotext {n}, ours {m}"));
        }
    }
    for (c, &m) in &ours {
        if !theirs.contains_key(c) {
            diff.push(format!("{c:?}: pdftotext 0, ours {m}"));
        }
    }
    let total_ours: usize = ours.values().sum();
    eprintln!(
        "pdftotext {total_theirs} chars, ours {total_ours}, in common {common} ({:.2}%); {} glyphs, {} rules, {} images; warnings {:?}",
        100.0 * common as f64 / total_theirs.max(1) as f64,
        pages[0].glyphs.len(),
        pages[0].rules.len(),
        pages[0].images.len(),
        pages[0].warnings
    );
    let mut fonts: BTreeMap<(String, bool), usize> = BTreeMap::new();
    for g in &pages[0].glyphs {
        *fonts.entry((g.font.clone(), g.bold)).or_insert(0) += 1;
    }
    eprintln!("fonts (name, bold): {fonts:?}");
    for g in pages[0].glyphs.iter().take(3) {
        eprintln!("  {g:?}");
    }
    eprintln!("  rules {:?}", pages[0].rules);
    eprintln!("  images {:?}", pages[0].images);
    for d in diff.iter().take(40) {
        eprintln!("  {d}");
    }
    assert!(common as f64 >= 0.995 * total_theirs as f64 && common as f64 >= 0.995 * total_ours as f64);
}

#[test]
#[ignore = "reads the shared example page; writes PNGs to the temp folder to look at"]
fn sample_renders_three_sizes() {
    let Ok(bytes) = std::fs::read(SAMPLE) else {
        eprintln!("skipped: {SAMPLE} is not here");
        return;
    };
    let doc = shuzibao_pdf::PdfDocument::open(&bytes).expect("opens");
    let renderer = shuzibao_pdf::Renderer::new();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let images = renderer.render_widths(&doc, 1, &[2400, 1200, 200]).expect("renders");
        let drawn = t.elapsed();
        for im in &images {
            let t = std::time::Instant::now();
            let png = shuzibao_pdf::render::encode_png(im).expect("encodes");
            eprintln!("  encode {} px: {:?}, {} bytes", im.width, t.elapsed(), png.len());
        }
        eprintln!("drawing 3 sizes: {drawn:?}");
    }
    let pngs = renderer.render_pngs(&doc, 1, &[2400, 1200, 200]).expect("renders");
    for p in &pngs {
        let path = std::env::temp_dir().join(format!("shuzibao-sample-{}.png", p.width));
        std::fs::write(&path, &p.png).expect("writes");
        eprintln!("{} × {}: {} bytes -> {}", p.width, p.height, p.png.len(), path.display());
    }
}
