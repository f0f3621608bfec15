//! Spans: every span slices the input on char boundaries, paragraphs point
//! at their own text, and every line of the input is covered by something
//! the parser returned (masthead, page header, teaser, article or leftover).

use crate::common::{cases, samples};
use shuzibao_core::{lines::split_lines, parse, Issue, Span};

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '#').collect()
}

/// All spans the issue claims, as (what, span).
pub fn spans(issue: &Issue) -> Vec<(&'static str, Span)> {
    let mut v = Vec::new();
    if let Some(m) = &issue.masthead {
        v.push(("masthead", m.span));
    }
    if let Some(h) = &issue.page_header {
        v.push(("page header", h.span));
    }
    v.extend(issue.teasers.iter().map(|t| ("teaser", t.span)));
    for a in &issue.articles {
        v.push(("article", a.span));
        v.extend(a.paragraphs.iter().map(|p| ("paragraph", p.span)));
    }
    v.extend(issue.leftovers.iter().map(|l| ("leftover", l.span)));
    v
}

/// Panics unless every non-blank line of `text` lies in some span of `issue`.
pub fn assert_every_line_covered(name: &str, text: &str, issue: &Issue) {
    let spans = spans(issue);
    for (what, s) in &spans {
        assert!(s.start <= s.end && s.end <= text.len(), "{name}: {what} span {s:?} out of bounds");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{name}: {what} span {s:?} splits a char"
        );
    }
    for line in split_lines(text) {
        let covered = spans.iter().any(|(_, s)| s.start <= line.span.start && line.span.end <= s.end);
        assert!(covered, "{name}: line {:?} at {:?} is in nothing the parser returned", line.text, line.span);
    }
}

#[test]
fn every_line_of_every_fixture_is_accounted_for() {
    for (name, text) in samples().into_iter().chain(cases()) {
        assert_every_line_covered(&name, &text, &parse(&text));
    }
}

#[test]
fn paragraph_spans_hold_the_paragraph() {
    for (name, text) in samples().into_iter().chain(cases()) {
        for a in parse(&text).articles {
            for p in &a.paragraphs {
                let raw = squash(&text[p.span.start..p.span.end]);
                let own = squash(&p.text);
                let head: String = own.chars().take(6).collect();
                let tail: String = own.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
                assert!(
                    raw.contains(&head) && raw.contains(&tail),
                    "{name}: paragraph {:?} not in its span {:?}",
                    p.text,
                    raw
                );
            }
        }
    }
}

#[test]
fn byte_offsets_not_char_offsets() {
    // Every character here is three bytes in UTF-8: a char offset would be a third of these.
    let text = "## 区领导走访调研\n\n□ 记者 刘坤\n\n9月14日上午，区委书记带队走访调研。\n";
    let issue = parse(text);
    let p = &issue.articles[0].paragraphs[0];
    assert_eq!(&text[p.span.start..p.span.end], "9月14日上午，区委书记带队走访调研。");
    assert_eq!(p.span.start, text.find("9月").unwrap());
}
