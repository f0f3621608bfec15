//! Features in parts: a series title over parts whose headlines are set
//! alike (each perhaps signed), and sub-headings that have a sibling; not
//! the start of an unrelated article (that is `Assembler::head_role`).

use super::*;

/// Most characters of a column's label over readers' letters (`建议`,
/// `身边事`, `百姓关注·便民举措不便民`) and of a letter's one-line title.
const LETTERS_LABEL_CHARS: usize = 12;
const LETTER_TITLE_CHARS: usize = 20;
/// Most lines a letter's text takes before its signature.
const LETTER_LINES: usize = 40;

/// Whether `text`, over a letter's title, reads as the label of a column
/// of letters: short, no sentence, no column tag, no kicker's dash.
fn letters_label(text: &str) -> bool {
    let t = text.trim();
    char_len(t) <= LETTERS_LABEL_CHARS
        && !t.contains(['，', '。', '：', '；', ',', ':'])
        && !t.ends_with('—')
        && !has_column_tag(t)
}

/// Makes `d`, a letter under its column's label, the column: the label
/// its title, the first letter's title its first sub-heading.
pub(super) fn open_letters(d: &mut Draft) {
    if !d.letters && d.heads.len() == 2 {
        let title = d.heads.remove(1);
        let span = if d.head_spans.len() == 2 { d.head_spans.remove(1) } else { d.span.unwrap_or_default() };
        d.paras.insert(0, Paragraph { text: title.text, role: ParagraphRole::Subheading, span });
    }
    d.letters = true;
    d.ended = false;
}

