//! A page read from a PDF as ALTO 4 XML (`/papers/{paper}/{date}/{page}/alto.xml`),
//! the layout format of digitised newspapers (the Library of Congress's
//! Chronicling America, Europeana): a text block per article (the box of
//! its regions) holding its text lines, each with its text, in pixels of the
//! page's largest image. A line's text is the article's text from where the
//! line starts to where the next one does (the stored line boxes keep where
//! each line starts, not its text); white space is not kept.

use super::scan::article_plain;
use crate::error::{Failure, PageError};
use crate::extract::PagePath;
use crate::views;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// `text` escaped for an XML attribute.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// `GET /papers/{paper}/{date}/{page}/alto.xml`.
pub(crate) async fn alto(
    State(state): State<AppState>,
    PagePath((paper, date, page)): PagePath<(String, String, String)>,
) -> Result<Response, PageError> {
    let date = super::date_in_path(&date)?;
    let no: shuzibao_core::PageNo =
        page.parse().map_err(|_| Failure::NotFound(format!("{page:?} 不是版次 (not a page like 2 or A3)")))?;
    let label = no.to_string();
    let store = state.reader()?;
    let day = views::date_view(&store, &paper, date)?;
    let missing = || Failure::NotFound(format!("{paper} {date} 第{label}版没有版面图 (no such page read from a PDF)"));
    let id = day.pages.iter().find(|p| p.label.as_deref() == Some(label.as_str())).and_then(|p| p.id);
    let assets = match id {
        Some(id) => store.page_assets(id)?,
        None => None,
    };
    let (Some(id), Some(assets)) = (id, assets) else { return Err(PageError(missing())) };
    let Some(image) = assets.images.iter().max_by_key(|i| i.width) else { return Err(PageError(missing())) };
    let (sx, sy) = (image.width as f32 / assets.width.max(1.0), image.height as f32 / assets.height.max(1.0));
    let px = |v: f32, s: f32| (v * s).round() as i64;
    let mut blocks = String::new();
    for a in store.articles_of_issue(id)?.into_iter().filter(|a| !a.regions.is_empty()) {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for r in &a.regions {
            (x0, y0, x1, y1) = (x0.min(r.x0), y0.min(r.y0), x1.max(r.x1), y1.max(r.y1));
        }
        let _ = writeln!(
            blocks,
            r#"        <TextBlock ID="a{}" HPOS="{}" VPOS="{}" WIDTH="{}" HEIGHT="{}">"#,
            a.id,
            px(x0, sx),
            px(y0, sy),
            px(x1 - x0, sx),
            px(y1 - y0, sy)
        );
        let text: Vec<char> = article_plain(&a).chars().collect();
        let lines = store.article_lines(a.id)?;
        for (n, l) in lines.iter().enumerate() {
            let start = (l.start as usize).min(text.len());
            let end = lines.get(n + 1).map_or(text.len(), |next| (next.start as usize).clamp(start, text.len()));
            let content: String = text[start..end].iter().collect();
            let (x, y, w, h) = (f32::from(l.x0), f32::from(l.y0), f32::from(l.x1 - l.x0), f32::from(l.y1 - l.y0));
            let pos =
                format!(r#"HPOS="{}" VPOS="{}" WIDTH="{}" HEIGHT="{}""#, px(x, sx), px(y, sy), px(w, sx), px(h, sy));
            let _ = writeln!(
                blocks,
                "          <TextLine ID=\"a{}l{n}\" {pos}>\n            <String CONTENT=\"{}\" {pos}/>\n          </TextLine>",
                a.id,
                attr(&content)
            );
        }
        blocks.push_str("        </TextBlock>\n");
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
  <Description>
    <MeasurementUnit>pixel</MeasurementUnit>
    <sourceImageInformation>
      <fileName>/files/{image}.png</fileName>
    </sourceImageInformation>
    <Processing ID="layout">
      <processingSoftware>
        <softwareName>shuzibao</softwareName>
        <softwareVersion>{version}</softwareVersion>
      </processingSoftware>
    </Processing>
  </Description>
  <Layout>
    <Page ID="page{label}" PHYSICAL_IMG_NR="{index}" PRINTED_IMG_NR="{label}" WIDTH="{w}" HEIGHT="{h}">
      <PrintSpace HPOS="0" VPOS="0" WIDTH="{w}" HEIGHT="{h}">
{blocks}      </PrintSpace>
    </Page>
  </Layout>
</alto>
"#,
        image = image.hash,
        version = env!("CARGO_PKG_VERSION"),
        label = attr(&label),
        index = assets.pdf_page,
        w = image.width,
        h = image.height,
    );
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"))], xml).into_response())
}
