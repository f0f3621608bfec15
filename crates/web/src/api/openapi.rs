//! The OpenAPI 3.1 document of the API, written by hand next to the list of
//! routes it describes ([`ROUTES`]); a test checks that every route is
//! documented, every documented route answers, and nothing else.

use serde_json::{json, Value};

/// Every API route as (method, path under `/api/v1`, summary).
pub const ROUTES: &[(&str, &str, &str)] = &[
    ("get", "/papers", "The papers of the archive, the one with the latest issue first, with their first and last dates and counts"),
    ("get", "/papers/{paper}/issues", "A paper's issues (their dates, oldest first) and its pages without a date"),
    (
        "get",
        "/papers/{paper}/issues/{date}",
        "A paper's issue of a date: masthead, teasers, its pages in page order, each with its name and articles",
    ),
    (
        "get",
        "/papers/{paper}/issues/{date}/doubtful",
        "The least certain articles of an issue (`?limit=`, 10 by default, at most 200), least certain first: each with its page and its confidence in its boundaries and in its headline, for editors to check first",
    ),
    (
        "get",
        "/issues",
        "Every stored page of every paper (one row a page, each naming its paper; `url` is its paper's issue), newest first",
    ),
    ("post", "/issues", "Ingest one page's raw text (admin token required)"),
    (
        "get",
        "/issues/{date}",
        "The issue of the one paper of a date (or of `?paper=`), as /papers/{paper}/issues/{date}; several papers that day and none chosen: 300 with the papers to choose from",
    ),
    ("post", "/pages/{id}/date", "Give a page (an undated one) its date: {\"date\": \"YYYY-MM-DD\"} (admin token required)"),
    ("get", "/articles", "The newest articles, with paging"),
    ("get", "/articles/{id}", "One article, with its continuation on another page"),
    ("get", "/articles/{id}/ninjs", "One article as IPTC ninjs 3.0"),
    ("get", "/articles/{id}/corrections", "The corrections that made an article what it is (its history), and its page's revision"),
    (
        "post",
        "/articles/{id}/corrections",
        "Correct an article: split, merge, headline, byline, kind, move, hide (an editor's or the admin token; 409 when the page changed since `revision` or the field is corrected already)",
    ),
    ("get", "/pages/{id}/corrections", "Every correction of a page (undone and no longer applying ones too), and its revision"),
    ("post", "/corrections/{id}/undo", "Undo a correction: {\"revision\": N} or an empty body (an editor's or the admin token)"),
    ("get", "/search", "Search, with facets and paging"),
    ("get", "/people", "People named in the archive, the most named first"),
    ("get", "/people/{name}", "The people of a name: posts held over time and every mention"),
    ("get", "/posts/{post}", "Who held a post over time, and on a given day"),
    ("get", "/openapi.json", "This document"),
];

fn param(name: &str, place: &str, required: bool, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": place, "required": required, "description": description, "schema": schema})
}

fn parameters(path: &str, method: &str) -> Vec<Value> {
    let s = json!({"type": "string"});
    match (method, path) {
        (_, "/issues/{date}") => vec![
            param("date", "path", true, "YYYY-MM-DD", json!({"type": "string", "format": "date"})),
            param("paper", "query", false, "the paper, when several have an issue that day", s.clone()),
        ],
        (_, "/papers/{paper}/issues") => vec![param("paper", "path", true, "the paper's name", s.clone())],
        (_, "/papers/{paper}/issues/{date}") => vec![
            param("paper", "path", true, "the paper's name", s.clone()),
            param("date", "path", true, "YYYY-MM-DD", json!({"type": "string", "format": "date"})),
        ],
        (_, "/papers/{paper}/issues/{date}/doubtful") => vec![
            param("paper", "path", true, "the paper's name", s.clone()),
            param("date", "path", true, "YYYY-MM-DD", json!({"type": "string", "format": "date"})),
            param("limit", "query", false, "1..200, default 10", json!({"type": "integer"})),
        ],
        (_, "/pages/{id}/date") => vec![param("id", "path", true, "the page's id", json!({"type": "integer"}))],
        (_, "/pages/{id}/corrections") => vec![param("id", "path", true, "the page's id", json!({"type": "integer"}))],
        (_, "/corrections/{id}/undo") => {
            vec![param("id", "path", true, "the correction's id", json!({"type": "integer"}))]
        }
        (_, "/articles/{id}") | (_, "/articles/{id}/ninjs") | (_, "/articles/{id}/corrections") => {
            vec![param("id", "path", true, "article id", json!({"type": "integer"}))]
        }
        ("get", "/articles") => vec![
            param("limit", "query", false, "1..200, default 20", json!({"type": "integer"})),
            param("offset", "query", false, "articles to skip", json!({"type": "integer"})),
        ],
        ("get", "/people") => vec![
            param("q", "query", false, "names starting with this", s.clone()),
            param("limit", "query", false, "1..1000, default 100", json!({"type": "integer"})),
        ],
        (_, "/people/{name}") => vec![param("name", "path", true, "a name", s.clone())],
        (_, "/posts/{post}") => vec![
            param("post", "path", true, "a post: 区长, 区委书记", s.clone()),
            param(
                "on",
                "query",
                false,
                "YYYY-MM-DD: who held it that day",
                json!({"type": "string", "format": "date"}),
            ),
        ],
        ("get", "/search") => vec![
            param("q", "query", false, "the query (see the query language in /about)", s.clone()),
            param("from", "query", false, "2023, 2023-09 or 2023-09-18", s.clone()),
            param("to", "query", false, "2023, 2023-09 or 2023-09-18", s.clone()),
            param("page", "query", false, "page (版) number", s.clone()),
            param("kind", "query", false, "news, briefs, photo, notice, letter, commentary", s.clone()),
            param("reporter", "query", false, "a reporter, photographer or author", s.clone()),
            param("sort", "query", false, "relevance (default), newest, oldest", s.clone()),
            param("p", "query", false, "result page, from 1", s),
        ],
        _ => vec![],
    }
}

