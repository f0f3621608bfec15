//! The page's text and its [`Issue`]: the furniture, then every article in
//! reading order, written as the Markdown-ish text `shuzibao-core` reads
//! (`#` for the main title, `##` for kicker and subtitle, paragraphs indented
//! by two ideographic spaces, bold ones in `**`), and read by core's own
//! classification and assembly, so bylines, datelines, continuation markers,
//! sources and credits are read exactly as in text issues. Spans point into
//! that text.
//!
//! Not here: any geometry.

use shuzibao_core::{
    assemble::assemble, classify::classify, lines::split_lines, Article, Issue, Leftover, Paragraph, ParagraphRole,
};

/// One article's text as composed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleText {
    /// Headline lines, top to bottom, with their level (1 the main title).
    pub headline: Vec<(String, u8)>,
    /// Paragraphs with their boldness.
    pub paragraphs: Vec<(String, bool)>,
}

/// The issue read from the composed page: the issue, the text its spans
/// point into, and for each article of the issue the index of the
/// `articles` entry it came from.
pub fn compose(furniture: &[String], articles: &[ArticleText]) -> (Issue, String, Vec<usize>) {
    let mut text = String::new();
    for line in furniture {
        text.push_str(line);
        text.push('\n');
    }
    let furniture_end = text.len();
    let mut ranges = Vec::new();
    for a in articles {
        text.push('\n');
        let start = text.len();
        for (h, level) in &a.headline {
            text.push_str(&"#".repeat(usize::from(*level)));
            text.push(' ');
            text.push_str(h);
            text.push('\n');
        }
        text.push('\n');
        // a sub-heading cannot open the text (core would take it for the
        // headline of another article): there it is running text
        for (k, (p, bold)) in a.paragraphs.iter().enumerate() {
            if *bold && k > 0 {
                text.push_str(&format!("**{p}**\n"));
            } else {
                text.push_str(&format!("\u{3000}\u{3000}{p}\n"));
            }
        }
        ranges.push(start..text.len());
    }
    let mut issue = shuzibao_core::parse(&text[..furniture_end]);
    let mut stray = std::mem::take(&mut issue.articles);
    let all = split_lines(&text);
    let mut from = Vec::new();
    for (k, r) in ranges.iter().enumerate() {
        let mine: Vec<_> = all.iter().filter(|l| l.span.start >= r.start && l.span.end <= r.end).cloned().collect();
        let units = classify(&mine, false);
        let assembled = assemble(&units);
        issue.leftovers.extend(assembled.leftovers);
        issue.teasers.extend(assembled.teasers);
        let mut got = assembled.articles.into_iter();
        if let Some(mut first) = got.next() {
            for more in got {
                absorb(&mut first, more);
            }
            issue.articles.push(first);
            from.push(k);
        }
    }
    // what the furniture read as articles is not placed
    for a in stray.drain(..) {
        let t = text.get(a.span.start..a.span.end).unwrap_or_default().trim().to_string();
        issue.leftovers.push(Leftover { text: t, reason: "text among the page furniture".into(), span: a.span });
    }
    (issue, text, from)
}

/// Takes a second article core found in one laid-out article in as part of
/// the first: its headline becomes a sub-heading.
fn absorb(into: &mut Article, more: Article) {
    if !more.headline.inferred && !more.headline.title.is_empty() {
        let mut title = more.headline.title.clone();
        for extra in [&more.headline.kicker, &more.headline.subtitle].into_iter().flatten() {
            title.push(' ');
            title.push_str(extra);
        }
        into.paragraphs.push(Paragraph { text: title, role: ParagraphRole::Subheading, span: more.span });
    }
    into.paragraphs.extend(more.paragraphs);
    into.byline.merge(more.byline);
    into.dateline = into.dateline.take().or(more.dateline);
    into.source = into.source.take().or(more.source);
    into.continued_to_page = into.continued_to_page.or(more.continued_to_page);
    into.continued_from_page = into.continued_from_page.or(more.continued_from_page);
    into.signed_date = into.signed_date.take().or(more.signed_date);
    into.span = into.span.cover(more.span);
}
