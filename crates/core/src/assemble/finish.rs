//! Finishing an article: the markers at a paragraph's end, its kind, a
//! notice's 落款, an inferred title; not where it starts or ends.

use super::*;

/// Reads the end of the last paragraph: `(下转第2版)`, `(来源：…)`, `（记者 张三）`.
pub(super) fn read_paragraph_end(d: &mut Draft) {
    let several = d.paras.len() > 1;
    let Some(p) = d.paras.last_mut() else { return };
    loop {
        if let Some((page, at)) = continued_to(&p.text) {
            d.continued_to = Some(page);
            d.closed = true;
            p.text.truncate(at);
            continue;
        }
        if let Some((source, at)) = source_at_end(&p.text) {
            if at > 0 || several {
                d.source = Some(source);
                d.ended = true;
                p.text.truncate(at);
                continue;
            }
        }
        if let Some(c) = TRAILING_BYLINE.captures(&p.text) {
            let start = c.get(0).map_or(0, |m| m.start());
            if start > 0 && ends_sentence(&p.text[..start]) {
                if let Some(b) = parse_bracketed(&c[1]) {
                    d.byline.merge(b);
                    d.ended = true;
                    p.text.truncate(start);
                    continue;
                }
            }
        }
        break;
    }
    let trimmed = p.text.trim_end().len();
    p.text.truncate(trimmed);
    d.open = !p.text.is_empty() && !ends_sentence(&p.text) && p.role != ParagraphRole::Subheading;
    if p.text.is_empty() {
        d.paras.pop();
        d.open = false;
    }
}

/// The longest sentence that may only name who attended.
const ATTENDEES_CHARS: usize = 60;

/// How a report of a meeting, a visit or a ceremony closes: the last
/// sentence names, in one list, who else took part (`王甲、李乙等参加会见。`,
/// `…出席会议。`, `…陪同。`). Nothing of the report follows it.
const ATTENDED: &[&str] = &[
    "参加会见",
    "参加会谈",
    "参加会议",
    "参加活动",
    "参加上述活动",
    "参加仪式",
    "参加座谈",
    "参加座谈会",
    "出席会议",
    "出席活动",
    "出席上述活动",
    "出席仪式",
    "出席开幕式",
    "出席闭幕式",
    "出席座谈会",
    "陪同",
    "陪同会见",
    "陪同参观",
    "陪同考察",
    "陪同调研",
    "参加考察",
    "参加调研",
    "参加上述会见",
];

/// Whether a paragraph is the sentence that closes a report by naming who
/// else attended: one sentence, no clause before the list of names. Such a
/// sentence may also follow a report's lead, so it closes the report only
/// where a headline-like line stands right under it.
pub(super) fn names_attendees(text: &str) -> bool {
    let Some(body) = text.strip_suffix('。') else { return false };
    !body.contains(['，', '。', '；', ',', '：'])
        && char_len(text) <= ATTENDEES_CHARS
        && ATTENDED.iter().any(|w| body.ends_with(w))
}

impl Assembler<'_> {
    /// Whether the headline-like line `i` stands right under the sentence
    /// naming who attended (see [`names_attendees`]), and is not the first
    /// piece of a sentence a column break cut (its next line does not go on
    /// with a mark no line of text opens with).
    pub(super) fn under_attendees(&self, cur: &Draft, i: usize) -> bool {
        let attended = cur.paras.last().is_some_and(|p| p.role == ParagraphRole::Text && names_attendees(&p.text));
        let cut = self
            .units
            .get(i + 1)
            .is_some_and(|n| n.text.trim_start().starts_with(['、', '，', '。', '；', '：', '）', '”']));
        attended && !cut
    }
}

pub(super) use crate::lexicon::{LETTER_WORDS, NOTICE_WORDS};
pub(super) static COMMENTARY_WORDS: &[&str] = &["评论员", "社论", "短评", "时评", "述评"];

pub(super) fn guess_kind(d: &Draft, title: &str) -> ArticleKind {
    if let Some(k) = d.kind {
        return k;
    }
    let salutation = d.paras.first().is_some_and(|p| is_salutation(&p.text));
    if LETTER_WORDS.iter().any(|w| title.contains(w)) || salutation {
        ArticleKind::Letter
    } else if NOTICE_WORDS.iter().any(|w| title.ends_with(w) || title == *w) {
        ArticleKind::Notice
    } else if COMMENTARY_WORDS.iter().any(|w| title.contains(w)) {
        ArticleKind::Commentary
    } else {
        ArticleKind::News
    }
}

