//! Dev harness: reads a page PDF with [`shuzibao_pdf::read_pdf`], lays out
//! its first page and prints the issue JSON with each article's `regions`,
//! as the page scorer (`score_pages.py --cmd`) reads it. A `.json` argument
//! is read as a `PageContent` dump instead (an older dev path).
//!
//! ```text
//! cargo run -p shuzibao-pdf --example layout_page -- PAGE.pdf > PAGE.json
//! ```
//!
//! `LAYOUT_TEXT=1` also prints the recovered page text to stderr,
//! `LAYOUT_LINES=1` the page's lines (box, size, bold/vertical, text),
//! `LAYOUT_BLOCKS=1` its text columns.

use shuzibao_pdf::{layout_page, read_pdf, PageContent};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        return Err("usage: layout_page PAGE.pdf | PAGE.page.json".into());
    };
    let page: PageContent = if path.ends_with(".json") {
        serde_json::from_str(&std::fs::read_to_string(&path)?)?
    } else {
        let pages = read_pdf(&std::fs::read(&path)?)?;
        pages.into_iter().next().ok_or("the PDF has no page")?
    };
    let laid = layout_page(&page);
    let mut value = shuzibao_core::json::to_value(&laid.issue, None);
    if let Some(arts) = value.get_mut("articles").and_then(|a| a.as_array_mut()) {
        for (a, rs) in arts.iter_mut().zip(&laid.regions) {
            let regions: Vec<serde_json::Value> = rs
                .iter()
                .map(|r| serde_json::json!({"page": page.index, "x0": r.x0, "y0": r.y0, "x1": r.x1, "y1": r.y1}))
                .collect();
            if let Some(obj) = a.as_object_mut() {
                obj.insert("regions".into(), serde_json::Value::Array(regions));
            }
        }
    }
    if std::env::var_os("LAYOUT_LINES").is_some() {
        for l in shuzibao_pdf::layout::lines::build_lines(&page.glyphs, &page.rules) {
            let b = l.bbox;
            let flags = format!("{}{}", if l.bold { "B" } else { "" }, if l.vertical { "V" } else { "" });
            eprintln!("{:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {flags:2} {}", b.x0, b.y0, b.x1, b.y1, l.size, l.text);
        }
    }
    if std::env::var_os("LAYOUT_BLOCKS").is_some() {
        print_columns(&page);
    }
    if std::env::var_os("LAYOUT_TEXT").is_some() {
        eprintln!("{}", laid.text);
    }
    println!("{}", serde_json::to_string_pretty(&value)?);
    Ok(())
}

/// Prints the text columns as the layout finds them (box, first line).
fn print_columns(page: &PageContent) {
    use shuzibao_pdf::layout::{columns, furniture, lines, photos, style::BodyStyle};
    let body = BodyStyle::of(&page.glyphs);
    let lines = lines::build_lines(&page.glyphs, &page.rules);
    let furn = furniture::split_furniture(page, &lines);
    let text: Vec<usize> = furn.content.iter().copied().filter(|&i| !body.is_headline(&lines[i])).collect();
    let photos = photos::find_photos(&page.images, &lines, &text, &body);
    let text: Vec<usize> = text.into_iter().filter(|i| !photos.iter().any(|p| p.caption.contains(i))).collect();
    for c in columns::text_columns(&lines, &text, &page.rules, &body) {
        let b = c.bbox;
        let first = c.lines.first().map_or("", |&i| lines[i].text.as_str());
        eprintln!("{:7.1} {:7.1} {:7.1} {:7.1} {:3} {first}", b.x0, b.y0, b.x1, b.y1, c.lines.len());
    }
}
