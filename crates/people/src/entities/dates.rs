//! Dates (日期) written in an article (`1月13日上午`, `去年12月27日`, `当天`,
//! `近日`), resolved against the issue's date, approximate ones marked so;
//! and the date of an issue that prints none, guessed from them.
//!
//! Not the issue dates printed on a masthead (`core`).

use super::{DateMention, InferredDate};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?:(去年|今年|明年|前年)|((?:19|20)[0-9]{2})年)?([0-9]{1,2})月([0-9]{1,2})日(凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)?|(当天|当日|近日|日前|昨天|昨日|今天|今日|前不久|此前)")
        .unwrap()
});

/// Finds the dates of one paragraph, resolved against `issue`.
pub(super) fn scan_dates(
    text: &str,
    paragraph: usize,
    issue: Option<NaiveDate>,
    last: &mut Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    for c in DATE.captures_iter(text) {
        let whole = c.get(0).map_or("", |m| m.as_str()).to_string();
        if let Some(rel) = c.get(6) {
            let (date, approximate) = match rel.as_str() {
                "当天" | "当日" => (*last, false),
                "今天" | "今日" => (issue, false),
                "昨天" | "昨日" => (issue.and_then(|d| d.pred_opt()), false),
                _ => (issue, true),
            };
            out.push(DateMention { text: whole, date, approximate, part_of_day: None, paragraph });
            continue;
        }
        let month: u32 = c[3].parse().unwrap_or(0);
        let day: u32 = c[4].parse().unwrap_or(0);
        let year = match (c.get(1).map(|m| m.as_str()), c.get(2)) {
            (_, Some(y)) => y.as_str().parse().ok(),
            (Some("去年"), _) => issue.map(|d| d.year() - 1),
            (Some("前年"), _) => issue.map(|d| d.year() - 2),
            (Some("明年"), _) => issue.map(|d| d.year() + 1),
            (Some(_), _) => issue.map(|d| d.year()),
            (None, None) => issue.map(|d| {
                // a month after the issue's is last year's: `12月27日` in a January issue
                if month > d.month() + 1 {
                    d.year() - 1
                } else {
                    d.year()
                }
            }),
        };
        let date = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
        if date.is_some() {
            *last = date;
        }
        let part_of_day = c.get(5).map(|m| m.as_str().to_string());
        out.push(DateMention { text: whole, date, approximate: false, part_of_day, paragraph });
    }
}

/// Guesses the publication date of an issue that prints none, from the dates
/// its articles mention: a paper reports what happened before it went to
/// press, so the issue is the first `weekday` (the day the paper comes out,
/// when known) on or after the latest exact date mentioned. `around` fills
/// in the years of dates written without one (the paper's latest known issue).
pub fn infer_issue_date(
    paragraphs: &[&str],
    weekday: Option<chrono::Weekday>,
    around: NaiveDate,
) -> Option<InferredDate> {
    // The weekdays printed beside dates (`12月27日（星期三）`) fit one year:
    // they fix the year of the other dates. Weekdays no one year fits leave
    // the issue undated.
    let weekdays = shuzibao_core::dating::years_by_weekdays(paragraphs, around);
    let around = match &weekdays {
        Some((years, dates)) if years.len() == 1 => dates.iter().copied().max().unwrap_or(around),
        Some(_) => return None,
        None => around,
    };
    let mut dates = Vec::new();
    let mut last = None;
    for (i, p) in paragraphs.iter().enumerate() {
        scan_dates(p, i, Some(around), &mut last, &mut dates);
    }
    let latest = dates
        .iter()
        .filter(|d| !d.approximate && d.text.contains('月'))
        .filter_map(|d| d.date.map(|x| (x, d)))
        .max_by_key(|(x, _)| *x)?;
    let (seen, mention) = latest;
    let date = match weekday {
        Some(w) => (0..7).map(|k| seen + chrono::Duration::days(k)).find(|d| d.weekday() == w)?,
        None => seen,
    };
    let weekday_cn = |w: chrono::Weekday| {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][w.num_days_from_monday() as usize]
    };
    let mut evidence = match weekday {
        Some(w) => format!("文中最晚的日期是“{}”（{seen}），本报逢{}出版", mention.text, weekday_cn(w)),
        None => format!("文中最晚的日期是“{}”（{seen}）", mention.text),
    };
    if let Some((years, _)) = weekdays {
        evidence.push_str(&format!("；文中所注星期只合{}年", years[0]));
    }
    Some(InferredDate { date, evidence })
}

#[cfg(test)]
mod tests {
    use crate::entities::{extract_text, infer_issue_date};
    use chrono::NaiveDate;

    #[test]
    fn an_issue_date_is_inferred_from_the_dates_it_mentions() {
        let around = NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default();
        let paras = ["9月13日上午，动员会举行。", "9月14日上午，区委书记带队走访调研。"];
        let d = infer_issue_date(&paras, Some(chrono::Weekday::Mon), around).unwrap();
        assert_eq!(d.date.to_string(), "2023-09-18", "the Monday after 9月14日");
        assert!(d.evidence.contains("9月14日") && d.evidence.contains("星期一"), "{}", d.evidence);
        assert!(infer_issue_date(&["近日，工程开工。"], None, around).is_none(), "approximate dates say nothing");
    }

    #[test]
    fn an_undated_issue_takes_the_year_its_weekdays_fit() {
        // the archive's latest dated issue is of June 2023, so a 12月27日 read
        // near it would be 2022's; but 12月27日 was a Wednesday only in 2023
        let around = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
        let paras = ["12月27日（星期三）下午，示例区召开全会。", "会议于12月28日闭幕。"];
        let d = infer_issue_date(&paras, None, around).unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2023, 12, 28).unwrap(), "{d:?}");
        assert!(d.evidence.contains("2023"), "{d:?}");
        // weekdays that no one year fits: left undated
        let clash = ["12月27日周三开幕，12月28日周三闭幕。"];
        assert!(infer_issue_date(&clash, None, around).is_none());
    }

    #[test]
    fn dates_resolve_against_the_issue() {
        let issue = NaiveDate::from_ymd_opt(2024, 1, 1);
        let e = extract_text("去年12月27日下午举行。1月13日上午到场。当天还举行了签约。近日，工程开工。", issue);
        let d: Vec<(Option<String>, bool)> =
            e.dates.iter().map(|d| (d.date.map(|x| x.to_string()), d.approximate)).collect();
        assert_eq!(d[0], (Some("2023-12-27".into()), false));
        assert_eq!(e.dates[0].part_of_day.as_deref(), Some("下午"));
        assert_eq!(d[1], (Some("2024-01-13".into()), false));
        assert_eq!(d[2], (Some("2024-01-13".into()), false), "当天 is the day just mentioned");
        assert_eq!(d[3], (Some("2024-01-01".into()), true), "近日 is approximate");
        let e = extract_text("12月27日举行。", issue);
        assert_eq!(
            e.dates[0].date.map(|x| x.to_string()).as_deref(),
            Some("2023-12-27"),
            "December in a January issue"
        );
    }
}
