//! Line classification: what each line of a page is, seen on its own.
//!
//! Turns [`Line`]s into [`Unit`]s: a byline, a column label, a continuation
//! marker, a source, a teaser, a bulleted item, a date alone, a headline
//! candidate or running text. A line that holds two things (a headline and
//! the start of its text, `共谋发展向前看 区区合作再出发 本报讯 1月11日…`) is
//! split in two. Only what a line *is* is decided here; which article it
//! belongs to is [`crate::assemble`]'s work, with the context this module lacks.

use crate::byline::{
    parse_byline, parse_names_only, parse_place_signature, parse_signature, picture_and_words, strip_bullet,
};
use crate::headline::looks_like_headline;
use crate::lexicon::{column_kind, is_box_label};
use crate::lines::Line;
use crate::markers::{continued_from, continued_to, cut_lead, source_line, starts_with_dateline};
use crate::model::{ArticleKind, Author, Byline, Span};
use crate::teaser::{parse_split_teaser, parse_teaser};
use crate::text::re;
use crate::text::{char_len, cut_line_signs, fold_width, join_broken_lines, squash, unspace_letters};
use regex::Regex;
use std::sync::LazyLock;

/// What a unit is.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    /// Running text.
    Text,
    /// A line that could be a headline (or a sub-heading).
    Head,
    /// A byline line: `□ 记者 刘坤 陈文卿`.
    Byline(Byline),
    /// A signature with a post: `徐汇区区长 钟晓咏`.
    Signature(Author),
    /// Names alone, with no role word: `刘坤 陈文卿`.
    Names(Vec<String>),
    /// A column label: `大字新闻`, `图片新闻`, `小启`.
    Column(ArticleKind),
    /// A Markdown heading naming a section of stories headed at a deeper
    /// level (`## 详细新闻` over `### …` stories): their column.
    Section,
    /// A box label inside an article: `核心阅读`, `编者按`.
    BoxLabel,
    /// A bulleted item: `□ 1月11日下午,…`.
    Item,
    /// `(下转第N版)` alone on its line.
    ContinuedTo(u32),
    /// `(上接第N版)` alone on its line.
    ContinuedFrom(u32),
    /// `(来源：…)` alone on its line.
    Source(String),
    /// A front-page teaser.
    Teaser(Vec<u32>, String),
    /// A date alone on its line, as at the foot of a notice: `2024年1月1日`.
    Date,
    /// Page credits: `版式设计：郭明`, `本版制图：张晓`.
    Credit,
}

/// One classified piece of the page: usually a line, sometimes part of one.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// What it is.
    pub kind: UnitKind,
    /// Its text (for an item, without the bullet).
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Markdown heading level, 0 for none.
    pub level: u8,
    /// The line was bold.
    pub bold: bool,
    /// The line began with an indent.
    pub indented: bool,
}

static DATE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:19|20)[0-9]{2}|二〇[〇一二三四五六七八九]{2})年[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}日)?$",
    )
});
/// Where a headline printed on the same line as its text ends: before a dateline.
static INLINE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\s(?:本报讯|本报[\p{Han}]{0,8}?[0-9]{1,2}月[0-9]{1,2}日(?:电|讯)|(?:据)?新华社[\p{Han}]{0,8}?[0-9]{1,2}月[0-9]{1,2}日电)",
    )
});
/// Page credits printed at the foot of a text: `版式设计：郭明`, `本版制图：张晓`;
/// the credit of the pictures a text shows, its role word led by what
/// the pictures are (`剧照摄影：某某`, `示意图制图：某某`), with names alone
/// after it; where its pictures or figures come from (`图片来源：某某图库`,
/// `数据来源：某某局`, `图片由某某博物馆提供`); and the prompt to scan the
/// code printed beside it (`观看视频，请扫描二维码`); where to send
/// contributions (`栏目投稿邮箱：`, `来稿请寄：name@example.com`, an address
/// alone) — set bold and centred under a text as often as not, never a
/// sub-heading or a headline.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:本版|本期)?(?:版式设计|版式|制图|美编|责任编辑|责编|编辑|统筹|本版统筹|策划|校对|图片编辑|设计|图表|数据来源|资料来源|图片来源|照片来源)\s*[：:]|\p{Han}{1,4}(?:摄影|制图|绘图|插图)\s*[：:]\s*[\p{Han}·・、\s]{2,30}$|(?:图片|照片|图表?)由[^。！？，]{2,40}提供$|[^。！？]{0,16}扫描?二维码[^。！？]{0,12}$|\p{Han}{0,6}(?:邮箱|信箱|请寄|投稿)\s*[：:]\s*[\x21-\x7e]*$|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$)",
    )
});
/// Whether a line is a credit (see `CREDIT`): `版式设计：郭明`.
pub fn is_credit(text: &str) -> bool {
    CREDIT.is_match(text)
}

