//! Dating a page that prints no date, from its own signals — and only when
//! they agree.
//!
//! A page without a masthead or header date still says when it was made:
//! its datelines (`本报北京10月7日电`: filed that day, printed that day or
//! the next), the weekday its masthead prints, the running issue number
//! (总第N期) against the paper's dated issues, and the weekday the paper
//! comes out on. Each signal alone is weak; this module dates a page only
//! when at least two of them leave exactly one day, and otherwise gives the
//! days that remain as candidates, each with its evidence, for an editor.
//! It does not guess from dates written in running text: a report of
//! `1959年9月13日` says nothing of when it was printed.

use crate::text::fold_width;
use crate::Issue;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// A dated issue of the same paper, as the archive knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbour {
    /// Its date.
    pub date: NaiveDate,
    /// Its running issue number (总第N期), if its masthead prints one.
    pub total_issue_no: Option<u32>,
}

/// What the signals say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dating {
    /// Two signals or more leave one day.
    Agreed {
        /// The day.
        date: NaiveDate,
        /// The signals, in words.
        evidence: String,
    },
    /// No day, or several: the page stays undated; these are the candidates.
    Undecided {
        /// The days that remain, earliest first.
        candidates: Vec<NaiveDate>,
        /// The signals, in words (empty when there were none).
        evidence: String,
    },
}

/// The month and day of a dateline: `本报北京10月7日电`, `新华社北京10月7日电`.
static DATELINE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern, exercised by the tests below
    Regex::new(r"([0-9]{1,2})月([0-9]{1,2})日").unwrap()
});

/// At most this many days between a page and the neighbour that gives it a
/// year or an issue number's interval.
const NEAR_DAYS: i64 = 400;

/// Dates a page from its signals; `neighbours` are the paper's dated issues
/// (any order).
pub fn date_page(issue: &Issue, neighbours: &[Neighbour]) -> Dating {
    let mut evidence = Vec::new();
    let mut signals = 0;
    let mut days: Option<BTreeSet<NaiveDate>> = None;
    let around = neighbours.iter().map(|n| n.date).max();
    let mut narrow = |set: BTreeSet<NaiveDate>, why: String, days: &mut Option<BTreeSet<NaiveDate>>| {
        signals += 1;
        evidence.push(why);
        *days = Some(match days.take() {
            Some(d) => d.intersection(&set).copied().collect(),
            None => set,
        });
    };
    // the running issue number against the paper's dated issues
    if let Some((date, why)) = by_issue_number(issue, neighbours) {
        narrow(BTreeSet::from([date]), why, &mut days);
    }
    // datelines: printed the day they were filed or the next
    if let Some(around) = around {
        for dateline in issue.articles.iter().filter_map(|a| a.dateline.as_deref()) {
            if let Some(day) = dateline_day(dateline, around) {
                let set = BTreeSet::from([day, day + Duration::days(1)]);
                narrow(set, format!("电头“{dateline}”（{day}，当天或次日见报）"), &mut days);
            }
        }
    }
    // the weekday: printed in the masthead, else the paper's usual one
    let printed = issue.masthead.as_ref().and_then(|m| m.weekday.as_deref()).and_then(weekday_of);
    let weekday = printed.map(|w| (w, "报头印着")).or_else(|| usual_weekday(neighbours).map(|w| (w, "本报逢")));
    if let (Some((w, how)), Some(d)) = (weekday, days.as_mut()) {
        signals += 1;
        evidence.push(format!("{how}{}", weekday_cn(w)));
        d.retain(|x| x.weekday() == w);
    }
    let evidence = evidence.join("；");
    let candidates: Vec<NaiveDate> = days.map(|d| d.into_iter().collect()).unwrap_or_default();
    match candidates.as_slice() {
        [one] if signals >= 2 => Dating::Agreed { date: *one, evidence },
        _ => Dating::Undecided { candidates, evidence },
    }
}

