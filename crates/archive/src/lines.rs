//! Where an article's text lines stand on its page: each line of the page
//! goes to the article whose region holds its middle, and is found in that
//! article's plain text ([`shuzibao_store::plain_text`]: kicker, title,
//! subtitle, paragraphs, white space aside), so that a word found in the
//! text can be marked on the page image. A line whose text the parser
//! changed beyond white space (a byline taken out of the text, a marker
//! read into a field) is not found and not kept; a line whose text comes
//! twice is taken at its first place after the line before, else at its
//! first place.

use shuzibao_core::Article;
use shuzibao_pdf::Rect;
use shuzibao_store::{plain_text, LineBox};

/// How far (points) a line's middle may stand outside a region that still
/// holds it: regions are drawn tight around their lines.
const SLACK: f32 = 1.0;

/// The lines of each article (parallel to `articles` and `regions`), from
/// the page's `lines` (each its box and text).
pub fn article_lines(articles: &[Article], regions: &[Vec<Rect>], lines: &[(Rect, String)]) -> Vec<Vec<LineBox>> {
    let mut mine: Vec<Vec<&(Rect, String)>> = vec![Vec::new(); articles.len()];
    for line in lines {
        let (cx, cy) = ((line.0.x0 + line.0.x1) / 2.0, (line.0.y0 + line.0.y1) / 2.0);
        let holds = |r: &Rect| cx >= r.x0 - SLACK && cx <= r.x1 + SLACK && cy >= r.y0 - SLACK && cy <= r.y1 + SLACK;
        if let Some(k) = regions.iter().take(articles.len()).position(|rs| rs.iter().any(holds)) {
            mine[k].push(line);
        }
    }
    articles
        .iter()
        .zip(mine)
        .map(|(a, mut ls)| {
            ls.sort_by(|p, q| p.0.y0.total_cmp(&q.0.y0).then(p.0.x0.total_cmp(&q.0.x0)));
            place_lines(a, &ls)
        })
        .collect()
}

/// The lines of one article found in its plain text.
fn place_lines(a: &Article, lines: &[&(Rect, String)]) -> Vec<LineBox> {
    let h = &a.headline;
    let parts = h.kicker.as_deref().into_iter().chain([h.title.as_str()]).chain(h.subtitle.as_deref());
    let text: Vec<char> = plain_text(parts.chain(a.paragraphs.iter().map(|p| p.text.as_str()))).chars().collect();
    let mut out = Vec::new();
    let mut cursor = 0;
    for (rect, line) in lines {
        let needle: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
        if needle.is_empty() {
            continue;
        }
        let Some((at, len)) = locate(&text, &needle, cursor) else { continue };
        cursor = at + len;
        out.push(LineBox::new(rect.x0, rect.y0, rect.x1, rect.y1, at as u32));
    }
    out
}

/// Where a line's text is in `text` (its start and length): whole, else
/// without up to half of its first characters (a dateline or a byline the
/// parser took out), else without up to half of its last ones.
fn locate(text: &[char], needle: &[char], cursor: usize) -> Option<(usize, usize)> {
    let anywhere = |n: &[char]| find(text, n, cursor).or_else(|| find(text, n, 0));
    if let Some(at) = anywhere(needle) {
        return Some((at, needle.len()));
    }
    // (a short line cut shorter would be found anywhere)
    let half = if needle.len() >= 4 { needle.len() / 2 } else { 0 };
    (1..=half)
        .find_map(|k| anywhere(&needle[k..]).map(|at| (at, needle.len() - k)))
        .or_else(|| (1..=half).find_map(|k| anywhere(&needle[..needle.len() - k]).map(|at| (at, needle.len() - k))))
}

/// The first place of `needle` in `text` at or after `from`.
fn find(text: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.len() > text.len() {
        return None;
    }
    (from..=text.len() - needle.len()).find(|&i| text[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    #[test]
    fn each_line_goes_to_the_article_that_holds_it_at_its_place_in_the_text() {
        let issue = shuzibao_core::parse(
            "# 老街焕发新活力\n\n　　本报讯 老街改造工程日前全面完工，沿街商铺陆续开门迎客。\n\n# 夜市烟火气\n\n　　入夜，示例区的夜市灯火通明。\n",
        );
        assert_eq!(issue.articles.len(), 2);
        let regions = vec![vec![rect(20.0, 20.0, 300.0, 200.0)], vec![rect(20.0, 220.0, 300.0, 400.0)]];
        let lines = vec![
            (rect(30.0, 250.0, 200.0, 262.0), "夜市烟火气".to_string()),
            (rect(30.0, 40.0, 200.0, 60.0), "老街焕发新活力".to_string()),
            (rect(30.0, 80.0, 280.0, 92.0), "本报讯 老街改造工程日前全面完工，".to_string()),
            (rect(30.0, 94.0, 280.0, 106.0), "沿街商铺陆续开门迎客。".to_string()),
            (rect(30.0, 270.0, 280.0, 282.0), "入夜，示例区的夜市灯火通明。".to_string()),
            // a page header outside every region, a line the text does not hold
            (rect(30.0, 5.0, 280.0, 15.0), "第2版 要闻".to_string()),
            (rect(30.0, 120.0, 280.0, 132.0), "这一行不在正文里".to_string()),
        ];
        let got = article_lines(&issue.articles, &regions, &lines);
        let starts: Vec<Vec<(u16, u32)>> = got.iter().map(|ls| ls.iter().map(|l| (l.y0, l.start)).collect()).collect();
        // 老街焕发新活力 (7) 本报讯老街改造工程日前全面完工， (16) 沿街…
        assert_eq!(starts, vec![vec![(40, 0), (80, 7), (94, 23)], vec![(250, 0), (270, 5)]]);
    }
}
