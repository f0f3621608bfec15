//! Applying corrections to a page's articles: pure, no database. The
//! articles as the parser made them ([`Piece`]s: each article with its
//! regions and text lines on a PDF page) and the corrections in the order
//! they were made give the corrected articles and, for each correction,
//! whether it applied ([`Applied`]).
//!
//! Each correction finds its paragraphs and articles by their text
//! ([`super::ParagraphAnchor`]): the same text, white space aside, else
//! the paragraph opening with the same words (a paragraph edited further
//! on in a new version of the page); of several, the one nearest where it
//! was. A correction whose text is gone, or whose article no longer opens
//! with the paragraph it opened with, does not apply and says why; the
//! others go on. A correction the parse already satisfies (a split where the
//! parser now splits) applies and changes nothing.
//!
//! On a PDF page the lines of each paragraph go with it, and the regions
//! (hot zones) of an article that was split, merged or given or robbed of a
//! paragraph are drawn again around its lines (see `regions.rs`).

use super::{squeeze, ArticleAnchor, Operation, ParagraphAnchor, MIN_HEAD_CHARS};
use crate::{plain_text, LineBox, Region};
use shuzibao_core::{Article, Author, Byline, Headline, Paragraph, Span};

/// One article of a page with where it stands on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The article.
    pub article: Article,
    /// Its regions (empty for a page read from text).
    pub regions: Vec<Region>,
    /// Its text lines (empty for a page read from text), their starts in
    /// its plain text ([`crate::plain_text`]).
    pub lines: Vec<LineBox>,
    /// The corrections that changed it, by id.
    pub corrections: Vec<i64>,
}

impl Piece {
    /// An article as the parser made it.
    pub fn new(article: Article, regions: Vec<Region>, lines: Vec<LineBox>) -> Piece {
        Piece { article, regions, lines, corrections: Vec::new() }
    }
}

/// The corrected articles and what became of each correction.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The articles, corrected, in reading order.
    pub pieces: Vec<Piece>,
    /// For each correction given, in order: its id and why it no longer
    /// applies (`None`: it applied).
    pub outcomes: Vec<(i64, Option<String>)>,
}

/// Applies `corrections` (id, operation; in the order they were made) to
/// the articles of a page.
pub fn apply(pieces: Vec<Piece>, corrections: &[(i64, Operation)]) -> Applied {
    let mut works: Vec<Work> = pieces.into_iter().map(Work::from_piece).collect();
    let mut outcomes = Vec::with_capacity(corrections.len());
    for (id, op) in corrections {
        let outcome = match apply_one(&mut works, op) {
            Ok(touched) => {
                for i in touched {
                    if let Some(w) = works.get_mut(i) {
                        if !w.corrections.contains(id) {
                            w.corrections.push(*id);
                        }
                    }
                }
                None
            }
            Err(why) => Some(why),
        };
        outcomes.push((*id, outcome));
    }
    Applied { pieces: works.into_iter().map(Work::into_piece).collect(), outcomes }
}

/// An article being corrected: its lines split by the part of it they
/// show, so that they follow their paragraph.
#[derive(Debug, Clone)]
struct Work {
    article: Article,
    regions: Vec<Region>,
    /// Lines of the headline (starts in the article's plain text).
    head_lines: Vec<LineBox>,
    /// Lines of each paragraph (starts from the paragraph's start).
    para_lines: Vec<Vec<LineBox>>,
    corrections: Vec<i64>,
    /// Its paragraphs changed: its regions are drawn again.
    reshaped: bool,
}

impl Work {
    fn from_piece(p: Piece) -> Work {
        let starts = para_starts(&p.article);
        let head = starts.first().copied().unwrap_or(u32::MAX);
        let mut para_lines = vec![Vec::new(); p.article.paragraphs.len()];
        let mut head_lines = Vec::new();
        for l in p.lines {
            match starts.iter().rposition(|s| *s <= l.start) {
                Some(k) if l.start >= head => para_lines[k].push(LineBox { start: l.start - starts[k], ..l }),
                _ => head_lines.push(l),
            }
        }
        Work {
            article: p.article,
            regions: p.regions,
            head_lines,
            para_lines,
            corrections: p.corrections,
            reshaped: false,
        }
    }

    fn into_piece(self) -> Piece {
        let starts = para_starts(&self.article);
        let mut lines = self.head_lines;
        for (k, ls) in self.para_lines.into_iter().enumerate() {
            let s = starts.get(k).copied().unwrap_or(0);
            lines.extend(ls.into_iter().map(|l| LineBox { start: l.start + s, ..l }));
        }
        let regions = if self.reshaped && !lines.is_empty() { super::regions::of_lines(&lines) } else { self.regions };
        Piece { article: self.article, regions, lines, corrections: self.corrections }
    }