/// `居民朋友们:`, `亲爱的同学们：`, `尊敬的各位来宾：`.
pub(super) fn is_salutation(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with('：') || t.ends_with(':')) && (2..=16).contains(&char_len(t)) && !t.contains(['，', '。'])
}

/// Takes the 落款 (signing body, date) off the foot of a notice or letter.
pub(super) fn take_sign_off(d: &mut Draft) {
    for _ in 0..2 {
        let Some(last) = d.paras.last() else { return };
        let t = last.text.trim();
        let short = char_len(t) <= 24 && !ends_sentence(t) && !t.contains(['，', ',']);
        if !short || d.paras.len() < 2 {
            return;
        }
        if t.chars().filter(|c| is_han(*c)).count() < 2 {
            return;
        }
        d.byline.authors.push(Author { name: clean_inline(t), role: None });
        d.paras.pop();
    }
}

pub(super) fn infer_title(d: &Draft) -> String {
    let first = d.paras.iter().find(|p| p.role != ParagraphRole::Subheading).or(d.paras.first());
    let Some(p) = first else { return String::new() };
    let text = clean_inline(&p.text);
    let text = match d.dateline.as_deref() {
        Some(dl) => text.strip_prefix(dl).unwrap_or(&text).trim_start().to_string(),
        None => text,
    };
    let cut = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '，' | '！' | '？' | '；' | ',' | ';'))
        .map_or(text.len(), |(i, _)| i);
    let mut title: String = text[..cut].chars().take(24).collect();
    if title.len() < text.len() {
        title.push('…');
    }
    title
}

pub(super) fn finish(mut d: Draft, leftovers: &mut Vec<Leftover>) -> Option<Article> {
    if d.paras.is_empty() {
        if d.is_empty() {
            // only markers (a continuation from another page): kept as well
            if let (Some(span), Some(text)) = (d.span, d.from_marker.take()) {
                leftovers.push(Leftover {
                    text,
                    reason: "continuation marker with no text after it".to_string(),
                    span,
                });
            }
        } else {
            let span = d.span.unwrap_or_default();
            let text = d.heads.iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join(" ");
            let text = if text.is_empty() { d.column.clone().unwrap_or_default() } else { text };
            // with a byline or a source it took, the leftover is all its lines as printed
            let text = if d.source.is_some() || !d.byline.is_empty() { String::new() } else { text };
            leftovers.push(Leftover { text, reason: "headline or column label with no text".to_string(), span });
        }
        return None;
    }
    let mut headline = if d.heads.is_empty() {
        match &d.column {
            Some(label) => Headline { title: label.clone(), ..Headline::default() },
            None => Headline { title: infer_title(&d), inferred: true, ..Headline::default() },
        }
    } else {
        split_headline(&d.heads)
    };
    if headline.title.is_empty() {
        headline.title = infer_title(&d);
        headline.inferred = true;
    }
    let kind = guess_kind(&d, &headline.title);
    if matches!(kind, ArticleKind::Notice | ArticleKind::Letter) && d.signed_date.is_some() {
        take_sign_off(&mut d);
    }
    let dateline_text = d.dateline.clone();
    let paragraphs = d
        .paras
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            // keep the space that sets a dateline off from the text after it
            let text = match dateline_text
                .as_deref()
                .and_then(|dl| p.text.strip_prefix(dl).filter(|_| i == 0).map(|r| (dl, r)))
            {
                Some((dl, rest)) if rest.starts_with(char::is_whitespace) => {
                    format!("{dl} {}", clean_inline(rest))
                }
                _ => clean_inline(&p.text),
            };
            Paragraph { text, ..p }
        })
        .filter(|p| !p.text.is_empty())
        .collect();
    Some(Article {
        kind,
        column: d.column,
        headline,
        byline: d.byline,
        dateline: d.dateline,
        source: d.source,
        continued_to_page: d.continued_to,
        continued_from_page: d.continued_from,
        page: None,
        signed_date: d.signed_date,
        paragraphs,
        span: d.span.unwrap_or_default(),
        confidence: crate::model::Confidence::default(),
    })
}