impl Assembler<'_> {
    /// Whether the line `i` titles the next piece of a column of readers'
    /// letters or short signed commentaries, each piece signed with its
    /// writer's place and name (`浙江某某市 王甲`) at its foot or under its
    /// title: the article is such a piece under a short label (`建议`,
    /// `来论` over its title) or already a column of them, the line is one
    /// short title with no column tag, and its piece is signed so too (the
    /// text under it ends with a signature before any other headline or
    /// byline, or the signature stands right under it). A page of readers'
    /// letters prints each column so: the paper's article is the column.
    /// Gives the index after the title.
    pub(super) fn next_letter(&self, cur: &Draft, i: usize) -> Option<usize> {
        let u = &self.units[i];
        let title = u.text.trim();
        let column = cur.letters
            || (cur.heads.len() == 2
                && letters_label(&cur.heads[0].text)
                && !cur.paras.iter().any(|p| p.role == ParagraphRole::Subheading));
        if !column || cur.closed || cur.open || u.level > 0 || self.group_end(i) != i + 1 {
            return None;
        }
        if char_len(title) > LETTER_TITLE_CHARS || ends_sentence(title) || has_column_tag(title) {
            return None;
        }
        let place_signature =
            |n: &Unit| matches!(n.kind, UnitKind::Signature(_)) && parse_place_signature(&n.text).is_some();
        // signed under the title, as the piece before it was
        let signed_under = self.units.get(i + 1).is_some_and(place_signature)
            && self.units.get(i + 2).is_some_and(|n| n.kind == UnitKind::Text);
        let first_signed_under = !cur.letters && !cur.byline.authors.is_empty() && cur.byline.reporters.is_empty();
        if signed_under && (cur.letters || first_signed_under) {
            return Some(i + 1);
        }
        // signed at the foot, as the piece before it was
        let signed = cur.paras.last().is_some_and(|p| parse_place_signature(&p.text).is_some());
        if !cur.ended || !signed {
            return None;
        }
        let mut text = 0;
        for n in self.units.iter().skip(i + 1).take(LETTER_LINES) {
            match &n.kind {
                UnitKind::Text | UnitKind::Item => text += 1,
                UnitKind::Signature(_) if text > 0 && place_signature(n) => return Some(i + 1),
                _ => return None,
            }
        }
        None
    }

    /// Whether the headline-like group `i..j` inside the text of `cur` has a
    /// sibling: an earlier sub-heading of `cur`, or a later line heading a
    /// part of the same text (before anything that starts or ends an
    /// article), set the same way. The sub-headings of one feature are set
    /// alike (`竹椅木桌 原汁原味`, `新茶新客 热闹依旧`; lead-ins ending in
    /// `——`); an article's title seldom repeats the shape of a line in the
    /// text before it.
    pub(super) fn has_sibling(&self, cur: &Draft, i: usize, j: usize) -> bool {
        const LOOKAHEAD: usize = 80;
        let Some(shape) = head_shape(&self.units[i..j]) else {
            return false;
        };
        if cur.sub_shapes.iter().any(|s| sibling_alike(s, &shape)) {
            return true;
        }
        let mut k = j;
        while k < self.units.len().min(j + LOOKAHEAD) {
            let u = &self.units[k];
            match u.kind {
                UnitKind::Text | UnitKind::Item => {
                    if ends_article(&u.text) {
                        return false;
                    }
                    k += 1;
                }
                UnitKind::BoxLabel => k += 1,
                UnitKind::Head if u.level == 0 && !u.bold => {
                    if self.strong_start(k) {
                        return false;
                    }
                    let e = self.group_end(k);
                    if head_shape(&self.units[k..e]).is_some_and(|s| sibling_alike(&s, &shape)) {
                        return true;
                    }
                    k = e;
                }
                _ => return false,
            }
        }
        false
    }

    /// Where the headline group at `i` ends, when it heads the next part of
    /// the feature `cur`: a feature in parts (a series title over reports
    /// from several places) gives each part a headline set like the first
    /// part's and a byline of its own, and its text opens with no dateline.
    pub(super) fn next_part(&self, cur: &Draft, i: usize) -> Option<usize> {
        let parted = cur.heads.len() >= 2 || !cur.sub_shapes.is_empty();
        if cur.closed || cur.paras.is_empty() || cur.byline.is_empty() || !parted || self.units[i].level > 0 {
            return None;
        }
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        // (a part's text may open with a bullet: `■……`)
        let opens_text = self
            .units
            .get(k)
            .is_some_and(|t| matches!(t.kind, UnitKind::Text | UnitKind::Item) && !starts_with_dateline(&t.text));
        if k == j || !opens_text {
            return None;
        }
        let shape = signed_shape(&self.units[i..j])?;
        let like_first =
            cur.heads.iter().skip(1).any(|h| line_shape(&h.text).is_some_and(|s| signed_parts_alike(&s, &shape)));
        (like_first || cur.sub_shapes.iter().any(|s| signed_parts_alike(s, &shape))).then_some(j)
    }

    /// Where the headline group at `i` ends, when it heads the first part of
    /// the feature `cur`: a series title with a short introduction and no
    /// byline of its own, then parts each under a headline set alike and
    /// signed (`家乡的早点` / intro / `巷口“豆花摊”` / `甜咸都相宜` / byline).
    pub(super) fn first_part(&self, cur: &Draft, i: usize) -> Option<usize> {
        const MAX_INTRO_PARAS: usize = 2;
        // an introduction the editors sign (`——编者`, `编者按`) may run longer
        const MAX_NOTE_PARAS: usize = 8;
        let noted = || cur.paras.len() <= MAX_NOTE_PARAS && cur.paras.iter().any(|p| is_editors_note(&p.text));
        let intro = !cur.heads.is_empty() && (cur.paras.len() <= MAX_INTRO_PARAS || noted());
        if cur.closed || !intro || !cur.byline.is_empty() || !cur.sub_shapes.is_empty() || self.units[i].level > 0 {
            return None;
        }
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        let shape = signed_shape(&self.units[i..j])?;
        (k > j && self.later_part_alike(k, &shape, true)).then_some(j)
    }

    /// A series title over the first part of a feature in parts, in one
    /// group (`节日走一线 岗位见真情` / `城西火车站32名客运员——` /
    /// `全员不休假`, or `年货·灯会` / `四川自贡` / `千盏彩灯照古城`, then a
    /// byline), when a later part is set alike: where the part's headline
    /// begins (`m`), the group ends (`j`), and the part's shape.
    pub(super) fn series_split(&self, i: usize) -> Option<(usize, usize, Shape)> {
        let j = self.group_end(i);
        // parts signed each by its reporter, or lead-ins that name whom each part is about
        let k = self.bylines_end(j);
        let signed = k > j;
        (i + 1..j).find_map(|m| {
            let shape = if signed { signed_shape(&self.units[m..j])? } else { head_shape(&self.units[m..j])? };
            ((shape == Shape::LeadIn || signed) && self.later_part_alike(k, &shape, signed)).then_some((m, j, shape))
        })
    }

    /// Whether the one-line headline group `i`, inside the text of `cur`,
    /// stands over parts each signed (`某大学` / `标题` / `王甲`, and the next
    /// part set alike) that are not set like the parts of `cur`: the title
    /// of a new feature in parts, not a sub-heading of `cur`.
    pub(super) fn opens_signed_parts(&self, cur: &Draft, i: usize) -> bool {
        let j = i + 1;
        // (a line naming whom a quote is from, `——某某`, is no title)
        let t = self.units[i].text.trim();
        if cur.paras.is_empty() || t.starts_with('—') || ends_sentence(t) {
            return false;
        }
        if !self.units.get(j).is_some_and(|u| u.kind == UnitKind::Head && u.level == 0) {
            return false;
        }
        // the cheap sign first: a byline within reach of the part's headline
        let byline_near = self.units[j + 1..]
            .iter()
            .take(MAX_HEAD_LINES + 1)
            .any(|u| matches!(u.kind, UnitKind::Byline(_) | UnitKind::Signature(_) | UnitKind::Names(_)));
        if !byline_near {
            return false;
        }
        let e = self.group_end(j);
        let k = self.bylines_end(e);
        let Some(shape) = signed_shape(&self.units[j..e]).filter(|_| k > e) else {
            return false;
        };
        let like_cur = cur.sub_shapes.iter().any(|s| signed_parts_alike(s, &shape));
        !like_cur && self.later_part_alike(k, &shape, true)
    }

    /// Whether the next headline after `k` (before anything else that is
    /// not text) heads a part set like `shape`, signed as the first part is.
    pub(super) fn later_part_alike(&self, k: usize, shape: &Shape, signed: bool) -> bool {
        const LOOKAHEAD: usize = 80;
        let mut n = k;
        while n < self.units.len().min(k + LOOKAHEAD) {
            let u = &self.units[n];
            match u.kind {
                UnitKind::Text | UnitKind::Item | UnitKind::BoxLabel => n += 1,
                // an exclamation or a question is most likely a sentence of the text
                UnitKind::Head if u.level == 0 && exclaims(&u.text) => n += 1,
                UnitKind::Head if u.level == 0 => {
                    let e = self.group_end(n);
                    let group = &self.units[n..e];
                    let bylined = self.bylines_end(e) > e;
                    // a line with no byline under it between signed parts is
                    // a sub-heading of the part before
                    if signed && !bylined && e - n == 1 && !has_column_tag(&u.text) {
                        n = e;
                        continue;
                    }
                    return if signed {
                        signed_shape(group).is_some_and(|s| signed_parts_alike(&s, shape))
                    } else {
                        head_shape(group).is_some_and(|s| part_alike(&s, shape))
                    } && bylined == signed;
                }
                _ => return false,
            }
        }
        false
    }

    /// The bylines `j..k` under a headline, as one.
    pub(super) fn bylines_in(&self, j: usize, k: usize) -> Byline {
        let mut byline = Byline::default();
        for u in &self.units[j..k] {
            match &u.kind {
                UnitKind::Byline(b) => byline.merge(b.clone()),
                UnitKind::Signature(a) => byline.authors.push(a.clone()),
                UnitKind::Names(n) => byline.merge(Byline { reporters: n.clone(), ..Byline::default() }),
                _ => {}
            }
        }
        byline
    }

    /// Opens a feature in parts: the series title `i..m` is its headline, the
    /// first part's headline `m..j` its first sub-headings, and the part's
    /// bylines its byline. Returns the index after them.
    pub(super) fn start_series(&mut self, i: usize, m: usize, j: usize, shape: Shape) -> usize {
        self.column = None;
        let heads = self.units[i..m].iter().map(|u| HeadLine { text: u.text.clone(), level: u.level }).collect();
        let head_spans = self.units[i..m].iter().map(|u| u.span).collect();
        let mut d = Draft { heads, head_spans, sub_shapes: vec![shape], ..Draft::default() };
        d.touch(self.units[i].span.cover(self.units[m - 1].span));
        self.drafts.push(d);
        for part in &self.units[m..j] {
            self.add_paragraph(part, ParagraphRole::Subheading);
        }
        let k = self.bylines_end(j);
        let byline = self.bylines_in(j, k);
        if let Some(d) = self.drafts.last_mut() {
            d.byline.merge(byline);
            d.touch(self.units[j..k].iter().fold(self.units[m].span, |s, u| s.cover(u.span)));
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::subheadings;
    use crate::parse;

    /// A made-up page of readers' letters: a column under a short label,
    /// each letter a one-line title, its text and its writer's place and name.
    fn letters(label: &str) -> String {
        format!(
            "{label}\n\n公交站台应加装雨棚\n\n示例区不少公交站台没有雨棚，下雨天候车的老人只能站在雨里。\n\n\
             建议有关部门加装雨棚，方便群众出行。\n\n示例省示例市\u{a0}王甲\n\n\
             小区快递柜收费应规范\n\n一些小区的快递柜超时收费，居民意见不小。\n\n\
             建议有关部门加强监管，规范收费行为。\n\n示例省某某县\u{a0}李乙\n\n\
             老旧电梯亟待更新（身边事）\n\n示例小区的电梯已经用了二十多年，经常出故障。\n"
        )
    }

    #[test]
    fn a_column_of_letters_under_its_label_is_one_article() {
        let issue = parse(&letters("建议"));
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["建议", "老旧电梯亟待更新（身边事）"], "{:#?}", issue.articles);
        let column = &issue.articles[0];
        assert_eq!(subheadings(column), ["公交站台应加装雨棚", "小区快递柜收费应规范"]);
        assert!(column.body().contains("某某县"), "{}", column.body());
        assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
    }

    #[test]
    fn a_column_of_pieces_signed_under_their_titles_is_one_article() {
        // made-up page: a column of short commentaries, each signed under its
        // title with its writer's place and name, then an unsigned report
        let text = "来论\n\n少开会多办事\n\n示例省某某区\u{a0}王甲\n\n会议少了，干部下基层的时间多了。\n\n\
                    减负不是减责任，要把省下的精力用在办实事上。\n\n\
                    家访贵在用心\n\n示例省某某县\u{a0}李乙\n\n干部家访，要听真话、办实事，不能走过场。\n\n\
                    城里过年也热闹\n\n今年春节，不少外来务工人员留在城里过年，社区为他们准备了年夜饭。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["来论", "城里过年也热闹"], "{:#?}", issue.articles);
        let column = &issue.articles[0];
        assert_eq!(subheadings(column), ["少开会多办事", "家访贵在用心"]);
        assert!(column.body().contains("不能走过场"), "{}", column.body());
    }

    #[test]
    fn a_line_over_parts_each_signed_heads_a_feature_of_its_own() {
        // made-up page: a report with sub-headings, then a title over parts
        // each set as a school, a title and its writer's name
        let text = "这个寒假很温暖\n\n寒假到了，各地高校为学生准备了不少暖心举措，学生们都很开心。\n\n\
                    路费有人管\n\n不少学校为家庭困难的学生报销回家的路费，让他们安心回家过年。\n\n\
                    今年寒假怎么过\n\n示例大学\n\n关爱基金报销路费\n\n林 芳\n\n\
                    ■学校设立关爱基金，为家庭困难的学生报销回家路费。\n\n\
                    某某学院\n\n年货带回家\n\n王 欢\n\n■学校为留校学生准备了年货。\n";
        let issue = parse(text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["这个寒假很温暖", "今年寒假怎么过"], "{:#?}", issue.articles);
        let feature = &issue.articles[1];
        let writers: Vec<&str> = feature.byline.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(writers, ["林芳", "王欢"]);
        assert!(feature.body().starts_with("示例大学"), "{}", feature.body());
    }

    #[test]
    fn letters_under_a_long_kicker_stay_apart() {
        // a kicker that is a sentence is no column's label: each letter is
        // an article of its own
        let issue = parse(&letters("群众反映的问题，有关部门正在抓紧解决——"));
        assert_eq!(issue.articles.len(), 3, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "小区快递柜收费应规范");
    }
}