    fn title(&self) -> &str {
        &self.article.headline.title
    }

    /// Takes paragraph `k` out, with its lines.
    fn take(&mut self, k: usize) -> (Paragraph, Vec<LineBox>) {
        self.reshaped = true;
        let lines = if k < self.para_lines.len() { self.para_lines.remove(k) } else { Vec::new() };
        (self.article.paragraphs.remove(k), lines)
    }

    /// Puts a paragraph in at `k`, with its lines.
    fn put(&mut self, k: usize, p: Paragraph, lines: Vec<LineBox>) {
        self.reshaped = true;
        self.para_lines.insert(k.min(self.para_lines.len()), lines);
        self.article.paragraphs.insert(k, p);
    }

    /// The span from its first paragraph to its last, when they have spans.
    fn respan(&mut self) {
        let known: Vec<Span> = self.article.paragraphs.iter().map(|p| p.span).filter(|s| !s.is_empty()).collect();
        if let (Some(first), Some(last)) = (known.iter().map(|s| s.start).min(), known.iter().map(|s| s.end).max()) {
            self.article.span = Span::new(first, last);
        }
    }
}

/// Where each paragraph starts in the article's plain text (characters);
/// the headline comes first.
fn para_starts(a: &Article) -> Vec<u32> {
    let h = &a.headline;
    let mut at = plain_text([h.kicker.as_deref().unwrap_or(""), &h.title, h.subtitle.as_deref().unwrap_or("")])
        .chars()
        .count() as u32;
    let mut starts = Vec::with_capacity(a.paragraphs.len());
    for p in &a.paragraphs {
        starts.push(at);
        at += plain_text([p.text.as_str()]).chars().count() as u32;
    }
    starts
}

/// Applies one operation; returns the articles it touched (their indices
/// after it), or why it does not apply (then nothing changed).
fn apply_one(works: &mut Vec<Work>, op: &Operation) -> Result<Vec<usize>, String> {
    match op {
        Operation::Split { at, title } => {
            let (w, k) = find_paragraph(works, at)?;
            if k == 0 {
                return Ok(Vec::new()); // the parse opens an article there already
            }
            let old = &mut works[w];
            let mut paragraphs = Vec::new();
            let mut lines = Vec::new();
            while old.article.paragraphs.len() > k {
                let (p, l) = old.take(k);
                paragraphs.push(p);
                lines.push(l);
            }
            let mut article = Article {
                headline: Headline {
                    kicker: None,
                    title: title.clone().unwrap_or_else(|| inferred_title(&paragraphs[0].text)),
                    subtitle: None,
                    inferred: title.is_none(),
                },
                byline: Byline::default(),
                dateline: None,
                source: None,
                continued_from_page: None,
                paragraphs,
                ..old.article.clone()
            };
            // a 下转 is printed at the article's foot: it goes with the second part
            old.article.continued_to_page = None;
            old.respan();
            if article.paragraphs.iter().all(|p| p.span.is_empty()) {
                article.span = old.article.span;
            }
            let mut new = Work {
                article,
                regions: if lines.iter().all(Vec::is_empty) { old.regions.clone() } else { Vec::new() },
                head_lines: Vec::new(),
                para_lines: lines,
                corrections: old.corrections.clone(),
                reshaped: true,
            };
            new.respan();
            works.insert(w + 1, new);
            Ok(vec![w, w + 1])
        }
        Operation::Merge { article, with } => {
            let a = find_article(works, article)?;
            let b = match &with.first {
                Some(first) => {
                    let (b, k) = find_paragraph(works, first)?;
                    if b == a {
                        return Ok(Vec::new()); // one article in this parse already
                    }
                    if k != 0 {
                        return Err(not_opening(&with.title, &first.head, works[b].title()));
                    }
                    b
                }
                None => find_article(works, with)?,
            };
            if a == b {
                return Ok(Vec::new());
            }
            let gone = works.remove(b);
            let a = if b < a { a - 1 } else { a };
            let into = &mut works[a];
            for (p, l) in gone.article.paragraphs.into_iter().zip(gone.para_lines) {
                let end = into.article.paragraphs.len();
                into.put(end, p, l);
            }
            into.article.byline.merge(gone.article.byline);
            if into.article.continued_to_page.is_none() {
                into.article.continued_to_page = gone.article.continued_to_page;
            }
            into.article.span = into.article.span.cover(gone.article.span);
            into.regions.extend(gone.regions);
            for id in gone.corrections {
                if !into.corrections.contains(&id) {
                    into.corrections.push(id);
                }
            }
            Ok(vec![a])
        }
        Operation::Headline { article, kicker, title, subtitle } => {
            let a = find_article(works, article)?;
            works[a].article.headline =
                Headline { kicker: kicker.clone(), title: title.clone(), subtitle: subtitle.clone(), inferred: false };
            Ok(vec![a])
        }
        Operation::Byline { article, reporters, photographers, authors } => {
            let a = find_article(works, article)?;
            let b = &mut works[a].article.byline;
            b.reporters = reporters.clone();
            b.photographers = photographers.clone();
            b.authors = authors
                .iter()
                .map(|name| {
                    let role = b.authors.iter().find(|x| &x.name == name).and_then(|x| x.role.clone());
                    Author { name: name.clone(), role }
                })
                .collect();
            Ok(vec![a])
        }
        Operation::Kind { article, kind } => {
            let a = find_article(works, article)?;
            works[a].article.kind = *kind;
            Ok(vec![a])
        }
        Operation::Move { paragraph, to } => {
            let (w, k) = find_paragraph(works, paragraph)?;
            let t = find_article(works, to)?;
            if w == t {
                return Ok(Vec::new()); // the parse has it there already
            }
            if works[w].article.paragraphs.len() == 1 {
                return Err(format!(
                    "paragraph “{}…” is all that is left of 《{}》: merge the article instead",
                    paragraph.head,
                    works[w].title()
                ));
            }
            let (p, l) = works[w].take(k);
            works[w].respan();
            let target = &mut works[t];
            // in reading order where the raw text says, else at the end
            let at = if p.span.is_empty() {
                target.article.paragraphs.len()
            } else {
                target
                    .article
                    .paragraphs
                    .iter()
                    .take_while(|q| q.span.is_empty() || q.span.start < p.span.start)
                    .count()
            };
            target.put(at, p, l);
            target.respan();
            Ok(vec![w, t])
        }
        Operation::HideArticle { article } => {
            let a = find_article(works, article)?;
            works.remove(a);
            Ok(Vec::new())
        }
        Operation::HideParagraph { paragraph } => {
            let (w, k) = find_paragraph(works, paragraph)?;
            if works[w].article.paragraphs.len() == 1 {
                return Err(format!(
                    "paragraph “{}…” is all there is of 《{}》: hide the article instead",
                    paragraph.head,
                    works[w].title()
                ));
            }
            works[w].take(k);
            works[w].respan();
            Ok(vec![w])
        }
    }
}

