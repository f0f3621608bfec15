//! Lines a column break cut: a headline-like line that ends where no
//! headline ends is the first piece of a paragraph, never a sub-heading or
//! a headline. Not the joining itself (that is `append_to_last`).

use super::{has_column_tag, has_spaced_halves, opens_cut_dateline, starts_with_dateline, UnitKind, OPENING_BOXES};
use crate::lexicon::{has_surname, post_ending};
use crate::text::{char_len, is_han};
use crate::text::{continues_cut_line, ends_sentence, leaves_pair_open};

/// Marks and words no headline ends with: a pause mark, an opening bracket
/// or quote, the particle `的` or the conjunction `和` leave the phrase open
/// (`推动老旧小区的`, `社区、`). (Words that end a verb as well, `参与`,
/// `面对`, `方向`, are left out.)
const OPEN_ENDINGS: &[char] = &['的', '和', '、', '，', ',', '（', '“', '《'];

/// Whether `text` stops where a column break cut it: after a word that
/// leaves its phrase open, with a bracket or quote it opened still open
/// (`（作者为某大学`), or inside a name, right after a post and a family
/// name (`区委书记王` / `甲出席会议`).
pub(super) fn cut_at_column_end(text: &str) -> bool {
    let t = text.trim_end();
    if t.is_empty() || ends_sentence(t) || t.ends_with('—') {
        return false;
    }
    let Some(last) = t.chars().next_back() else { return false };
    if OPEN_ENDINGS.contains(&last) || leaves_pair_open(t) {
        return true;
    }
    let rest = &t[..t.len() - last.len_utf8()];
    has_surname(&last.to_string()) && post_ending(rest).is_some_and(|p| rest.ends_with(p))
}

/// Whether a line goes on with the sentence of the line before it, which
/// a column break cut: it opens with a mark no sentence opens with or closes
/// a bracket it did not open (see [`continues_cut_line`]).
pub(super) fn goes_on_from_cut_line(text: &str) -> bool {
    continues_cut_line(text.trim_start())
}

/// Whether a date runs on from `line` into `next`, which a column break cut
/// where no headline ends:
/// - after the month, the next line opening with the day (`……去年12月` /
///   `27日下午举行`);
/// - between a number and its unit (`……12月27` / `日……`, `2019年3` / `月`);
/// - inside the number (`……20` / `19年2月`, `……12月2` / `7日`), when the
///   number whole is a year (1900–2099), a month or a day.
///
/// A cut after a year is left out: a headline may end with one, or with an
/// anniversary (`新中国70年`), over a text that opens with the date.
pub(super) fn date_runs_on(line: &str, next: &str) -> bool {
    let value = |c: char| c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32));
    let a: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    let b: Vec<char> = next.chars().filter(|c| !c.is_whitespace()).take(8).collect();
    let a_digits = a.iter().rev().take_while(|&&c| value(c).is_some()).count();
    let b_digits = b.iter().take_while(|&&c| value(c).is_some()).count();
    let unit = b.get(b_digits).copied();
    let before = a.len().checked_sub(a_digits + 1).map(|i| a[i]);
    let number: u32 = a[a.len() - a_digits..]
        .iter()
        .chain(&b[..b_digits])
        .try_fold(0u32, |n, &c| n.checked_mul(10).and_then(|n| n.checked_add(value(c).unwrap_or(0))))
        .unwrap_or(u32::MAX);
    let digits = a_digits + b_digits;
    let fits = |unit: Option<char>| match unit {
        Some('年') => digits == 4 && (1900..=2099).contains(&number),
        Some('月') => digits <= 2 && (1..=12).contains(&number),
        Some('日' | '号') => digits <= 2 && (1..=31).contains(&number),
        _ => false,
    };
    match (a_digits, b_digits) {
        // after the month, before the day
        (0, 1..) => {
            a.last() == Some(&'月')
                && a.len() >= 2
                && value(a[a.len() - 2]).is_some()
                && matches!(unit, Some('日' | '号'))
                && fits(unit)
        }
        // between the number and its unit: a day after its month, a month after its year
        (1.., 0) => match unit {
            Some('日' | '号') => before == Some('月') && fits(unit),
            Some('月') => before == Some('年') && fits(unit),
            _ => false,
        },
        // inside the number
        (1.., 1..) => fits(unit),
        _ => false,
    }
}

