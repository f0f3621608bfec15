//! Who, where, what and when (人物, 机构, 地点, 事件, 日期) in an article.
//!
//! People come with the post they were written with at that moment
//! (`区委副书记、区长钟晓咏`, `市委书记陈吉宁`), including lists under one
//! label (`区领导曹立强、王华、黄冲`) and transliterated names with a middle dot;
//! reporters and signers come from the byline with their role. Organisations,
//! places and named events are found by jieba's part-of-speech tags and by
//! the endings kept in `data/` (`…委员会`, `…会议中心`, `…团拜会`). Dates
//! (`1月13日`, `去年12月27日`, `当天`, `近日`) are resolved against the
//! issue's date, approximate ones marked so.
//!
//! Pure: text in, mentions out. Which mentions are the same person across the
//! archive is decided where the archive is (`store`).
//!
//! `scan` reads each paragraph with these passes, in this order; each
//! marks the words it takes, so a later pass does not name them again:
//!
//! 1. `signatures::name_rolls`: names printed side by side in a roll
//!    (`委员：张立林海陈志远`, cut by `roll`);
//! 2. `signatures::standalone_names`: a signature, a paragraph or brackets
//!    holding nothing but names (`《辽金史新论》（林文渊）`);
//! 3. `named::add_people`: the people the model names, with the post written
//!    before them (`posts`); a club it reads as a person or a place is an
//!    organisation when a match is written next to it (`sides`); a person's
//!    name loses a date's digits or a verb written against it, and is a
//!    craft's or a place's by what follows it (`neighbours`);
//! 4. `latin::bracketed`: a name in Latin letters in brackets after a
//!    person's (`阿特金森（Martin Atkinson）`), a mention of that person;
//! 5. `lists::listed_names`: names listed with a name (`王光英、程思远、王朝文`);
//! 6. `bodies::by_ending`: events closed by a known ending (`…团拜会`) and the
//!    body or place that opens an event's name;
//! 7. `named::add_bodies_and_places`: organisations and places as the model
//!    names them, but a count of bodies (`多家公司`);
//! 8. `bodies::named_alone`: a committee written alone (`筹委会`), a mention
//!    only.
//!
//! Then, for a text, `dates::scan_dates` finds its dates and
//! `issue::mention_again` every other place it writes a name found; for an
//! issue, [`extract_issue`] completes names across its articles. `words`
//! holds what every pass asks of a word.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shuzibao_core::model::Article;
use shuzibao_core::segment;

mod bodies;
mod dates;
mod issue;
mod latin;
mod lists;
mod named;
mod neighbours;
mod posts;
mod roll;
mod sides;
mod signatures;
mod words;

pub use dates::infer_issue_date;
pub use issue::extract_issue;

/// The part an article's person plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    /// Named in the text.
    Mentioned,
    /// 记者.
    Reporter,
    /// 摄影.
    Photographer,
    /// 通讯员.
    Correspondent,
    /// Signed the piece (a letter, a notice).
    Author,
}

/// A person named in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonMention {
    /// The name.
    pub name: String,
    /// The post written with the name here (`区委副书记、区长`).
    pub post: Option<String>,
    /// The part the person plays in the article.
    pub role: PersonRole,
    /// The paragraph it is in (none for the byline).
    pub paragraph: Option<usize>,
}

/// A date written in an article and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// As written: `1月13日上午`, `去年12月27日`, `近日`.
    pub text: String,
    /// The day it means, resolved against the issue's date.
    pub date: Option<NaiveDate>,
    /// Only roughly that day (`近日`, `日前`).
    pub approximate: bool,
    /// 上午, 下午, 晚上…
    pub part_of_day: Option<String>,
    /// The paragraph it is in.
    pub paragraph: usize,
}

/// Everything found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Entities {
    /// People, in order of first mention, each once with the post first written.
    pub people: Vec<PersonMention>,
    /// Organisations (机构), each once.
    pub organizations: Vec<String>,
    /// Places (地点), each once.
    pub places: Vec<String>,
    /// Named events (活动), each once.
    pub events: Vec<String>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Every mention of a person, organisation, place or event where it is
    /// written (the lists above keep each name once). Not stored.
    #[serde(skip)]
    pub mentions: Vec<Mention>,
    /// People the model named that do not look like a Chinese name with a
    /// common family name and had no post here (`习近平指出`, but also
    /// `幸福感`): people only where the issue gives the name a post or
    /// names it surely elsewhere ([`extract_issue`]). Not stored.
    #[serde(skip)]
    pub tentative: Vec<PersonMention>,
}

/// What a [`Mention`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// 人物.
    Person,
    /// 机构.
    Organization,
    /// 地点.
    Place,
    /// 活动.
    Event,
}