/// The day a dateline names, in the year that puts it nearest `around`.
fn dateline_day(dateline: &str, around: NaiveDate) -> Option<NaiveDate> {
    let folded = fold_width(dateline);
    let c = DATELINE_DAY.captures(&folded)?;
    let (m, d): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    let y = around.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|x| (*x - around).num_days().abs())
        .filter(|x| (*x - around).num_days().abs() <= NEAR_DAYS)
}

/// The day the running issue number gives: from the two nearest dated
/// issues with numbers, when they are a whole number of days apart per issue.
fn by_issue_number(issue: &Issue, neighbours: &[Neighbour]) -> Option<(NaiveDate, String)> {
    let n = i64::from(issue.masthead.as_ref()?.total_issue_no?);
    let mut numbered: Vec<(NaiveDate, i64)> =
        neighbours.iter().filter_map(|x| Some((x.date, i64::from(x.total_issue_no?)))).collect();
    numbered.sort_by_key(|(_, k)| (k - n).abs());
    let [(d1, n1), (d2, n2), ..] = numbered[..] else { return None };
    if n1 == n2 || (n1 - n).abs() * 7 > NEAR_DAYS {
        return None;
    }
    let days = (d2 - d1).num_days();
    let per = days / (n2 - n1);
    if per <= 0 || per * (n2 - n1) != days {
        return None;
    }
    let date = d1 + Duration::days(per * (n - n1));
    Some((date, format!("总第{n}期：总第{n1}期是{d1}，每期相隔{per}天")))
}

/// The weekday most of the paper's issues came out on, when most did (a
/// weekly, or a paper of fixed days) and there are enough of them to say.
pub fn usual_weekday(neighbours: &[Neighbour]) -> Option<Weekday> {
    let mut counts = [0usize; 7];
    for n in neighbours {
        counts[n.date.weekday().num_days_from_monday() as usize] += 1;
    }
    let (best, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (*n >= 3 && n * 10 >= neighbours.len() * 8).then(|| Weekday::try_from(best as u8).ok()).flatten()
}

fn weekday_of(printed: &str) -> Option<Weekday> {
    let day = printed.strip_prefix("星期").or_else(|| printed.strip_prefix('周'))?;
    let i = ["一", "二", "三", "四", "五", "六", "日"].iter().position(|d| *d == day).or((day == "天").then_some(6))?;
    Weekday::try_from(i as u8).ok()
}

fn weekday_cn(w: Weekday) -> &'static str {
    ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][w.num_days_from_monday() as usize]
}

/// A date printed with its weekday in running text: `12月27日（星期三）`,
/// `12月27日周三`.
static DAY_WITH_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern, exercised by the tests below
    Regex::new(r"([0-9]{1,2})月([0-9]{1,2})日\s*[（(]?\s*(?:星期|周)([一二三四五六日天])").unwrap()
});