/// Han characters each side of a cut that [`word_runs_on`] reads.
const WORD_WINDOW: usize = 4;

/// Whether a word runs on from `line` into `next`: cut as one text, jieba's
/// dictionary has a word across the point where the lines meet (`……推动经济
/// 发` / `展……`). A column break cut the sentence inside a word. A headline
/// and the text under it meet at a word's end: over a month of 人民日报
/// articles a word ran across 0.2% of those meetings, and across 43% of
/// headline-like pieces of paragraphs cut at random. Not after a headline
/// set in two halves with no pause between (`……以人为本  ……不实` over
/// `为……`): running text is not set so; nor before a dateline, which opens
/// a text (`……约翰·基` over `本报北京10月16日电`).
pub(super) fn word_runs_on(line: &str, next: &str) -> bool {
    let (a, b) = (line.trim_end(), next.trim_start());
    // a headline set in two halves, or over a dateline, is one whatever
    // word its end makes
    if (has_spaced_halves(a) && !a.contains(['，', '、', '：', '；', '（', '('])) || starts_with_dateline(b) {
        return false;
    }
    let (Some(x), Some(y)) = (a.chars().next_back(), b.chars().next()) else {
        return false;
    };
    if !is_han(x) || !is_han(y) {
        return false;
    }
    let from = a.char_indices().rev().nth(WORD_WINDOW - 1).map_or(0, |(i, _)| i);
    let to = b.char_indices().nth(WORD_WINDOW).map_or(b.len(), |(i, _)| i);
    let joined = format!("{}{}", &a[from..], &b[..to]);
    crate::segment::Segmenter::base().word_across(&joined, a.len() - from)
}

/// Longest line that may stand whole without a sentence end (a headline, a
/// credit); longer ones that stop mid-sentence were cut by a column break.
const CUT_LINE_CHARS: usize = 30;

/// Whether column breaks cut the page's paragraphs into lines (text taken
/// from a PDF page line by line): a long line of text stops mid-sentence.
/// On such a page a headline-like line may be the first piece of a cut
/// paragraph; on a page with none, it cannot.
pub(super) fn columns_cut(units: &[crate::classify::Unit]) -> bool {
    units.iter().any(|u| {
        u.kind == crate::classify::UnitKind::Text
            && !ends_sentence(&u.text)
            && crate::text::char_len(&u.text) > CUT_LINE_CHARS
    })
}

impl super::Assembler<'_> {
    /// Whether the text line after the line at `j` goes on with its date
    /// or its word (see [`date_runs_on`], [`word_runs_on`]): a column break
    /// cut them, even on a page where no other line shows it.
    pub(super) fn runs_on_at(&self, j: usize) -> bool {
        self.units.get(j + 1).is_some_and(|n| {
            let line = &self.units[j].text;
            n.kind == UnitKind::Text && (date_runs_on(line, &n.text) || word_runs_on(line, &n.text))
        })
    }

    /// Whether the line at `j`, under a headline line, is the first piece of
    /// the text a column break cut: it ends in half a date or a word the next
    /// line goes on with, or, on a page whose columns cut its paragraphs,
    /// holds a pause of a sentence (`，`, `；`, `：`); and it is as long as a
    /// sentence's opening (a title of two short halves, `甲乙丙，丁戊己庚`,
    /// is shorter), is no quote, carries no column tag, and plain text
    /// follows it (no dateline, no box).
    pub(super) fn text_piece_under_head(&self, j: usize) -> bool {
        const PIECE_CHARS: usize = 12;
        let u = &self.units[j];
        let t = u.text.trim();
        let paused = t.contains(['，', '；', '：']);
        let quoted = t.starts_with('“') || t.ends_with('”');
        let after_kicker = self.units[j - 1].text.trim_end().ends_with('—');
        let short = char_len(t) < PIECE_CHARS;
        if short || quoted || after_kicker || has_column_tag(t) || t.starts_with('—') {
            return false;
        }
        let plain_text_follows = self.units.get(j + 1).is_some_and(|n| {
            n.kind == UnitKind::Text
                && !starts_with_dateline(&n.text)
                && !opens_cut_dateline(&n.text)
                && !OPENING_BOXES.iter().any(|b| n.text.starts_with(b))
        });
        // (the word is asked last, and once)
        plain_text_follows && ((self.columns_cut && paused) || self.runs_on_at(j))
    }
}

