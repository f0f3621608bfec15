//! The fields of a masthead (报头) and the lines that hold them.
//!
//! A masthead is made of field-like lines: dates, weekdays, 期 and 总期,
//! 准印证号, CN numbers, 版数, lunar dates, the paper's name. This module says
//! whether a line is such a field line (a date in running text never is) and
//! reads the fields out of the joined lines of a masthead area. It does not
//! decide where the area begins and ends; [`super::find_masthead`] does.

use crate::model::Masthead;
use crate::text::re;
use crate::text::{is_han, parse_number, squash, to_simplified};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static ISSUE: LazyLock<Regex> = LazyLock::new(|| re(r"(总)?第([0-9]{1,6})期"));
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日|((?:19|20)[0-9]{2})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| re(r"(星期[一二三四五六日天]|周[一二三四五六日])"));
static PAGES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:本期|今日|今天|共)([0-9]{1,3}|[一二三四五六七八九十]{1,3})(?:个)?版"));
static PERMIT: LazyLock<Regex> = LazyLock::new(|| re(r"准印证号?[:：]?(\([A-Z]\)[0-9]{2,8}|[A-Z]?[0-9]{2,8})"));
static CN: LazyLock<Regex> = LazyLock::new(|| re(r"CN([0-9]{2}-[0-9]{4})"));
static LUNAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:农历)?([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:闰)?[正一二三四五六七八九十冬腊]{1,2}月(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|三十))",
    )
});
static URL: LazyLock<Regex> = LazyLock::new(|| re(r"(https?://[^\s<>）)]+|www\.[A-Za-z0-9.\-/]+)"));
static PAPER_QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r"《([^》]{2,14})》"));
/// A date as eight digits (`20240305`), as archives title an issue's file
/// (`《某某晚报》 (20240305)`): a field only beside a name in 《》, where a
/// number of eight digits can be nothing else.
static COMPACT_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)"));
/// A line that is only part of a date spread over lines: `2024 年`, `1 月 1 日`.
static DATE_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:(?:19|20)[0-9]{2}年|[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2}月|[0-9]{1,2}日)$"));

/// Whether a line holds a masthead field (it anchors the masthead area).
///
/// A masthead is made of field-like lines; a date in running text never
/// dates an issue. So a line that reads as a sentence is no anchor, and a
/// date alone in brackets is an article's date line (`（2024年1月1日）` under
/// a speech's title), not a field.
pub(crate) fn is_anchor(squashed: &str) -> bool {
    let strong = ISSUE.is_match(squashed)
        || PAGES.is_match(squashed)
        || PERMIT.is_match(squashed)
        || CN.is_match(squashed)
        || LUNAR.is_match(squashed)
        || (WEEKDAY.is_match(squashed) && squashed.chars().count() <= 12)
        || squashed.contains("数字报")
        || squashed.contains("电子版");
    let dated = DATE_PART.is_match(squashed)
        || ((strong || !is_bracketed(squashed)) && DATE.is_match(squashed) && dates_stand_as_fields(squashed))
        || titled_compact_date(squashed).is_some();
    (strong || dated) && !reads_as_sentence(squashed)
}

/// The date of a line that names a paper in 《》 beside eight digits
/// (`《某某晚报》(20240305)`), if those make a day of the calendar.
fn titled_compact_date(s: &str) -> Option<NaiveDate> {
    if !PAPER_QUOTED.is_match(s) {
        return None;
    }
    let c = COMPACT_DATE.captures(s)?;
    let n = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(n(1)? as i32, n(2)?, n(3)?)
}

/// Whether the whole line is in brackets: `（2024年1月1日）`.
fn is_bracketed(squashed: &str) -> bool {
    (squashed.starts_with('（') && squashed.ends_with('）')) || (squashed.starts_with('(') && squashed.ends_with(')'))
}