/// A role word alone on a line, closing the names on the line above: `摄影报道`.
static SUFFIX_ROLE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:摄影报道|摄影|摄|图文报道|报道)$"));

/// Classifies the lines of a page. `front_page` allows teasers.
pub fn classify(lines: &[Line<'_>], front_page: bool) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::with_capacity(lines.len());
    let mut skip_next = false;
    for (i, line) in lines.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let text = line.text;
        // a front page's teaser with its pages alone over its title
        if front_page {
            if let Some(next) = lines.get(i + 1) {
                if let Some((pages, title)) = parse_split_teaser(text, next.text) {
                    let mut u = unit(UnitKind::Teaser(pages, title), text, line.span.cover(next.span), line);
                    u.text = format!("{} {}", text, next.text);
                    units.push(u);
                    skip_next = true;
                    continue;
                }
            }
        }
        // `刘坤 陈文卿` / `摄影报道`: the role word closes the line above.
        // (four characters at most: other lines are not copied to be asked)
        let short = text.chars().filter(|c| !c.is_whitespace()).take(5).count() <= 4;
        if short && SUFFIX_ROLE_LINE.is_match(&squash(text)) {
            if let Some(prev) = units.last_mut() {
                let joined = format!("{} {}", prev.text, squash(text));
                if let Some(b) = parse_byline(&joined) {
                    prev.kind = UnitKind::Byline(b);
                    prev.text = joined;
                    prev.span = prev.span.cover(line.span);
                    continue;
                }
            }
        }
        if let Some((head, rest)) = split_inline_headline(line) {
            units.push(head);
            units.push(rest);
            continue;
        }
        units.push(classify_line(line, front_page));
    }
    kickers_trailing_off(&mut units);
    section_headings(&mut units);
    writers_under_titles(&mut units);
    units
}

/// A name alone on its line between a title and its text signs the text
/// (`避免技术异化教育` / `王甲` / text): the writer of a commentary or of
/// one part of a feature, never a title of its own. The name reads as a
/// person's (see [`crate::byline::parse_lone_name`]); a heading mark or
/// bold keeps a line a headline, and an indent text.
fn writers_under_titles(units: &mut [Unit]) {
    for k in 1..units.len().saturating_sub(1) {
        let plain = |u: &Unit| u.level == 0 && !u.bold && !u.indented;
        let (above, u, below) = (&units[k - 1], &units[k], &units[k + 1]);
        let text_below = matches!(below.kind, UnitKind::Text | UnitKind::Item);
        if above.kind != UnitKind::Head || u.kind != UnitKind::Head || !text_below {
            continue;
        }
        // (a name under a letter's last words and over the note on its
        // writer is the letter's signature at its foot, left to assembly:
        // the line above it is no title)
        let closing = crate::text::ends_sentence(&above.text) || below.text.trim_start().starts_with(['（', '(']);
        if !plain(above) || !plain(u) || closing {
            continue;
        }
        if let Some(name) = crate::byline::parse_lone_name(&u.text) {
            units[k].kind = UnitKind::Signature(Author { name, role: None });
        }
    }
}

/// A Markdown heading right over a heading of a deeper level, when that
/// deeper level heads two stories or more before the next heading of its
/// own level (`## 详细新闻` over `### 标题一` … `### 标题二`), names a section
/// of the page, not a story: the column of the stories under it. Not when
/// either is set with a dash: a kicker (`……——`) over its title, or a title
/// over its subtitle (`——……`), is one headline whose sub-headings follow.
fn section_headings(units: &mut [Unit]) {
    for i in 0..units.len() {
        let level = units[i].level;
        if level == 0 || units[i].kind != UnitKind::Head {
            continue;
        }
        // (a kicker over its title, or a title over its `——` subtitle, is one headline)
        let dash = |t: &str| t.starts_with(['—', '-']) || t.ends_with(['—', '-']);
        let Some(next) = units
            .get(i + 1)
            .filter(|n| n.kind == UnitKind::Head && n.level > level && !dash(&n.text) && !dash(&units[i].text))
        else {
            continue;
        };
        let deeper = next.level;
        let stories = units[i + 1..]
            .iter()
            .take_while(|u| u.level == 0 || u.level > level)
            .filter(|u| u.kind == UnitKind::Head && u.level == deeper)
            .take(2)
            .count();
        if stories == 2 {
            units[i].kind = UnitKind::Section;
        }
    }
}

