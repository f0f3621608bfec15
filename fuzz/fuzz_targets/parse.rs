//! Any bytes: decoding either fails with an error or yields text whose
//! parse never panics, claims only spans on char boundaries inside the text,
//! accounts for every non-blank line, and serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shuzibao_core::{lines::split_lines, Issue, Span};

fn spans(issue: &Issue) -> Vec<Span> {
    let mut v = Vec::new();
    if let Some(m) = &issue.masthead {
        v.push(m.span);
    }
    v.extend(issue.teasers.iter().map(|t| t.span));
    for a in &issue.articles {
        v.push(a.span);
        v.extend(a.paragraphs.iter().map(|p| p.span));
    }
    v.extend(issue.leftovers.iter().map(|l| l.span));
    v
}

fuzz_target!(|data: &[u8]| {
    let Ok((issue, decoded)) = shuzibao_core::parse_bytes(data) else { return };
    let text = &decoded.text;
    let spans = spans(&issue);
    for s in &spans {
        assert!(text.get(s.start..s.end).is_some(), "span {s:?} is not a slice of the text");
    }
    for line in split_lines(text) {
        assert!(
            spans.iter().any(|s| s.start <= line.span.start && line.span.end <= s.end),
            "line {:?} is in nothing the parser returned",
            line.text
        );
    }
    let json = shuzibao_core::json::to_string(&issue, None);
    assert!(json.starts_with('{'));
});