/// The OpenAPI document.
pub fn openapi() -> Value {
    let error = json!({"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let mut paths = serde_json::Map::new();
    for (method, path, summary) in ROUTES {
        let mut responses =
            json!({"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}});
        for code in ["400", "404", "500"] {
            responses[code] = error.clone();
        }
        if *method == "post" {
            for code in ["401", "403", "413", "429"] {
                responses[code] = error.clone();
            }
        }
        if *path == "/pages/{id}/date" || (*method == "post" && path.contains("corrections")) {
            responses["409"] = error.clone();
        }
        if *path == "/issues/{date}" && *method == "get" {
            responses["300"] = json!({"description": "several papers have an issue that day: `papers` lists them", "content": {"application/json": {"schema": {"type": "object"}}}});
        }
        let mut op = json!({"summary": summary, "parameters": parameters(path, method), "responses": responses});
        if *method == "post" {
            op["security"] = json!([{"bearer": []}]);
            op["requestBody"] = if *path == "/articles/{id}/corrections" {
                json!({"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Correction"}}}})
            } else if *path == "/corrections/{id}/undo" {
                json!({"required": false, "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"revision": {"type": "integer"}}}}}})
            } else if *path == "/pages/{id}/date" {
                json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["date"],
                    "properties": {"date": {"type": "string", "format": "date"}}}}}})
            } else {
                json!({"required": true, "content": {"text/plain": {"schema": {"type": "string"}}}})
            };
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "shuzibao 数字报 API", "version": env!("CARGO_PKG_VERSION")},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Correction": correction_schema(), "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "status": {"type": "integer"}, "message": {"type": "string"}}}}}}
        }
    })
}

/// The body of a correction: `op` and what that operation takes.
fn correction_schema() -> Value {
    let int = json!({"type": "integer", "minimum": 1});
    let s = json!({"type": "string"});
    let names = json!({"type": "array", "items": {"type": "string"}});
    let one = |op: &str, required: &[&str], props: Value| {
        let mut p = props;
        p["op"] = json!({"const": op});
        let mut req = vec!["op"];
        req.extend_from_slice(required);
        json!({"type": "object", "required": req, "properties": p})
    };
    json!({
        "description": "An edit of the article, by paragraph numbers (from 1) and article ids of the same page; `revision` is the page's revision read (GET …/corrections): another is a 409",
        "oneOf": [
            one("split", &["paragraph"], json!({"paragraph": int, "title": s})),
            one("merge", &["with"], json!({"with": int})),
            one("headline", &[], json!({"kicker": s, "title": s, "subtitle": s})),
            one("byline", &[], json!({"reporters": names, "photographers": names, "authors": names})),
            one("kind", &["kind"], json!({"kind": {"enum": ["news", "briefs", "photo", "notice", "letter", "commentary"]}})),
            one("move", &["paragraph", "to"], json!({"paragraph": int, "to": int})),
            one("hide", &[], json!({"paragraph": int})),
        ],
        "properties": {"revision": {"type": "integer"}}
    })
}
