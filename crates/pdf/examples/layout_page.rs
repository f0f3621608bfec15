//! Dev harness: lays out a page dumped as `PageContent` JSON (by
//! `examples/dump_page.py`, before the crate's own reader exists) and prints
//! the issue JSON with each article's `regions`, as the page scorer reads it.
//!
//! ```text
//! cargo run -p shuzibao-pdf --example layout_page -- PAGE.page.json > PAGE.json
//! ```

use shuzibao_pdf::{layout_page, PageContent};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        return Err("usage: layout_page PAGE.page.json".into());
    };
    let page: PageContent = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
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
    if std::env::var_os("LAYOUT_TEXT").is_some() {
        eprintln!("{}", laid.text);
    }
    println!("{}", serde_json::to_string_pretty(&value)?);
    Ok(())
}