#[cfg(test)]
mod tests {
    use super::{cut_at_column_end, date_runs_on, word_runs_on};
    use crate::parse;

    #[test]
    fn lines_that_end_where_no_headline_ends() {
        assert!(cut_at_column_end("今年将继续推动老旧小区的"));
        assert!(cut_at_column_end("区委书记王"));
        assert!(cut_at_column_end("（作者为示例大学"));
        assert!(!cut_at_column_end("老旧小区焕发新生机"));
        assert!(!cut_at_column_end("城北小学三年级李小雨——"));
        assert!(!cut_at_column_end("会议要求落实责任。"));
    }

    #[test]
    fn a_date_cut_in_two_by_a_column_end() {
        assert!(date_runs_on("示例区第三次全体会议去年 12 月", "27 日下午举行。"));
        assert!(date_runs_on("会议于２０２４年３月", "５日召开"));
        assert!(date_runs_on("全体会议去年 12 月 27", "日下午举行。"));
        assert!(date_runs_on("会议于2019年3", "月5日召开"));
        assert!(date_runs_on("会议于20", "19年3月5日召开"));
        assert!(date_runs_on("会议于12月2", "7日召开"));
        assert!(!date_runs_on("献礼70", "10月1日上午，庆祝大会举行。"));
        assert!(!date_runs_on("第一批12", "个项目开工"));
        assert!(!date_runs_on("走进12月", "2019年12月1日起，新规施行。"));
        assert!(!date_runs_on("难忘的1978年", "那年春天，村里来了工作队。"));
        assert!(!date_runs_on("献礼新中国70年", "10月1日上午，庆祝大会举行。"));
        // a headline under its date, its text opening with the day
        let text = "示例区召开全体会议\n\n示例区第三次全体会议去年12月\n\n27日下午举行。会议审议了工作报告。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert_eq!(issue.articles[0].headline.title, "示例区召开全体会议");
        assert!(
            issue.articles[0].body().starts_with("示例区第三次全体会议去年12月27日下午举行"),
            "{}",
            issue.articles[0].body()
        );
    }

    #[test]
    fn a_word_cut_in_two_by_a_column_end() {
        assert!(word_runs_on("今年要推动经济发", "展，让居民得实惠。"));
        assert!(!word_runs_on("示例区老旧小区焕新颜", "昨天，示例区完成改造。"));
        // a headline over a dateline, or set in two halves, stays one
        assert!(!word_runs_on("示例市长会见来访的约翰·基", "本报北京10月16日电  记者王甲"));
        assert!(!word_runs_on("教育培训以人为本  境外媒体指责不实", "为从根本上解决问题，当地开办了学校。"));
        // a headline-like piece of a paragraph is not taken as the next article's headline
        let text = "示例区推进城市更新\n\n本报讯 昨天上午，示例区召开推进会，部署下一阶段工作。\n\n\
                    会议要求加快推动经济发\n\n展，让居民得到更多实惠。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert!(issue.articles[0].body().contains("推动经济发展，让居民"), "{}", issue.articles[0].body());
    }