/// A kicker may trail off into its title (`夜市亮起了灯，小店排起了队……` /
/// `街区夜经济，如何更有烟火气`): a short line ending in an ellipsis, with no
/// full stop, standing right over a headline is a headline line too.
fn kickers_trailing_off(units: &mut [Unit]) {
    const MAX_KICKER_CHARS: usize = 30;
    for i in 1..units.len() {
        let (before, after) = units.split_at_mut(i);
        let (k, title) = (&mut before[i - 1], &after[0]);
        let title_like = title.kind == UnitKind::Head && !title.text.ends_with('—') && title.level == k.level;
        if title_like
            && k.kind == UnitKind::Text
            && k.text.ends_with("……")
            && !k.indented
            && char_len(&k.text) <= MAX_KICKER_CHARS
            && !k.text.contains(['。', '！', '？', '!', '?'])
        {
            k.kind = UnitKind::Head;
        }
    }
}

fn unit(kind: UnitKind, text: &str, span: Span, line: &Line<'_>) -> Unit {
    // (a piece of HTML keeps its words, not its inline tags and entities;
    // in any other text a tag-like string is the page's text)
    let text = if line.html { crate::html::strip_inline(text).into_owned() } else { text.to_string() };
    Unit { kind, text, span, level: line.heading, bold: line.bold, indented: line.indented }
}

fn classify_line(line: &Line<'_>, front_page: bool) -> Unit {
    // a line printed letter-spaced (a headline, a signature set wide) is
    // read, and kept, joined: running text is never set that way; and so
    // are the printed lines of a paragraph
    let joined = if line.text.contains('\n') {
        // a paragraph's printed lines, joined
        Some(join_broken_lines(line.text))
    } else {
        unspace_letters(line.text)
    };
    let text = joined.as_deref().unwrap_or(line.text);
    let span = line.span;
    // (a series' long tag after a headline does not make it long)
    let n = char_len(crate::headline::without_series_tag(text));
    // a line a column break cut (`（作者为某大学`, `本报北京2月1`), or the
    // rest of one (`、市长王甲`, `研究院教授）`), is text, never a byline or
    // a headline
    // (a long line that is no item is text whatever it holds: not read)
    let long_text = n > 60 && !strip_bullet(text).0;
    // a web archive's link to the story's page says where it came from
    if let Some(address) = crate::html::link_alone(text) {
        return unit(UnitKind::Source(address.to_string()), text, span, line);
    }
    if line.heading == 0 && !long_text && (cut_line_signs(text) != (false, false) || cut_lead(text)) {
        return unit(UnitKind::Text, text, span, line);
    }
    // Every rule below but the last reads short lines only; a paragraph of
    // running text skips them all.
    if n > 60 {
        let kind = if line.heading > 0 {
            UnitKind::Head
        } else if strip_bullet(text).0 {
            UnitKind::Item
        } else {
            UnitKind::Text
        };
        return unit(kind, text, span, line);
    }
    if text.contains('版') {
        if let Some((page, 0)) = continued_to(text) {
            return unit(UnitKind::ContinuedTo(page), text, span, line);
        }
        if let Some((page, len)) = continued_from(text) {
            if len >= text.trim_end().len() {
                return unit(UnitKind::ContinuedFrom(page), text, span, line);
            }
        }
    }
    if let Some(source) = source_line(text) {
        return unit(UnitKind::Source(source), text, span, line);
    }
    if n <= 12 {
        if let Some(kind) = column_kind(text) {
            return unit(UnitKind::Column(kind), text, span, line);
        }
        if is_box_label(text) || (text.starts_with('【') && text.ends_with('】')) {
            return unit(UnitKind::BoxLabel, text, span, line);
        }
    }
    if n <= 20 && text.contains('年') && DATE_ALONE.is_match(&squash(&fold_width(text))) {
        return unit(UnitKind::Date, text, span, line);
    }
    // a cartoon's credits close its text and stay with it, as page credits do
    if picture_and_words(text).is_some() {
        return unit(UnitKind::Credit, text, span, line);
    }
    if let Some(b) = parse_byline(text) {
        return unit(UnitKind::Byline(b), text, span, line);
    }
    // (a signature reads its post and name apart by the space between them,
    // or, set letter-spaced, by where the post ends: asked as printed)
    let signature = parse_signature(text).or_else(|| joined.as_ref().and_then(|_| parse_signature(line.text)));
    if let Some(a) = signature.or_else(|| parse_place_signature(text)) {
        return unit(UnitKind::Signature(a), text, span, line);
    }
    // a front page's teasers may open with a bullet (`◆标题（2版）`)
    if front_page {
        if let Some((pages, title)) = parse_teaser(text) {
            return unit(UnitKind::Teaser(pages, title), text, span, line);
        }
    }
    // a line marked as a heading is one even with a bullet (`## ■ 副题`)
    if strip_bullet(text).0 && line.heading == 0 {
        return unit(UnitKind::Item, text, span, line);
    }
    if let Some(names) = parse_names_only(text) {
        if line.heading == 0 && names.len() >= 2 {
            return unit(UnitKind::Names(names), text, span, line);
        }
    }
    // A line wholly in brackets closes or glosses a text: `（作者为…）`,
    // `（本系列评论到此结束）`, `（本报华盛顿2月13日电）`.
    let bracketed = (text.starts_with('（') && text.ends_with('）')) || (text.starts_with('(') && text.ends_with(')'));
    if bracketed && line.heading == 0 {
        return unit(UnitKind::Text, text, span, line);
    }
    if CREDIT.is_match(text) {
        return unit(UnitKind::Credit, text, span, line);
    }
    if line.heading > 0 || line.bold || looks_like_headline(text) {
        return unit(UnitKind::Head, text, span, line);
    }
    unit(UnitKind::Text, text, span, line)
}