/// The title of a part split off without one: its first words, marked inferred.
fn inferred_title(text: &str) -> String {
    let t: String = text.trim().chars().take_while(|c| !"。！？；".contains(*c)).take(20).collect();
    if t.is_empty() {
        text.trim().chars().take(20).collect()
    } else {
        t
    }
}

fn find_paragraph(works: &[Work], anchor: &ParagraphAnchor) -> Result<(usize, usize), String> {
    locate(works.iter().map(|w| &w.article), anchor)
        .ok_or_else(|| format!("paragraph “{}…” is no longer on the page", anchor.head))
}

/// The same text first, else the same opening words; of several, the
/// nearest to where it was.
fn locate<'a>(articles: impl Iterator<Item = &'a Article>, anchor: &ParagraphAnchor) -> Option<(usize, usize)> {
    let mut same = Vec::new();
    let mut like = Vec::new();
    for (i, a) in articles.enumerate() {
        for (k, p) in a.paragraphs.iter().enumerate() {
            let found = ParagraphAnchor::of(&p.text, None);
            if found.hash == anchor.hash {
                same.push((i, k, p.span));
            } else if anchor.head.chars().count() >= MIN_HEAD_CHARS && squeeze(&p.text).starts_with(&anchor.head) {
                like.push((i, k, p.span));
            }
        }
    }
    let candidates = if same.is_empty() { like } else { same };
    let distance = |s: &Span| match (anchor.at, s.is_empty()) {
        (Some(at), false) => s.start.abs_diff(at),
        _ => usize::MAX,
    };
    candidates.iter().min_by_key(|(i, k, s)| (distance(s), *i, *k)).map(|(i, k, _)| (*i, *k))
}

/// The index of an anchored article: the one its first paragraph opens,
/// else (an article without paragraphs) the one of its title.
pub(crate) fn find_article_in(pieces: &[Piece], anchor: &ArticleAnchor) -> Result<usize, String> {
    let articles: Vec<&Article> = pieces.iter().map(|p| &p.article).collect();
    article_index(&articles, anchor)
}

fn find_article(works: &[Work], anchor: &ArticleAnchor) -> Result<usize, String> {
    let articles: Vec<&Article> = works.iter().map(|w| &w.article).collect();
    article_index(&articles, anchor)
}