/// The dates a text prints with their weekday, and the years near `around`
/// (the year before, its own, the year after) in which every one of them
/// falls on the weekday printed: one year when they agree, none or several
/// when they do not. `None` when the text names no weekday beside a date.
/// Each such date is returned in the year found (or the first of several).
pub fn years_by_weekdays(texts: &[&str], around: NaiveDate) -> Option<(Vec<i32>, Vec<NaiveDate>)> {
    let mut named = Vec::new();
    for t in texts {
        let t = fold_width(t);
        for c in DAY_WITH_WEEKDAY.captures_iter(&t) {
            let (Ok(m), Ok(d)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else { continue };
            let w = match &c[3] {
                "一" => Weekday::Mon,
                "二" => Weekday::Tue,
                "三" => Weekday::Wed,
                "四" => Weekday::Thu,
                "五" => Weekday::Fri,
                "六" => Weekday::Sat,
                _ => Weekday::Sun,
            };
            named.push((m, d, w));
        }
    }
    if named.is_empty() {
        return None;
    }
    let years: Vec<i32> = (around.year() - 1..=around.year() + 1)
        .filter(|&y| named.iter().all(|&(m, d, w)| NaiveDate::from_ymd_opt(y, m, d).is_some_and(|x| x.weekday() == w)))
        .collect();
    let year = years.first().copied().unwrap_or(around.year());
    let dates = named.iter().filter_map(|&(m, d, _)| NaiveDate::from_ymd_opt(year, m, d)).collect();
    Some((years, dates))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_weekdays_a_text_names_fit_one_year() {
        let around = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        // 2023-12-27 was a Wednesday; in 2024 and 2025 it was not
        let (years, dates) = super::years_by_weekdays(&["会议于12月27日（星期三）举行。"], around).unwrap();
        assert_eq!(years, [2023]);
        assert_eq!(dates, [NaiveDate::from_ymd_opt(2023, 12, 27).unwrap()]);
        // two weekdays that no one year fits
        let (years, _) = super::years_by_weekdays(&["12月27日周三开幕，12月28日周三闭幕。"], around).unwrap();
        assert!(years.is_empty());
        assert!(super::years_by_weekdays(&["12月27日举行。"], around).is_none());
    }

    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Weekly issues on Mondays, numbered 100, 101, …
    fn mondays() -> Vec<Neighbour> {
        (0..6)
            .map(|k| Neighbour {
                date: day("2023-09-04") + Duration::days(7 * k),
                total_issue_no: Some(100 + k as u32),
            })
            .collect()
    }

    #[test]
    fn a_dateline_and_the_papers_weekday_agree_on_one_day() {
        // filed on Sunday 10-15: printed Sunday or Monday; the paper is a Monday weekly
        let issue = crate::parse("## 区里的新闻\n\n本报北京10月15日电 某区举行座谈会。\n");
        match date_page(&issue, &mondays()) {
            Dating::Agreed { date, evidence } => {
                assert_eq!(date, day("2023-10-16"));
                assert!(evidence.contains("电头") && evidence.contains("星期一"), "{evidence}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_running_issue_number_and_the_printed_weekday_agree() {
        let issue = crate::parse("总第108期 星期一\n\n## 区里的新闻\n\n本报讯 某区举行座谈会。\n");
        assert_eq!(issue.masthead.as_ref().and_then(|m| m.total_issue_no), Some(108));
        match date_page(&issue, &mondays()) {
            Dating::Agreed { date, .. } => assert_eq!(date, day("2023-10-30")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_signal_alone_dates_nothing_but_names_its_candidates() {
        // a dateline alone: two days remain, and one signal is not enough
        let issue = crate::parse("## 区里的新闻\n\n本报北京10月15日电 某区举行座谈会。\n");
        let daily: Vec<Neighbour> =
            (0..10).map(|k| Neighbour { date: day("2023-10-01") + Duration::days(k), total_issue_no: None }).collect();
        match date_page(&issue, &daily) {
            Dating::Undecided { candidates, .. } => assert_eq!(candidates, [day("2023-10-15"), day("2023-10-16")]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn signals_that_disagree_leave_the_page_undated() {
        // filed on a Wednesday: neither that day nor the next is the paper's Monday
        let issue = crate::parse("## 区里的新闻\n\n本报北京10月18日电 某区举行座谈会。\n");
        assert_eq!(
            date_page(&issue, &mondays()),
            Dating::Undecided {
                candidates: vec![],
                evidence: "电头“本报北京10月18日电”（2023-10-18，当天或次日见报）；本报逢星期一".into()
            }
        );
    }

    #[test]
    fn dates_in_running_text_are_no_signal() {
        let issue = crate::parse("## 回顾\n\n1959年9月13日至10月3日，这里举办过一次展览。10月15日再次开放。\n");
        assert_eq!(date_page(&issue, &mondays()), Dating::Undecided { candidates: vec![], evidence: String::new() });
    }
}