/// One place in the text where an entity is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// What it names.
    pub kind: MentionKind,
    /// The paragraph.
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: std::ops::Range<usize>,
}

/// A date guessed for an issue without a masthead, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// The guessed publication date.
    pub date: NaiveDate,
    /// What it rests on, in words.
    pub evidence: String,
}

/// A token of jieba with its tag and byte offset.
struct Tok<'a> {
    word: &'a str,
    tag: &'a str,
    start: usize,
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Finds the entities of one paragraph of text.
fn scan(text: &str, paragraph: usize, out: &mut Entities) {
    let seg = segment::Segmenter::base();
    let toks: Vec<Tok<'_>> =
        seg.tagged(text).into_iter().map(|(r, tag)| Tok { word: &text[r.clone()], tag, start: r.start }).collect();
    let mut used = vec![false; toks.len()];
    // names printed side by side in a roll (`委员：张立林海陈志远`)
    signatures::name_rolls(text, &toks, paragraph, &mut used, out);
    // a signature: a paragraph or brackets holding nothing but names
    signatures::standalone_names(text, &toks, paragraph, &mut used, out);
    // people, organisations and places as the model names them; people
    // first, then the rules' lists and dotted names around them
    let named = named::find(text, &toks);
    named::add_people(text, &toks, &named, paragraph, &mut used, out);
    // a name in Latin letters in brackets after a person's (`阿特金森（Martin Atkinson）`)
    latin::bracketed(text, paragraph, out);
    // names listed with a name (`王光英、程思远、王朝文`): each item of a list
    // of `、` next to a person is one too when it reads as a name
    lists::listed_names(text, &toks, paragraph, &mut used, out);
    // organisations, places and events: runs of nouns closed by a known ending
    bodies::by_ending(text, &toks, paragraph, &used, out);
    // bodies and places as the model names them
    named::add_bodies_and_places(text, &toks, &named, paragraph, &mut used, out);
    // a committee written alone (`筹委会`), a mention only
    bodies::named_alone(text, &toks, paragraph, &used, out);
}

/// Finds the entities of a plain text (one paragraph), for evaluation.
pub fn extract_text(text: &str, issue_date: Option<NaiveDate>) -> Entities {
    extract_paragraphs(&[text], issue_date)
}

/// Finds the entities of the paragraphs of one text, read in order: each
/// paragraph's own, then every other place the text writes a name found
/// somewhere in it (`扎琳娜` named with `少女` once, then alone).
pub fn extract_paragraphs(paragraphs: &[&str], issue_date: Option<NaiveDate>) -> Entities {
    let mut out = Entities::default();
    let mut last = issue_date;
    for (i, p) in paragraphs.iter().enumerate() {
        let mut found = Entities::default();
        scan(p, i, &mut found);
        for m in found.people {
            if !out.people.iter().any(|q| q.name == m.name) {
                out.people.push(m);
            }
        }
        for m in found.tentative {
            if !out.tentative.iter().any(|q| q.name == m.name) {
                out.tentative.push(m);
            }
        }
        found.organizations.into_iter().for_each(|o| push_unique(&mut out.organizations, o));
        found.places.into_iter().for_each(|o| push_unique(&mut out.places, o));
        found.events.into_iter().for_each(|o| push_unique(&mut out.events, o));
        out.mentions.append(&mut found.mentions);
        dates::scan_dates(p, i, issue_date, &mut last, &mut out.dates);
    }
    issue::mention_again(paragraphs, &mut out);
    // a name that hides who it is (`张某`, `王女士`), whichever pass found
    // it, names a different person each time: a mention, no one to follow
    out.people.retain(|p| !named::anonymised(&p.name));
    out.tentative.retain(|p| !named::anonymised(&p.name));
    out
}

/// Finds the entities of an article: its byline's people with their roles,
/// then those named in its text, and its dates resolved against `issue_date`.
pub fn extract(article: &Article, issue_date: Option<NaiveDate>) -> Entities {
    let mut out = Entities::default();
    let b = &article.byline;
    let mut add = |names: &[String], role: PersonRole| {
        for n in names {
            out.people.push(PersonMention { name: n.clone(), post: None, role, paragraph: None });
        }
    };
    add(&b.reporters, PersonRole::Reporter);
    add(&b.photographers, PersonRole::Photographer);
    add(&b.correspondents, PersonRole::Correspondent);
    for a in &b.authors {
        out.people.push(PersonMention {
            name: a.name.clone(),
            post: a.role.clone(),
            role: PersonRole::Author,
            paragraph: None,
        });
    }
    let texts: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let found = extract_paragraphs(&texts, issue_date);
    let byline = out.people.len();
    for m in found.people {
        if !out.people[byline..].iter().any(|q| q.name == m.name) {
            out.people.push(m);
        }
    }
    out.organizations = found.organizations;
    out.places = found.places;
    out.events = found.events;
    out.dates = found.dates;
    out.mentions = found.mentions;
    out.tentative = found.tentative;
    // a name cut short in one place (`曹立` of `曹立强在`) is the longer name
    // the article writes elsewhere
    let names: Vec<String> = out.people.iter().map(|p| p.name.clone()).collect();
    out.people.retain(|p| {
        p.role != PersonRole::Mentioned
            || !names.iter().any(|n| n.chars().count() > p.name.chars().count() && n.starts_with(p.name.as_str()))
    });
    // a name that took the next name's first character in a roll printed
    // without marks (`蔡奇丁` of `…王沪宁蔡奇丁薛祥李希…`) where the article
    // writes both names apart
    out.people.retain(|p| p.role != PersonRole::Mentioned || !glued(&p.name, &names, &texts));
    out
}