/// Whether what is left of a line once its fields are taken out is part of
/// a sentence: Han text with clause punctuation (`…日上午，某地举行…`).
/// Separators between fields (`第3期，总第1657期`) are no sentence.
fn reads_as_sentence(squashed: &str) -> bool {
    let mut rest = squashed.to_string();
    for field in [&*URL, &*PAPER_QUOTED, &*PERMIT, &*CN, &*ISSUE, &*DATE, &*WEEKDAY, &*PAGES, &*LUNAR] {
        rest = field.replace_all(&rest, "|").into_owned();
    }
    rest.contains(['，', ',', '。', '；', ';', '！', '？', '!', '?']) && rest.chars().any(is_han)
}

/// Whether every date in the line stands as a field: nothing that joins it
/// to a sentence before it (`于`, `在`, `自`…) and, after it, only a
/// separator or the start of another field (a weekday, 农历, 第…期), never a
/// range (`至`, `-10月3日`) or the rest of a clause (`上午`, `召开`).
fn dates_stand_as_fields(squashed: &str) -> bool {
    DATE.find_iter(squashed).all(|m| {
        let before = squashed[..m.start()].chars().next_back();
        let mut after = squashed[m.end()..].chars();
        let next = after.next();
        let joined_before = before.is_some_and(|c| "于在自从至到止是为的和与及同、，,。；".contains(c));
        let ok_after = match next {
            None => true,
            Some(c @ ('-' | '~' | '～' | '–' | '—')) => {
                // `2024-01-01` is one date; `…1日-10月3日` is a range
                !after.next().is_some_and(|d| d.is_ascii_digit()) && c != '~'
            }
            Some(c) if c.is_ascii_alphanumeric() => true,
            Some(c) => "/|·•（(【[《<星周农第总本今共出准国甲乙丙丁戊己庚辛壬癸".contains(c),
        };
        !joined_before && ok_after
    })
}

/// Reads the fields; returns the date as printed when it is no real day.
pub(super) fn read_fields(s: &str, m: &mut Masthead) -> Option<String> {
    for c in ISSUE.captures_iter(s) {
        let n = c[2].parse().ok();
        if c.get(1).is_some() {
            m.total_issue_no = m.total_issue_no.or(n);
        } else {
            m.issue_no = m.issue_no.or(n);
        }
    }
    // A date spread over lines is joined again by dropping the separators.
    let flat = s.replace('|', "");
    let mut impossible = None;
    if let Some(c) = DATE.captures(s).or_else(|| DATE.captures(&flat)) {
        m.date = day_of(&c);
        if m.date.is_none() {
            impossible = Some(c[0].to_string());
        }
    } else {
        m.date = s.split('|').find_map(titled_compact_date);
    }
    m.weekday = WEEKDAY.captures(s).map(|c| weekday_name(&c[1]));
    m.page_count = PAGES.captures(s).and_then(|c| parse_number(&c[1]));
    m.permit = PERMIT.captures(s).map(|c| c[1].to_string());
    m.cn_number = CN.captures(s).map(|c| format!("CN{}", &c[1]));
    m.lunar_date = LUNAR.captures(s).map(|c| c[1].to_string());
    m.website = URL.captures(s).map(|c| c[1].trim_end_matches(['|', '>']).to_string());
    m.paper = PAPER_QUOTED.captures(s).map(|c| to_simplified(&squash(&c[1])));
    impossible
}

/// The day a date's captures name, if it is a day of the calendar.
fn day_of(c: &regex::Captures<'_>) -> Option<NaiveDate> {
    let pick = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).and_then(|g| g.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(pick(1, 4)? as i32, pick(2, 5)?, pick(3, 6)?)
}

/// `周一` is printed too; the contract uses `星期一`.
fn weekday_name(w: &str) -> String {
    match w.strip_prefix('周') {
        Some(day) => format!("星期{day}"),
        None => w.to_string(),
    }
}

