//! An issue as a IIIF Presentation 3.0 manifest
//! (`/papers/{paper}/{date}/manifest.json`), for IIIF viewers (Mirador,
//! Universal Viewer) and the libraries that gather them: a canvas per page
//! read from a PDF, its largest image painted on it (its size the canvas's,
//! in pixels), its thumbnail, its PDF and its page view; a range per article
//! whose regions are canvas fragments (`#xywh=`), linking to the article;
//! the issue's PDF or zip as the manifest's rendering. Pages read from text
//! have no image and are left out. Ids are absolute URLs (the configured
//! base, else the request's host).

use super::downloads;
use super::scan::file_url;
use crate::error::{Failure, PageError};
use crate::extract::{PagePath, SiteUrl};
use crate::views;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// The media type IIIF asks for a Presentation 3 manifest.
const MEDIA_TYPE: &str = "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";

/// A language map of one Chinese value.
fn zh(text: &str) -> Value {
    json!({ "zh": [text] })
}

/// `GET /papers/{paper}/{date}/manifest.json`.
pub(crate) async fn manifest(
    State(state): State<AppState>,
    site: SiteUrl,
    PagePath((paper, date)): PagePath<(String, String)>,
) -> Result<Response, PageError> {
    let date = super::date_in_path(&date)?;
    let store = state.reader()?;
    let day = views::date_view(&store, &paper, date)?;
    let abs = |path: &str| site.absolute(path);
    let mut canvases = Vec::new();
    let mut ranges = Vec::new();
    for p in &day.pages {
        let (Some(id), Some(label), Some(url)) = (p.id, p.label.as_deref(), p.url.as_deref()) else { continue };
        let Some(assets) = store.page_assets(id)? else { continue };
        let Some(image) = assets.images.iter().max_by_key(|i| i.width) else { continue };
        let canvas = abs(&format!("{url}/canvas"));
        let name = match &p.name {
            Some(n) => format!("第{label}版 {n}"),
            None => format!("第{label}版"),
        };
        let mut c = json!({
            "id": canvas,
            "type": "Canvas",
            "label": zh(&name),
            "width": image.width,
            "height": image.height,
            "homepage": [{ "id": abs(url), "type": "Text", "label": zh(&name), "format": "text/html" }],
            "rendering": [{
                "id": abs(&super::scan::pdf_url(&assets)),
                "type": "Text",
                "label": zh(&format!("{name} PDF")),
                "format": "application/pdf"
            }],
            "items": [{
                "id": abs(&format!("{url}/canvas/page")),
                "type": "AnnotationPage",
                "items": [{
                    "id": abs(&format!("{url}/canvas/image")),
                    "type": "Annotation",
                    "motivation": "painting",
                    "target": canvas,
                    "body": {
                        "id": abs(&file_url(&image.hash, "png")),
                        "type": "Image",
                        "format": "image/png",
                        "width": image.width,
                        "height": image.height
                    }
                }]
            }]
        });
        if let Some(t) = assets.image(super::scan::THUMB) {
            c["thumbnail"] = json!([{
                "id": abs(&file_url(&t.hash, "png")),
                "type": "Image",
                "format": "image/png",
                "width": t.width,
                "height": t.height
            }]);
        }
        canvases.push(c);
        // points to the canvas's pixels
        let (sx, sy) = (image.width as f32 / assets.width.max(1.0), image.height as f32 / assets.height.max(1.0));
        for a in store.articles_of_issue(id)?.into_iter().filter(|a| !a.regions.is_empty()) {
            let items: Vec<Value> = a
                .regions
                .iter()
                .map(|r| {
                    let (x, y) = ((r.x0 * sx).round(), (r.y0 * sy).round());
                    let (w, h) = (((r.x1 - r.x0) * sx).round(), ((r.y1 - r.y0) * sy).round());
                    json!({ "id": format!("{canvas}#xywh={x},{y},{w},{h}"), "type": "Canvas" })
                })
                .collect();
            ranges.push(json!({
                "id": abs(&format!("/articles/{}#range", a.id)),
                "type": "Range",
                "label": zh(&a.title),
                "homepage": [{
                    "id": abs(&format!("/articles/{}", a.id)),
                    "type": "Text",
                    "label": zh(&a.title),
                    "format": "text/html"
                }],
                "items": items
            }));
        }
    }
    if canvases.is_empty() {
        return Err(PageError(Failure::NotFound(format!(
            "{paper} {date} 没有版面图 (no page of this issue is a PDF)"
        ))));
    }
    let title = format!("{paper} · {}", day.date_cn);
    let mut m = json!({
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": abs(&format!("{}/manifest.json", day.url)),
        "type": "Manifest",
        "label": zh(&title),
        "metadata": [
            { "label": zh("报名"), "value": zh(&paper) },
            { "label": zh("日期"), "value": { "none": [date.to_string()] } }
        ],
        "homepage": [{ "id": abs(&day.url), "type": "Text", "label": zh(&title), "format": "text/html" }],
        "items": canvases,
        "structures": ranges
    });
    if let Some(d) = downloads::issue_download(&store, &day)? {
        let format = if d.zip { "application/zip" } else { "application/pdf" };
        m["rendering"] = json!([{ "id": abs(&d.href), "type": "Text", "label": zh("本期 PDF"), "format": format }]);
    }
    let body = serde_json::to_vec_pretty(&m).map_err(|e| Failure::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE)),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
        ],
        body,
    )
        .into_response())
}