    #[test]
    fn a_paragraph_cut_by_a_column_break_is_never_a_sub_heading() {
        // made-up flat page: two paragraphs each cut where no headline ends
        let text = "示例区召开城市更新推进会\n\n本报讯 昨天上午，示例区召开城市更新推进会，部署下一阶段工作。\n\n\
                    区委书记王\n\n甲出席会议并讲话\n\n他说，今年将继续推动老旧小区的\n\n改造工作，让居民住得更舒心。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert!(a.paragraphs.iter().all(|p| p.role != crate::model::ParagraphRole::Subheading), "{:#?}", a.paragraphs);
        assert!(a.body().contains("区委书记王甲出席会议并讲话"), "{}", a.body());
        assert!(a.body().contains("老旧小区的改造工作"), "{}", a.body());
    }

    #[test]
    fn a_closing_note_or_a_signature_cut_by_a_column_break_stays_in_its_text() {
        // made-up flat page: the author's note and a signature each cut in two
        let text = "示例区推进老旧小区改造\n\n今年，示例区将完成二十个老旧小区的改造。\n\n\
                    （作者为示例\n\n大学城市研究院教授）\n\n公园里的春天\n\n\
                    清晨，公园里开满了花，游人来来往往。\n\n——示例市副市长\n\n、区长王甲\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert!(issue.articles[0].body().contains("（作者为示例大学城市研究院教授）"), "{}", issue.articles[0].body());
        assert_eq!(issue.articles[1].headline.title, "公园里的春天");
        assert!(issue.articles[1].body().contains("——示例市副市长、区长王甲"), "{}", issue.articles[1].body());
    }

    #[test]
    fn a_report_s_first_line_cut_in_its_dateline_is_no_headline_line() {
        // made-up flat page: the dateline cut after the month's figure
        let text = "示例市春耕生产全面展开\n\n本报示例2月\n\n3日电（记者王甲）连日来，示例市各地抢抓农时，春耕生产全面展开。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert_eq!(a.headline.title, "示例市春耕生产全面展开");
        assert!(a.body().starts_with("本报示例2月3日电"), "{}", a.body());
    }

    #[test]
    fn a_dateline_cut_under_a_headline_still_starts_a_report() {
        // made-up flat page: the second report's dateline is cut after the month's figure
        let text = "示例市春耕生产全面展开\n\n本报示例2月3日电（记者王甲）连日来，示例市各地抢抓农时，春耕生产全面展开。\n\n\
                    示例市春耕备耕物资供应充足\n\n新华社示例2\n\n月3日电（记者李乙）示例市春耕备耕物资供应充足，化肥价格平稳。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "示例市春耕备耕物资供应充足");
    }

    #[test]
    fn a_text_s_first_piece_cut_by_a_column_break_is_no_headline_line() {
        // made-up flat page whose column breaks cut paragraphs: the second
        // report's first paragraph is cut after a pause, right under its title
        let text =
            "示例区推进老旧小区改造\n\n今年，示例区将完成二十个老旧小区的改造，为居民楼加装电梯、更换老化的水管、\n\n\
                    整修道路、增设停车位，让居民住得更舒心。（本报记者王甲）\n\n\
                    示例村里过大年\n\n春节前夕，示例村的村民们早早\n\n\
                    地贴上了春联，挂起了红灯笼，村里处处洋溢着喜庆的气氛。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        let b = &issue.articles[1];
        assert_eq!((b.headline.title.as_str(), b.headline.subtitle.as_deref()), ("示例村里过大年", None));
        assert!(b.body().starts_with("春节前夕，示例村的村民们早早地贴上了春联"), "{}", b.body());
    }

    #[test]
    fn a_line_whose_next_line_goes_on_with_its_sentence_is_a_piece() {
        // made-up flat page whose column breaks cut paragraphs: a paragraph
        // cut after a phrase that reads like a sub-heading, its rest opening
        // with a comma
        let text = "示例村的新变化\n\n示例村地处山区，过去交通不便，村民出行要走两个小时的山路才能到镇上，\n\n\
                    十分辛苦。\n\n村里的老人们常说\n\n，这几年村里的变化太大了，路修好了，日子也好了。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert!(a.paragraphs.iter().all(|p| p.role != crate::model::ParagraphRole::Subheading), "{:#?}", a.paragraphs);
        assert!(a.body().contains("村里的老人们常说，这几年村里的变化太大了"), "{}", a.body());
    }

    #[test]
    fn a_credit_cut_by_a_column_break_closes_its_text() {
        // made-up flat page: the page's credit cut at its colon, then the
        // next article's headline
        let text = "示例村的新变化\n\n示例村地处山区，过去交通不便，村民出行要走两个小时的山路才能到镇上，\n\n\
                    十分辛苦。如今路修好了，日子也好了。\n\n版式设计\n\n：王甲\n\n\
                    示例河畔春来早\n\n清晨，示例河畔的柳树抽出了新芽，游人三三两两地散着步。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert!(issue.articles[0].body().ends_with("版式设计：王甲"), "{}", issue.articles[0].body());
        assert_eq!(issue.articles[1].headline.title, "示例河畔春来早");
    }
}