/// Splits `共谋发展向前看 区区合作再出发 本报讯 1月11日上午,…` into a headline
/// and its text, when the part before the dateline reads as a headline.
fn split_inline_headline(line: &Line<'_>) -> Option<(Unit, Unit)> {
    if !(line.text.contains("本报") || line.text.contains("新华社")) || starts_with_dateline(line.text) {
        return None;
    }
    // a paragraph's printed lines are read joined (`本报` / `讯`)
    let joined = line.text.contains('\n').then(|| join_broken_lines(line.text));
    let text = joined.as_deref().unwrap_or(line.text);
    let m = INLINE_DATELINE.find(text)?;
    let head = text[..m.start()].trim_end();
    let body = text[m.start()..].trim_start();
    if head.is_empty() || !looks_like_headline(head) || char_len(body) < 10 {
        return None;
    }
    let head_end = line.span.start + offset_in_raw(line.text, text, head.len());
    let body_start = line.span.start + offset_in_raw(line.text, text, text.len() - body.len());
    let head_unit = unit(UnitKind::Head, head, Span::new(line.span.start, head_end), line);
    let body_unit = Unit {
        kind: UnitKind::Text,
        text: body.to_string(),
        span: Span::new(body_start, line.span.end),
        level: 0,
        bold: false,
        indented: false,
    };
    Some((head_unit, body_unit))
}

