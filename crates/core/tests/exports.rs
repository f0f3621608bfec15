//! The sample issues as other tools export the same pages: the text laid out
//! otherwise (no Markdown marks, Windows line ends, headlines set
//! letter-spaced, punctuation of the other width, paragraphs broken at the
//! column's width) gives the same articles, headlines and text.
//! (`bench/parser/variants.py` does this on the shared corpus, with gold.)

use crate::common::samples;
use shuzibao_core::text::fold_width;
use shuzibao_core::Issue;

/// Each article's headline (kicker, title and subtitle in one) and text,
/// without white space and with full-width forms folded.
fn articles(issue: &Issue) -> Vec<(String, String)> {
    let fold = |s: &str| fold_width(s).chars().filter(|c| !c.is_whitespace()).collect::<String>();
    issue
        .articles
        .iter()
        .map(|a| {
            let h = &a.headline;
            let head =
                format!("{}{}{}", h.kicker.as_deref().unwrap_or(""), h.title, h.subtitle.as_deref().unwrap_or(""));
            (fold(&head), fold(&a.body()))
        })
        .collect()
}

fn heading(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start_matches('#');
    (body.len() < line.len() && body.starts_with(' ')).then(|| (&line[..line.len() - body.len()], body.trim()))
}

fn plain(text: &str) -> String {
    text.lines().map(|l| heading(l).map_or(l, |(_, body)| body)).collect::<Vec<_>>().join("\n")
}

fn crlf(text: &str) -> String {
    text.lines().collect::<Vec<_>>().join("\r\n")
}

/// Headings set with a space between their characters.
fn spaced(text: &str) -> String {
    let space = |s: &str| s.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ");
    text.lines()
        .map(|l| match heading(l) {
            Some((marks, body)) if !body.contains("http") => format!("{marks} {}", space(body)),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// ASCII punctuation as full-width, full-width as ASCII.
fn widths(text: &str) -> String {
    const PAIRS: [(char, char); 5] = [(',', '，'), (';', '；'), (':', '：'), ('(', '（'), (')', '）')];
    text.lines()
        .map(|l| {
            if l.contains("http") {
                return l.to_string();
            }
            l.chars()
                .map(|c| PAIRS.iter().find_map(|&(a, b)| (c == a).then_some(b).or((c == b).then_some(a))).unwrap_or(c))
                .collect()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paragraphs broken every `width` characters, one line break each.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for l in text.lines() {
        let chars: Vec<char> = l.trim().chars().collect();
        let running = chars.len() > 30 && heading(l).is_none() && l.contains(['，', '。', ',']);
        if running {
            out.extend(chars.chunks(width).map(|c| c.iter().collect::<String>()));
        } else {
            out.push(l.to_string());
        }
    }
    out.join("\n")
}

/// A way of exporting a page's text: its name and what it makes of the text.
type Export = (&'static str, fn(&str) -> String);

#[test]
fn other_exports_of_the_samples_give_the_same_articles() {
    let exports: [Export; 6] = [
        ("plain", plain),
        ("crlf", crlf),
        ("spaced", spaced),
        ("widths", widths),
        ("wrapped at 20", |t| wrapped(t, 20)),
        ("all at once", |t| crlf(&widths(&plain(&spaced(&wrapped(t, 23)))))),
    ];
    for (name, text) in samples() {
        let want = articles(&shuzibao_core::parse(&text));
        assert!(!want.is_empty(), "{name}");
        for (export, make) in exports {
            let got = articles(&shuzibao_core::parse(&make(&text)));
            assert_eq!(got, want, "{name} exported {export}");
        }
    }
}