/// Whether `name` is another name of `names` with the first character of a
/// third glued on, the text writing the two side by side.
fn glued(name: &str, names: &[String], texts: &[&str]) -> bool {
    let Some(last) = name.chars().next_back() else { return false };
    let head = &name[..name.len() - last.len_utf8()];
    if head.chars().count() < 2 || !names.iter().any(|n| n == head) {
        return false;
    }
    names.iter().filter(|n| n.as_str() != name && n.starts_with(last) && n.chars().count() >= 2).any(|next| {
        let both = format!("{head}{next}");
        texts.iter().any(|t| t.contains(&both))
    })
}

/// What the tests of the passes ask of the whole finder.
#[cfg(test)]
mod testing {
    use super::*;

    /// The people named, sure or tentative (the index decides on the
    /// tentative ones per issue).
    pub(super) fn people(text: &str) -> Vec<(String, Option<String>)> {
        let e = extract_text(text, None);
        e.people.into_iter().chain(e.tentative).map(|p| (p.name, p.post)).collect()
    }

    pub(super) fn mentions(text: &str, kind: MentionKind) -> Vec<&str> {
        let e = extract_text(text, None);
        let found: Vec<std::ops::Range<usize>> =
            e.mentions.into_iter().filter(|m| m.kind == kind).map(|m| m.range).collect();
        found.into_iter().map(|r| &text[r]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{mentions, people};
    use super::*;

    #[test]
    fn a_name_that_hides_who_it_is_is_no_one_to_follow_whichever_pass_finds_it() {
        let e =
            extract_paragraphs(&["多亏邻居（李老师）热心相助，他才找回了钱包。", "第二天，他又去看望了李老师。"], None);
        assert!(e.people.is_empty() && e.tentative.is_empty(), "{:?} {:?}", e.people, e.tentative);
    }

    #[test]
    fn a_name_glued_to_the_next_in_a_roll_is_the_two_names() {
        let names: Vec<String> = ["王甲乙", "蔡丙", "丁戊己", "蔡丙丁"].iter().map(|s| s.to_string()).collect();
        let texts = ["王甲乙蔡丙丁戊己出席", "委员王甲乙、蔡丙、丁戊己"];
        assert!(glued("蔡丙丁", &names, &texts));
        assert!(!glued("丁戊己", &names, &texts));
        // written apart nowhere: nothing to go by
        assert!(!glued("蔡丙丁", &names, &["蔡丙丁出席"]));
    }

    #[test]
    fn a_figure_of_the_past_called_by_family_name_and_gong() {
        let p = people("包公断案的故事家喻户晓。");
        assert!(p.iter().any(|x| x.0 == "包公"), "{p:?}");
    }

    #[test]
    fn the_byline_gives_roles() {
        let issue = shuzibao_core::parse(
            "示例区报\n\n## 区里召开工作会议\n\n□ 记者 陈静 摄影 王强\n\n本报讯 区长张华出席会议并讲话。\n",
        );
        let article = &issue.articles[0];
        let e = extract(article, None);
        let role = |n: &str| e.people.iter().find(|p| p.name == n).map(|p| p.role);
        assert_eq!(role("陈静"), Some(PersonRole::Reporter), "{e:?}");
        assert_eq!(role("王强"), Some(PersonRole::Photographer), "{e:?}");
        assert_eq!(role("张华"), Some(PersonRole::Mentioned), "{e:?}");
        assert_eq!(e.people.iter().find(|p| p.name == "张华").and_then(|p| p.post.as_deref()), Some("区长"));
    }

    #[test]
    fn every_mention_is_kept_where_it_is_written() {
        let m = mentions("区长张华出席会议，张华指出要抓落实。", MentionKind::Person);
        assert_eq!(m, ["张华", "张华"]);
        assert_eq!(people("区长张华出席会议，张华指出要抓落实。").len(), 1, "the list keeps each name once");
    }
}