fn article_index(articles: &[&Article], anchor: &ArticleAnchor) -> Result<usize, String> {
    match &anchor.first {
        Some(first) => {
            let (i, k) = locate(articles.iter().copied(), first).ok_or_else(|| {
                format!(
                    "article 《{}》 is no longer on the page (its paragraph “{}…” is gone)",
                    anchor.title, first.head
                )
            })?;
            if k == 0 {
                Ok(i)
            } else {
                Err(not_opening(&anchor.title, &first.head, &articles[i].headline.title))
            }
        }
        None => articles
            .iter()
            .position(|a| a.headline.title == anchor.title)
            .ok_or_else(|| format!("article 《{}》 is no longer on the page", anchor.title)),
    }
}

fn not_opening(title: &str, head: &str, inside: &str) -> String {
    format!("article 《{title}》 no longer opens with “{head}…”: that paragraph is now inside 《{inside}》")
}

#[cfg(test)]
mod tests {
    use super::*;
    use shuzibao_core::{ArticleKind, ParagraphRole};

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            kind: ArticleKind::News,
            column: None,
            headline: Headline { title: title.into(), ..Headline::default() },
            byline: Byline::default(),
            dateline: None,
            source: None,
            continued_to_page: None,
            continued_from_page: None,
            page: None,
            signed_date: None,
            paragraphs: paragraphs
                .iter()
                .map(|t| Paragraph { text: t.to_string(), role: ParagraphRole::Text, span: Span::default() })
                .collect(),
            span: Span::default(),
            confidence: shuzibao_core::Confidence::default(),
        }
    }

    fn anchor(a: &Article) -> ArticleAnchor {
        ArticleAnchor {
            title: a.headline.title.clone(),
            first: a.paragraphs.first().map(|p| ParagraphAnchor::of(&p.text, None)),
        }
    }

    #[test]
    fn a_paragraph_edited_further_on_is_found_by_its_opening_words() {
        let pieces = vec![Piece::new(
            article("河边步道贯通", &["滨江步道昨日全线贯通，市民可沿江散步十公里。", "沿途新设驿站六座。"]),
            vec![],
            vec![],
        )];
        let at = ParagraphAnchor::of("滨江步道昨日全线贯通，市民可沿江散步八公里。", None);
        let done = apply(pieces, &[(1, Operation::Split { at, title: None })]);
        // the first paragraph: a split there is satisfied, nothing changes
        assert_eq!(done.outcomes, vec![(1, None)]);
        assert_eq!(done.pieces.len(), 1);
    }

    #[test]
    fn a_correction_whose_paragraph_is_gone_says_so_and_the_others_apply() {
        let a = article("旧书市集", &["周末旧书市集在公园开市。", "摊主多为附近居民。"]);
        let b = article("社区跑团", &["跑团每周三晚集合。"]);
        let gone = ParagraphAnchor::of("这一段已经不在版面上了，编辑改过的文字。", None);
        let ops = vec![
            (1, Operation::HideParagraph { paragraph: gone }),
            (2, Operation::Merge { article: anchor(&a), with: anchor(&b) }),
        ];
        let done = apply(vec![Piece::new(a, vec![], vec![]), Piece::new(b, vec![], vec![])], &ops);
        assert!(done.outcomes[0].1.as_deref().unwrap().contains("no longer on the page"), "{:?}", done.outcomes);
        assert_eq!(done.outcomes[1], (2, None));
        assert_eq!(done.pieces.len(), 1);
        assert_eq!(done.pieces[0].article.paragraphs.len(), 3);
        assert_eq!(done.pieces[0].corrections, vec![2]);
    }

    #[test]
    fn lines_follow_their_paragraph_and_regions_are_drawn_around_them() {
        let a = article("两条新闻", &["第一条新闻的文字", "第二条新闻的文字"]);
        // title 4 chars, then 8 and 8
        let lines = vec![
            LineBox { x0: 10, y0: 10, x1: 100, y1: 20, start: 0 },
            LineBox { x0: 10, y0: 22, x1: 100, y1: 32, start: 4 },
            LineBox { x0: 10, y0: 200, x1: 100, y1: 210, start: 12 },
        ];
        let region = Region { x0: 10.0, y0: 10.0, x1: 100.0, y1: 210.0 };
        let at = ParagraphAnchor::of("第二条新闻的文字", None);
        let done = apply(
            vec![Piece::new(a, vec![region], lines)],
            &[(5, Operation::Split { at, title: Some("第二条".into()) })],
        );
        assert_eq!(done.pieces.len(), 2);
        let (first, second) = (&done.pieces[0], &done.pieces[1]);
        assert_eq!(first.lines.len(), 2);
        assert_eq!(second.lines, vec![LineBox { x0: 10, y0: 200, x1: 100, y1: 210, start: 3 }]);
        assert_eq!(second.regions, vec![Region { x0: 10.0, y0: 200.0, x1: 100.0, y1: 210.0 }]);
        assert!(first.regions[0].y1 <= 32.0, "{:?}", first.regions);
        assert_eq!(second.article.headline.title, "第二条");
        assert_eq!(second.corrections, vec![5]);
    }
}