/// A date printed at the start of `s` (`2024年1月1日…`, `2024-01-01…`): the
/// day (`None` when it is no day of the calendar) and the date's byte length.
pub(crate) fn date_at_start(s: &str) -> Option<(Option<NaiveDate>, usize)> {
    let c = DATE.captures(s).filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
    Some((day_of(&c), c.get(0)?.end()))
}

/// A weekday printed at the start of `s`: its name (`星期一`) and byte length.
pub(crate) fn weekday_at_start(s: &str) -> Option<(String, usize)> {
    let c = WEEKDAY.captures(s).filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
    Some((weekday_name(&c[1]), c.get(0)?.end()))
}

/// Whether the text says how many pages the issue has (`本期 16 版`, `今日8版`):
/// a masthead field, not a page number.
pub(crate) fn counts_pages(text: &str) -> bool {
    PAGES.is_match(&squash(text))
}

/// Reads a line that is the paper's name: `徐汇报`, `# 徐 匯 報`, `《徐汇报》`.
pub(crate) fn paper_name(text: &str) -> Option<String> {
    if let Some(c) = PAPER_QUOTED.captures(text) {
        return Some(to_simplified(&squash(&c[1])));
    }
    let sq = squash(text);
    let n = sq.chars().count();
    let simplified = to_simplified(&sq);
    ((2..=10).contains(&n) && sq.chars().all(is_han) && (simplified.ends_with('报') || simplified.ends_with("日报")))
        .then_some(simplified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_a_sentence_is_no_anchor() {
        for sentence in [
            "1987年5月4日至6月1日，示例市第一届花卉博览会在城东举行。",
            "2021年3月2日上午，示例区召开安全生产工作会议",
            "示例大桥于2020年6月18日建成通车",
            "2022年4月1日-4月9日示例书展",
            "2022年4月1日起施行",
        ] {
            assert!(!is_anchor(&squash(sentence)), "{sentence}");
        }
    }

    #[test]
    fn a_date_alone_in_brackets_is_an_articles_date_line() {
        assert!(!is_anchor("（2024年3月5日）"));
        assert!(!is_anchor("(2024年3月5日示例市人民代表大会通过)"));
        assert!(is_anchor("(总第1759期)"), "a field in brackets stays a field");
    }

    #[test]
    fn a_date_and_a_weekday_read_at_the_start() {
        assert_eq!(
            date_at_start("2024年3月5日星期二"),
            Some((NaiveDate::from_ymd_opt(2024, 3, 5), "2024年3月5日".len()))
        );
        assert_eq!(date_at_start("2023年2月31日"), Some((None, "2023年2月31日".len())));
        assert_eq!(date_at_start("出版于2024年3月5日"), None);
        assert_eq!(weekday_at_start("周二"), Some(("星期二".to_string(), "周二".len())));
    }

    #[test]
    fn a_page_count_is_told_from_a_page_number() {
        assert!(counts_pages("本期 16 版"));
        assert!(counts_pages("今日8版"));
        assert!(!counts_pages("第16版"));
    }

    #[test]
    fn eight_digits_date_an_issue_only_beside_a_quoted_name() {
        let mut m = Masthead::default();
        assert!(is_anchor(&squash("# 《某某晚报》 (20240305)")));
        read_fields(&squash("# 《某某晚报》 (20240305)"), &mut m);
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(m.paper.as_deref(), Some("某某晚报"));
        // no day of the calendar, a longer number, or no name beside them
        assert!(!is_anchor(&squash("《某某晚报》(20240231)")));
        assert!(!is_anchor(&squash("《某某晚报》 订阅电话 202403051")));
        assert!(!is_anchor(&squash("编号 20240305")));
    }

    #[test]
    fn fields_separated_by_commas_are_no_sentence() {
        assert!(is_anchor(&squash("第3期，总第1657期")));
        assert!(is_anchor(&squash("2024-03-05 星期二")));
        assert!(is_anchor(&squash("某某日报 2024年3月5日 农历甲辰年正月廿五")));
    }
}