/// Where byte `at` of `joined`, `raw` with some of its white space taken
/// out (see [`join_broken_lines`]), stands in `raw`.
fn offset_in_raw(raw: &str, joined: &str, at: usize) -> usize {
    let mut chars = raw.char_indices().peekable();
    for c in joined[..at].chars() {
        while chars.next_if(|&(_, r)| r != c && r.is_whitespace()).is_some() {}
        chars.next();
    }
    chars.peek().map_or(raw.len(), |&(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_markup_only_in_pieces_of_html() {
        let lines = crate::lines::split_lines(
            "<p>本报讯 <strong>示例</strong>正文一段&ldquo;引语&rdquo;。</p>\n文中写到<strong>标签</strong>的用法。\n",
        );
        let units = classify(&lines, false);
        assert_eq!(units.len(), 2, "{units:?}");
        assert!(units[0].text.contains("示例正文一段“引语”"), "{}", units[0].text);
        assert!(units[1].text.contains("<strong>标签</strong>"), "text the page printed: {}", units[1].text);
    }
    use crate::lines::split_lines;

    fn kinds(text: &str) -> Vec<UnitKind> {
        classify(&split_lines(text), true).into_iter().map(|u| u.kind).collect()
    }

    #[test]
    fn a_name_alone_between_a_title_and_its_text_signs_it() {
        let k = kinds("让书香飘满社区\n\n王甲\n\n社区书屋开张以来，居民们常来借书读书。\n");
        assert!(matches!(&k[1], UnitKind::Signature(a) if a.name == "王甲" && a.role.is_none()), "{k:?}");
        // a word is no name; a name under a letter's last words and over
        // the note on its writer does not sign a title
        let k = kinds("让书香飘满社区\n\n丰收\n\n社区书屋开张以来，居民们常来借书读书。\n");
        assert_eq!(k[1], UnitKind::Head);
        let k = kinds("衷心祝愿家乡越来越好！\n\n王甲\n\n（作者为示例公司职员）\n");
        assert!(!matches!(&k[1], UnitKind::Signature(_)), "{k:?}");
    }

    #[test]
    fn a_headline_with_a_series_long_tag_is_no_long_text() {
        let k = kinds(
            "某某集团结合主题教育开展技术攻关——\n\n打通堵点，激活发展新动能（守初心 担使命 找差距 抓落实·深入开展“某某某某”主题教育·整改落实）\n\n正文一段，讲述攻关的经过和成效。\n",
        );
        assert_eq!(k[..2], [UnitKind::Head, UnitKind::Head], "{k:?}");
        // running text closing on a long bracket is still text
        let k = kinds("会上，各单位负责人逐一汇报了今年以来的工作进展和下一步打算，并就存在的问题作了深入分析（会议材料另发，请各单位注意查收并及时反馈意见）\n");
        assert_eq!(k, [UnitKind::Text]);
    }

    #[test]
    fn a_line_set_letter_spaced_is_read_joined() {
        let units =
            classify(&split_lines("## 2 0 2 4 年 新 年 贺 词\n\n某 某 区 区 长 王 大 明\n\n正文一段。\n"), false);
        assert_eq!(units[0].text, "2024年新年贺词");
        assert_eq!(units[0].kind, UnitKind::Head);
        assert!(matches!(&units[1].kind, UnitKind::Signature(a) if a.name == "王大明"), "{:?}", units[1]);
    }

    #[test]
    fn a_headline_run_in_with_its_text_over_printed_lines() {
        let input = "示例区召开全体大会 本报\n讯 昨天上午，示例区召开全体大会，部署工作。\n";
        let line = Line {
            text: input.trim_end(),
            raw: input.trim_end(),
            span: Span::new(0, input.trim_end().len()),
            ..split_lines("x")[0].clone()
        };
        let (head, body) = split_inline_headline(&line).unwrap();
        assert_eq!(head.text, "示例区召开全体大会");
        assert_eq!(&input[head.span.start..head.span.end], "示例区召开全体大会");
        assert!(input[body.span.start..body.span.end].starts_with("本报\n讯"), "{:?}", &input[body.span.start..]);
        assert!(body.text.starts_with("本报讯"));
    }

    #[test]
    fn a_pictures_credit_set_bold_is_a_credit_not_a_sub_heading() {
        let k = kinds("示例舞剧的启示\n\n　　舞剧演出结束了。\n**剧照摄影：王小明**\n**资料图片摄影：李华  赵一**\n");
        assert_eq!(k[2..], [UnitKind::Credit, UnitKind::Credit]);
        // a sub-heading that merely opens with such a word stays one
        let k = kinds("示例舞剧的启示\n\n　　舞剧演出结束了。\n**现场摄影：见证每一个瞬间的人们。**\n");
        assert_eq!(k[2], UnitKind::Head);
    }

    #[test]
    fn where_the_pictures_come_from_is_a_credit_not_a_headline() {
        let k = kinds(
            "示例古城的春天\n\n清晨，古城的街巷里开满了花。\n\n图片来源：示例图库\n\n图片由示例博物馆提供\n\n\
             观看视频，请用手机扫描二维码\n",
        );
        assert_eq!(k[2..], [UnitKind::Credit, UnitKind::Credit, UnitKind::Credit]);
        // a flat page: the credit stays with the text above, and starts nothing
        let issue = crate::parse(
            "示例古城的春天\n\n清晨，古城的街巷里开满了花。\n\n图片来源：示例图库\n\n\
                                  公园里的早市\n\n早市上，菜农们摆开了新鲜的蔬菜。\n",
        );
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert!(issue.articles[0].body().ends_with("图片来源：示例图库"), "{}", issue.articles[0].body());
        assert_eq!(issue.articles[1].headline.title, "公园里的早市");
    }

    #[test]
    fn where_to_send_contributions_is_a_credit_and_closes_the_text() {
        let k = kinds("示例专栏\n\n清晨，古城的街巷里开满了花。\n\n栏目投稿邮箱：\n\nexample@example.com\n\n来稿请寄：letters@example.cn\n");
        assert_eq!(k[2..], [UnitKind::Credit, UnitKind::Credit, UnitKind::Credit]);
        // a flat page: the label and the address, left open by the colon,
        // do not run on into the next article's headline
        let issue = crate::parse(
            "细节里见作风（示例专栏）\n\n作风建设，要从一顿饭、一张桌抓起。\n\n（作者为本报记者）\n\n栏目投稿邮箱：\n\n\
             example@example.com\n\n各地深化改革，加快职能转变\n\n街巷更整洁 居民更舒心\n\n\
             示例市深化改革，群众办事时间压缩一半。\n",
        );
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert!(issue.articles[0].body().ends_with("example@example.com"), "{}", issue.articles[0].body());
        assert_eq!(issue.articles[1].headline.title, "街巷更整洁 居民更舒心");
    }

    #[test]
    fn a_kicker_trailing_off_over_a_title_is_a_headline_line() {
        let k = kinds("夜市亮起了灯，小店排起了队……\n\n街区夜经济，如何更有烟火气\n\n入夜，老街上人来人往。");
        assert_eq!(k[..2], [UnitKind::Head, UnitKind::Head]);
        // over running text, or as a sentence of its own, it stays text
        let k = kinds("夜市亮起了灯，小店排起了队……\n\n入夜，老街上人来人往，摊主们忙着招呼客人。");
        assert_eq!(k[0], UnitKind::Text);
        let k = kinds("夜市亮起了灯。小店排起了队……\n\n街区夜经济，如何更有烟火气\n\n入夜，老街上人来人往。");
        assert_eq!(k[0], UnitKind::Text);
    }

    #[test]
    fn a_bullet_is_not_a_byline() {
        let k = kinds("□ 记者 刘坤\n□ 1月11日下午,示范园揭牌仪式在会议中心举办。");
        assert!(matches!(k[0], UnitKind::Byline(_)));
        assert_eq!(k[1], UnitKind::Item);
    }

    #[test]
    fn names_then_role_line_is_a_photo_byline() {
        let units = classify(&split_lines("刘坤 陈文卿\n摄影报道\n正文。"), false);
        match &units[0].kind {
            UnitKind::Byline(b) => assert_eq!(b.photographers, ["刘坤", "陈文卿"]),
            k => panic!("not a byline: {k:?}"),
        }
        assert_eq!(units.len(), 2);
    }

    #[test]
    fn headline_and_text_on_one_line() {
        let units = classify(
            &split_lines("共谋发展向前看 区区合作再出发 本报讯 1月11日上午,两区召开合作会议,签署协议。"),
            false,
        );
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].kind, UnitKind::Head);
        assert_eq!(units[0].text, "共谋发展向前看 区区合作再出发");
        assert!(units[1].text.starts_with("本报讯"));
    }

    #[test]
    fn markers_columns_and_dates() {
        let k = kinds(
            "(下转第4版)\n大字新闻\n（上接第1版）\n(来源：区委统战部)\n2024年1月1日\n10-11 全力做好高质量发展大文章",
        );
        assert_eq!(k[0], UnitKind::ContinuedTo(4));
        assert_eq!(k[1], UnitKind::Column(ArticleKind::Briefs));
        assert_eq!(k[2], UnitKind::ContinuedFrom(1));
        assert_eq!(k[3], UnitKind::Source("区委统战部".into()));
        assert_eq!(k[4], UnitKind::Date);
        assert_eq!(k[5], UnitKind::Teaser(vec![10, 11], "全力做好高质量发展大文章".into()));
    }
}
