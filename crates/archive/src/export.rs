//! Articles as other systems read them: IPTC ninjs 3.0 (news agencies' and
//! archives' JSON), and the names both it and the web edition give an
//! article's kind and its byline's people. One place, so that `shuzibao
//! export --format ninjs` and the web edition's ninjs are the same document.

use serde_json::{json, Value};
use shuzibao_store::ArticleRecord;

/// The Chinese name of an article's kind (消息, 简讯, 图片新闻…).
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "briefs" => "简讯",
        "photo" => "图片新闻",
        "notice" => "启事",
        "letter" => "致辞",
        "commentary" => "评论",
        _ => "消息",
    }
}

/// Everyone the byline names, each once, with their role: 记者, 摄影,
/// 通讯员, then signed authors with their post (署名 without one).
pub fn byline_people(a: &ArticleRecord) -> Vec<(String, String)> {
    let mut people: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, role: &str| {
        if !people.iter().any(|(n, _)| n == name) {
            people.push((name.to_string(), role.to_string()));
        }
    };
    for (names, role) in [(&a.reporters, "记者"), (&a.photographers, "摄影"), (&a.correspondents, "通讯员")] {
        for n in names {
            add(n, role);
        }
    }
    for au in &a.authors {
        add(&au.name, au.role.as_deref().unwrap_or("署名"));
    }
    people
}

/// Escapes text for XML and HTML (Atom feeds, ninjs' HTML body), dropping
/// the characters XML 1.0 does not allow at all.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The article as IPTC ninjs 3.0; `base` is the web edition's address
/// (its `uri` is relative without one).
pub fn ninjs(a: &ArticleRecord, base: &str) -> Value {
    let mut headlines = vec![json!({"role": "main", "value": a.title})];
    if let Some(k) = &a.kicker {
        headlines.push(json!({"role": "kicker", "value": k}));
    }
    if let Some(s) = &a.subtitle {
        headlines.push(json!({"role": "sub", "value": s}));
    }
    let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let html: String = texts.iter().map(|p| format!("<p>{}</p>", xml_escape(p))).collect();
    let people = byline_people(a);
    let roles: Vec<Value> = people
        .iter()
        .map(|(name, role)| {
            let rel = if role == "记者" || role == "摄影" { "creator" } else { "contributor" };
            json!({"name": name, "rel": rel, "role": role})
        })
        .collect();
    let date = a.date.map(|d| format!("{d}T00:00:00+08:00"));
    json!({
        "standard": {"name": "ninjs", "version": "3.0", "schema": "https://iptc.org/std/ninjs/ninjs-schema_3.0.json"},
        "uri": format!("{base}/articles/{}", a.id),
        "type": "text",
        "language": "zh-CN",
        "versioncreated": date,
        "firstcreated": date,
        "pubstatus": "usable",
        "headlines": headlines,
        "bodies": [
            {"role": "main", "contenttype": "text/html", "value": html},
            {"role": "plain", "contenttype": "text/plain", "value": texts.join("\n")}
        ],
        "by": people.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(" "),
        "people": roles,
        "located": a.dateline,
        "infosources": a.source.as_ref().map(|s| vec![json!({"name": s})]).unwrap_or_default(),
        "genres": [{"name": kind_label(&a.kind)}],
        "altids": [{"role": "shuzibao", "value": a.id.to_string()}],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_and_control_characters() {
        assert_eq!(xml_escape("<a href=\"x\">&'\u{1}"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    }
}
