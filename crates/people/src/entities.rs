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

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};
use shuzibao_core::lexicon::{self, Endings};
use shuzibao_core::model::Article;
use shuzibao_core::segment;
use shuzibao_core::text::is_han;
use std::sync::LazyLock;

mod named;
mod roll;

const ORG_SUFFIXES: &str = include_str!("../data/org_suffixes.txt");
const PLACE_SUFFIXES: &str = include_str!("../data/place_suffixes.txt");
const EVENT_WORDS: &str = include_str!("../data/event_words.txt");

static ORGS: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(ORG_SUFFIXES));
static PLACES: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(PLACE_SUFFIXES));
static EVENTS: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(EVENT_WORDS));

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

/// A token of jieba with its tag and byte offset.
struct Tok<'a> {
    word: &'a str,
    tag: &'a str,
    start: usize,
}

fn is_noun_tag(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr"
            | "ns"
            | "nt"
            | "nz"
            | "nrt"
            | "nrfg"
            | "j"
            | "vn"
            | "an"
            | "ng"
            | "l"
            | "eng"
            | "m"
            | "mq"
            | "q"
            | "f"
            | "s"
            | "b"
    )
}

fn is_person_tag(tag: &str) -> bool {
    matches!(tag, "nr" | "nrfg" | "nrt")
}

/// Whether a word reads as a Chinese personal name.
fn name_ok(w: &str) -> bool {
    let n = w.chars().count();
    if w.contains(['·', '•', '・']) {
        return n >= 3 && w.chars().all(|c| is_han(c) || matches!(c, '·' | '•' | '・'));
    }
    (2..=4).contains(&n) && w.chars().all(is_han) && lexicon::has_surname(w)
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Finds the entities of one paragraph of text.
fn scan(text: &str, paragraph: usize, out: &mut Entities) {
    let tags = {
        let seg = segment::Segmenter::base();
        let mut at = 0;
        seg.tagged(text)
            .into_iter()
            .map(|(r, tag)| {
                let tok = (text[r.clone()].to_string(), tag.to_string(), at);
                at = r.end;
                tok
            })
            .collect::<Vec<_>>()
    };
    let toks: Vec<Tok<'_>> =
        tags.iter().map(|(w, t, s)| Tok { word: &text[*s..*s + w.len()], tag: t.as_str(), start: *s }).collect();
    let mut used = vec![false; toks.len()];
    // names printed side by side in a roll (`委员：张立林海陈志远`)
    name_rolls(text, &toks, paragraph, &mut used, out);
    // a signature: a paragraph or brackets holding nothing but names
    standalone_names(text, &toks, paragraph, &mut used, out);
    // people, organisations and places as the model names them; people
    // first, then the rules' lists and dotted names around them
    let named = named::find(text, &toks);
    named::add_people(text, &toks, &named, paragraph, &mut used, out);
    // names listed with a name (`王光英、程思远、王朝文`): each item of a list
    // of `、` next to a person is one too when it reads as a name
    listed_names(text, &toks, paragraph, &mut used, out);
    // organisations, places and events: runs of nouns closed by a known ending
    let known = |t: &Tok<'_>| lexicon::is_known_place(t.word) || lexicon::is_known_organization(t.word);
    let mut i = 0;
    while i < toks.len() {
        if used[i] || !(is_noun_tag(toks[i].tag) || known(&toks[i])) || date_part(&toks, i) {
            i += 1;
            continue;
        }
        // a kind of body, not a name (`地方政府`, `民间组织`, `县级人民政府`):
        // the words after such a head name nothing either
        if GENERIC_HEADS.iter().any(|h| toks[i].word.starts_with(h)) {
            i += 1;
            while i < toks.len() && is_noun_tag(toks[i].tag) && !known(&toks[i]) {
                i += 1;
            }
            continue;
        }
        // a classifier after a number (`５家出版社`), a quantity or a kind
        // (`所有`, `大型`) starts no name
        // nor does a common word before a place or a body
        // (`代表` / `中国政府`, `主张` / `国共两党`)
        let before_a_name = toks.get(i + 1).is_some_and(|n| {
            matches!(n.tag, "ns" | "nt") || lexicon::is_known_place(n.word) || lexicon::is_known_organization(n.word)
        }) && matches!(toks[i].tag, "n" | "vn" | "l" | "v")
            && !known(&toks[i])
            && !LEVELS.iter().any(|l| toks[i].word.starts_with(l));
        // (a name in quotes may start with anything: `“七点钟美术馆”`)
        let quoted = i > 0 && matches!(toks[i - 1].word, "“" | "「" | "『");
        if !quoted && (opens_no_name(&toks[i]) || before_a_name) || toks[i].word == "暨" {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut best: Option<(usize, char)> = None;
        let mut inner: Option<(usize, char)> = None;
        // the end of a kind of body or place (`科学智能研究院`): its words name
        // nothing, not even its last alone
        let mut kind_of: Option<usize> = None;
        while j < toks.len()
            && j - i < 7
            && !used[j]
            && !date_part(&toks, j)
            && !matches!(toks[j].word, "暨" | "及" | "与" | "和")
            // a count or quantity makes what follows a kind (`深圳一家制衣厂`)
            && !(j > i && matches!(toks[j].tag, "m" | "mq") && toks[j].word.ends_with(COUNTED))
            && (is_noun_tag(toks[j].tag)
                || known(&toks[j])
                || toks[j].word == "·"
                || opens_an_ending(text, &toks, j)
                // a dash between two countries (`圭亚那—中国友好协会`)
                || j > i
                    && matches!(toks[j].word, "—" | "－" | "-")
                    && lexicon::is_known_place(toks[j - 1].word)
                    && toks.get(j + 1).is_some_and(|n| lexicon::is_known_place(n.word))
                // a quality inside a name (`友好协会`, `民族革新党`)
                || j > i && toks[j].tag == "a" && toks.get(j + 1).is_some_and(|n| is_noun_tag(n.tag)))
        {
            let phrase = &text[toks[i].start..toks[j].start + toks[j].word.len()];
            if phrase.chars().count() > 24 {
                break;
            }
            // an ending inside a common word the dictionary knows (`干部`,
            // `地区`, `全面部署`) makes no name
            let ends = |found: Option<&str>| {
                found.is_some_and(|suffix| {
                    let last = &toks[j];
                    let tagged_proper = matches!(last.tag, "ns" | "nt") && suffix.chars().count() >= 2;
                    let inside =
                        suffix.len() < last.word.len() && !known(last) && !tagged_proper && jieba_has(last.word);
                    // one character that closes a common word of two is part
                    // of it (`干部`, `党员干部`, `战略部署`); otherwise it names
                    // a unit (`公安厅`, `派出所`)
                    // (a word of two that ends with `委` is a body: `教委`, `计委`)
                    let in_a_word = || {
                        if suffix == "委" && lexicon::post_ending(last.word) != Some(last.word) {
                            return false;
                        }
                        let cut = last.word.char_indices().rev().nth(1).map_or(0, |(b, _)| b);
                        let pair = &last.word[cut..];
                        jieba_has(pair) && !dictionary_tag(pair).is_some_and(|t| matches!(t.as_str(), "nt" | "j"))
                    };
                    // a foreign name written by its sounds ends with one by
                    // chance (`阿卡普尔科`)
                    let sounded = suffix.chars().count() == 1
                        && suffix.len() < last.word.len()
                        && (last.tag == "nrt" || last.word.chars().all(lexicon::is_transliteration_char));
                    // a team of a kind is one word of the dictionary
                    // (`联防队`, `服务队`), a team by name is not
                    let team = suffix == "队"
                        && j == i
                        && inside
                        && last.tag != "nt"
                        && dictionary_tag(&last.word[..last.word.len() - suffix.len()])
                            .is_some_and(|t| t.starts_with('v') || t == "n");
                    !(sounded || team || inside && (if suffix.chars().count() == 1 { in_a_word() } else { j == i }))
                })
            };
            // a known name closing a run of words that are not names
            // themselves (`有关香港`, `日讯新华社`) is the name alone
            let proper = |t: &Tok<'_>| {
                known(t)
                    || matches!(t.tag, "ns" | "nt" | "j")
                    || t.word == "·"
                    || LEVELS.contains(&t.word)
                    || is_ordinal(t.word)
            };
            let led_by_common_words = j > i && known(&toks[j]) && !toks[i..j].iter().all(proper);
            // a post closes no organisation (`中共中央政治局常委`)
            let ends_with_post = lexicon::post_ending(toks[j].word) == Some(toks[j].word);
            let kind = if lexicon::is_known_place(phrase) {
                Some('p')
            } else if lexicon::is_known_organization(phrase) {
                Some('o')
            } else if j > i
                && lexicon::is_known_organization(toks[j].word)
                && toks[i..j].iter().all(|t| lexicon::is_known_place(t.word))
            {
                // a country's or a city's own body (`中国海军`, `美国国务院`)
                Some('o')
            } else if joins_two(toks[j].word) {
                // bodies joined in one word of the dictionary (`党和政府`)
                // are no one body
                None
            } else if minister_of(toks[j].word)
                && !led_by_common_words
                && toks.get(j + 1).is_none_or(|n| EVENTS.find(n.word).is_none())
            {
                // the ministry inside a minister's post (`俄罗斯外交部长`)
                Some('o')
            } else if led_by_common_words || ends_with_post || government_of(phrase) {
                None
            } else if j == i && local_organ(phrase) {
                Some('o')
            } else if ends(EVENTS.find_proper(phrase))
                && EVENTS.find_proper(phrase).map(str::len) >= ORGS.find_proper(phrase).map(str::len)
            {
                // the longer ending decides: `代表大会` is a body, `表彰大会` an event
                Some('e')
            } else if toks[j].tag == "nt" && (j > i || ORGS.find_proper(phrase).is_some() || of_a_place(phrase)) {
                // (the dictionary tags some common words `nt` alone:
                // `公共汽车`, `中草药`; one with an ending of a body is one)
                Some('o')
            } else if ends(ORGS.find_proper(phrase)) || ends(PLACES.find_proper(phrase)) {
                let org = ends(ORGS.find_proper(phrase));
                if j > i && !distinctive(&toks[i..=j]) {
                    kind_of = Some(j);
                    None
                } else if org {
                    Some('o')
                } else {
                    Some('p')
                }
            } else if toks[j].tag == "ns" && j == i && ns_is_a_place(phrase) {
                Some('p')
            } else {
                None
            };
            if let Some(k) = kind {
                if k == 'e' && best.is_some_and(|b| b.1 != 'e') {
                    inner = best;
                }
                best = Some((j, k));
            }
            j += 1;
        }
        let Some((mut j, kind)) = best else {
            i = kind_of.unwrap_or(i) + 1;
            continue;
        };
        // a party's congress by its number (`致公党十大`, `民建七大`) is named
        // as a body, as `十五大` is
        if kind == 'o'
            && toks.get(j + 1).is_some_and(|t| congress_number(t.word))
            && !used[j + 1]
            && lexicon::is_known_organization(&text[toks[i].start..toks[j].start + toks[j].word.len()])
        {
            j += 1;
        }
        // the organisation or place that begins an event's name
        // (`第九届全国人民代表大会第五次会议`) is named too; the segmenter may
        // keep a session whole (`中共十一届三中全会`): its body is what comes
        // before the term
        if kind == 'e' && inner.is_none() {
            let phrase = &text[toks[i].start..toks[j].start + toks[j].word.len()];
            if let Some(m) = TERM.find(phrase).filter(|m| m.start() > 0) {
                let body = &phrase[..m.start()];
                if lexicon::is_known_organization(body) {
                    push_unique(&mut out.organizations, body.to_string());
                    let range = toks[i].start..toks[i].start + body.len();
                    out.mentions.push(Mention { kind: MentionKind::Organization, paragraph, range });
                }
            }
        }
        if let Some((k, inner_kind)) = inner.filter(|_| kind == 'e') {
            // a session's number belongs to the event (`第四次` / `亚太经合组织` / `会议`)
            let first =
                (i..k).find(|&s| !(toks[s].word.starts_with('第') && toks[s].word.ends_with('次'))).unwrap_or(k);
            let range = toks[first].start..toks[k].start + toks[k].word.len();
            let kind = if inner_kind == 'o' { MentionKind::Organization } else { MentionKind::Place };
            let list = if inner_kind == 'o' { &mut out.organizations } else { &mut out.places };
            push_unique(list, text[range.clone()].to_string());
            out.mentions.push(Mention { kind, paragraph, range });
        }
        // two places the gazetteer knows written together
        // (`中华人民共和国香港特别行政区`) are two places
        let split = (i + 1..=j).find(|&k| {
            lexicon::is_known_place(&text[toks[i].start..toks[k].start])
                && lexicon::is_known_place(&text[toks[k].start..toks[j].start + toks[j].word.len()])
        });
        let parts = match split {
            Some(k) => vec![(i, k - 1, 'p'), (k, j, 'p')],
            None => vec![(i, j, kind)],
        };
        for (a, b, kind) in parts {
            let mut range = toks[a].start..toks[b].start + toks[b].word.len();
            // a post written after an organisation is not part of it
            // (`中共中央政治局常委`)
            if kind == 'o' && minister_of(toks[b].word) {
                range.end -= '长'.len_utf8();
            } else if kind == 'o' {
                if let Some(post) = lexicon::post_ending(&text[range.clone()]) {
                    let rest = &text[range.start..range.end - post.len()];
                    if rest.chars().count() >= 2
                        && (lexicon::is_known_organization(rest) || ORGS.find_proper(rest).is_some())
                    {
                        range.end -= post.len();
                    }
                }
            }
            let phrase = text[range.clone()].to_string();
            // (bodies and places are the model's: below)
            if kind == 'e' && phrase.chars().count() >= 2 && phrase.chars().filter(|c| is_han(*c)).count() >= 2 {
                let (kind, list) = match kind {
                    'e' => (MentionKind::Event, &mut out.events),
                    'o' => (MentionKind::Organization, &mut out.organizations),
                    _ => (MentionKind::Place, &mut out.places),
                };
                push_unique(list, phrase);
                out.mentions.push(Mention { kind, paragraph, range });
            }
        }
        i = j + 1;
    }
    named::add_bodies_and_places(text, &toks, &named, paragraph, &mut used, out);
    bodies_named_alone(text, &toks, paragraph, &used, out);
}

/// A committee, a presidium or a chamber written alone (`对委员会的启动`,
/// `根据筹委会的建议`): a mention of the body the text is about, kept as a
/// mention only, since it names no body by itself. Not after a word that
/// would make it part of a longer name the finder missed.
fn bodies_named_alone(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &[bool], out: &mut Entities) {
    // after a word of grammar, a determiner (`该`, `新一届`) or punctuation;
    // not after a closing quote (`“幸福工程”组委会`): a name stands there
    let opens = |t: &Tok<'_>| {
        t.tag.starts_with(['p', 'c', 'r', 'u', 'd', 'b'])
            || t.word.chars().all(|c| !c.is_alphanumeric() && !"”’』」》）)".contains(c))
    };
    for i in 0..toks.len() {
        if used[i] || i > 0 && !opens(&toks[i - 1]) {
            continue;
        }
        let start = toks[i].start;
        let Some(end) = toks[i..]
            .iter()
            .take(3)
            .map(|t| t.start + t.word.len())
            .find(|&end| lexicon::is_body_named_alone(&text[start..end]))
        else {
            continue;
        };
        let taken = out.mentions.iter().any(|m| m.paragraph == paragraph && m.range.start < end && start < m.range.end);
        if !taken {
            out.mentions.push(Mention { kind: MentionKind::Organization, paragraph, range: start..end });
        }
    }
}

/// Names printed side by side in a roll (`委员：张立林海陈志远`, see `roll`):
/// a run that reads as a roll on its own, and in a paragraph holding one,
/// the shorter runs of two names or more between its notes (`（女）`).
fn name_rolls(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    // a cut through a place or an organisation the segmenter found
    // (`巴基|斯坦`) is no roll of names
    let through_a_word = |run: &std::ops::Range<usize>, pieces: &[roll::Piece]| {
        pieces.iter().any(|p| {
            let cut = run.start + p.range.end;
            toks.iter().any(|t| t.start < cut && cut < t.start + t.word.len() && matches!(t.tag, "ns" | "nt" | "nz"))
        })
    };
    let cut = |r: &std::ops::Range<usize>| roll::split(&text[r.clone()], known_as).filter(|p| !through_a_word(r, p));
    // only a run where the segmenter found two names or more, making a
    // third of it, is cut to see whether it is a roll (cutting looks words
    // up in the dictionary: too slow for every clause)
    let runs = roll::runs(text, 4);
    // (count, bytes) of the names the segmenter found in each run
    let mut found = vec![(0usize, 0usize); runs.len()];
    let mut k = 0;
    for t in toks.iter().filter(|t| is_person_tag(t.tag)) {
        while k < runs.len() && runs[k].end <= t.start {
            k += 1;
        }
        if k < runs.len() && runs[k].start <= t.start {
            found[k].0 += 1;
            found[k].1 += t.word.len();
        }
    }
    let named = |k: usize| found[k].0 >= 2 && found[k].1 * 3 >= runs[k].len();
    let mut cuts: Vec<Option<Option<Vec<roll::Piece>>>> =
        runs.iter().enumerate().map(|(k, r)| named(k).then(|| cut(r))).collect();
    let rolls = |(r, p): (&std::ops::Range<usize>, &Option<Option<Vec<roll::Piece>>>)| {
        p.as_ref().and_then(Option::as_ref).is_some_and(|p| roll::is_roll(&text[r.clone()], p))
    };
    if !runs.iter().zip(&cuts).any(rolls) {
        return;
    }
    // in a paragraph holding a roll, the other runs may be parts of it
    for (r, c) in runs.iter().zip(&mut cuts) {
        if c.is_none() {
            *c = Some(cut(r));
        }
    }
    for (run, pieces) in runs.iter().zip(cuts) {
        let Some(pieces) = pieces.flatten().filter(|p| roll::is_part_of_roll(p)) else { continue };
        for p in pieces {
            push_person(out, paragraph, run.start + p.range.start..run.start + p.range.end, text);
        }
        take(toks, used, run);
    }
}

/// The term of a body in the name of its session: `十一届` in
/// `中共十一届三中全会`, `第九届`.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"第?[一二三四五六七八九十百零〇\d０-９]+届").unwrap()
});

/// Brackets around a few characters: `（关纪新）`, `(祝注先)`.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"[（(]([\p{Han}]{2,10})[）)]").unwrap()
});

/// What the dictionary says of a word, for cutting rolls of names.
fn known_as(w: &str) -> roll::Known {
    match dictionary_tag(w) {
        Some(t) if is_person_tag(&t) => roll::Known::Name,
        Some(_) => roll::Known::Word,
        None => roll::Known::Unknown,
    }
}

/// Signatures: a paragraph, or brackets after a title, that hold nothing but
/// one to three names (`林文渊`, `周立李明华`, `《辽金史新论》（林文渊）`), each
/// opening with a family name and none a word the dictionary knows as
/// something else.
fn standalone_names(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    let start = text.len() - text.trim_start().len();
    let whole = start..start + text.trim().len();
    let bracketed = BRACKETED.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.range());
    for span in std::iter::once(whole).chain(bracketed) {
        let run = &text[span.clone()];
        // (`许光明摄` is a credit, read with the bylines)
        if !(2..=10).contains(&run.chars().count()) || !run.chars().all(is_han) || run.ends_with('摄') {
            continue;
        }
        let Some(pieces) = roll::split(run, known_as) else { continue };
        let name_like = |w: &str| {
            name_ok(w)
                && !not_a_name_ending(w)
                && !lexicon::is_known_place(w)
                && !lexicon::is_known_organization(w)
                && !opens_with_common_word(w)
                && (!jieba_has(w) || dictionary_tag(w).is_some_and(|t| is_person_tag(&t)))
        };
        // two or three names side by side are names of three characters or
        // names the dictionary knows (`毕加|索故|居行` is none)
        let several_ok = |p: &roll::Piece| pieces.len() == 1 || p.known || run[p.range.clone()].chars().count() == 3;
        if pieces.len() > 3 || pieces.iter().any(|p| p.odd || !name_like(&run[p.range.clone()]) || !several_ok(p)) {
            continue;
        }
        for p in pieces {
            let range = span.start + p.range.start..span.start + p.range.end;
            push_person(out, paragraph, range, text);
        }
        take(toks, used, &span);
    }
}

/// Marks the tokens that overlap `range` as read.
fn take(toks: &[Tok<'_>], used: &mut [bool], range: &std::ops::Range<usize>) {
    for (k, t) in toks.iter().enumerate() {
        if t.start < range.end && t.start + t.word.len() > range.start {
            used[k] = true;
        }
    }
}

/// Records a person named at `range` of the paragraph, with no post.
fn push_person(out: &mut Entities, paragraph: usize, range: std::ops::Range<usize>, text: &str) {
    let name = &text[range.clone()];
    out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range });
    if !out.people.iter().any(|q| q.name == name) {
        out.people.push(PersonMention {
            name: name.to_string(),
            post: None,
            role: PersonRole::Mentioned,
            paragraph: Some(paragraph),
        });
    }
}

/// Whether the words of a body's name hold something that tells one body
/// from another: a place, a name, a proper noun, a level (`区委`), an
/// ordinal, Latin letters or digits. Common nouns and an ending name a kind
/// of body (`联防队`, `航空学院`, `多家公司`), not one; a body named by one
/// word of the dictionary (`书记处`, `公安厅`) is asked none of this.
fn distinctive(words: &[Tok<'_>]) -> bool {
    words.iter().any(|t| {
        matches!(t.tag, "ns" | "nt" | "nz" | "nr" | "nrt" | "nrfg" | "j" | "eng")
            || lexicon::is_known_place(t.word)
            || lexicon::is_known_organization(t.word)
            || LEVELS.iter().any(|l| t.word.starts_with(l))
            || is_ordinal(t.word)
            || !t.word.chars().all(is_han)
    })
}

/// Words that make an organisation's ending a kind, not a name:
/// `地方政府`, `党政机关`, `民间组织`, `县级人民政府`.
const GENERIC_HEADS: &[&str] =
    &["地方", "民间", "基层", "各级", "县级", "乡级", "市级", "省级", "党政", "各地", "有关", "当地", "相关", "各类"];

/// Levels of government and bodies that head a short organ's name: `县委`,
/// `团委`, `省教委`, `市政府`.
const LEVELS: &[&str] =
    &["省", "市", "县", "区", "乡", "镇", "村", "州", "盟", "旗", "团", "党", "中央", "全国", "地方"];

/// A word the dictionary keeps whole that names a local organ: a level of
/// government and an organisation's ending (`县委`, `省教委`), unlike
/// `干部` or `全部`, whose ending is part of a common word.
fn local_organ(w: &str) -> bool {
    let Some(suffix) = ORGS.find_proper(w) else { return false };
    let head = &w[..w.len() - suffix.len()];
    let Some(level) = LEVELS.iter().find(|l| head.starts_with(**l)) else { return false };
    // `村干部`: after the level, a common word that merely ends like an organ
    let after = &w[level.len()..];
    let common = after.len() > suffix.len()
        && jieba_has(after)
        && dictionary_tag(after).is_some_and(|t| !matches!(t.as_str(), "nt" | "j"));
    head.chars().count() <= 2 && !common
}

/// `中国政府`, `美国政府`: a country's government is named by the country
/// (the place), as the People's Daily annotation does; `徐汇区人民政府`
/// stays an organisation.
fn government_of(phrase: &str) -> bool {
    phrase.strip_suffix("政府").is_some_and(|head| !head.ends_with("人民") && lexicon::is_known_place(head))
}

/// Whether token `k`, though no noun, opens with the next word an ending
/// of a body (`终审` `法院`, `筹备` `委员会`).
fn opens_an_ending(text: &str, toks: &[Tok<'_>], k: usize) -> bool {
    toks.get(k + 1).is_some_and(|n| {
        let w = &text[toks[k].start..n.start + n.word.len()];
        ORGS.find(w) == Some(w)
    })
}

/// A body the dictionary keeps as one word with its country or city
/// (`英国工党`): a known place, then a word.
fn of_a_place(w: &str) -> bool {
    w.char_indices()
        .skip(1)
        .any(|(b, _)| lexicon::is_known_place(&w[..b]) && w[b..].chars().count() >= 2 && jieba_has(&w[b..]))
}

/// A word of the dictionary that joins two things with `和` or `与`
/// (`党和政府`), unlike a name that holds the character (`共和国`).
fn joins_two(w: &str) -> bool {
    w.char_indices()
        .skip(1)
        .any(|(b, c)| matches!(c, '和' | '与') && b + c.len_utf8() < w.len() && !w[..b].ends_with('共'))
}

/// `外交部长`, `国防部长`: a minister's post written as one word, whose
/// ministry (`外交部`) is named inside it.
fn minister_of(w: &str) -> bool {
    w.chars().count() >= 4 && w.strip_suffix("部长").is_some_and(|head| !head.starts_with('副'))
}

/// `七大`, `十一大`: a congress by its number.
fn congress_number(w: &str) -> bool {
    w.strip_suffix('大')
        .is_some_and(|n| (1..=3).contains(&n.chars().count()) && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
}

/// The classifiers that close a count of things (`一些`, `两家`, `三个`).
const COUNTED: [char; 12] = ['些', '家', '个', '位', '批', '座', '所', '名', '支', '种', '类', '项'];

/// A word of quantity, kind or state that goes before a name without
/// being part of it: `所有`, `一些`, `大型`, `原`.
fn opens_no_name(t: &Tok<'_>) -> bool {
    matches!(t.tag, "b" | "mq" | "q" | "f")
        || t.tag == "m" && !is_ordinal(t.word)
        || t.word.chars().count() == 1 && t.tag == "n" && !LEVELS.contains(&t.word)
}

/// A part of a date or a dateline (`二十八日`, `年`, the `日电` of `４日电`):
/// no name runs through it.
fn date_part(toks: &[Tok<'_>], i: usize) -> bool {
    let w = toks[i].word;
    let after_number = i > 0 && toks[i - 1].word.chars().last().is_some_and(|c| c.is_numeric() || c == '月');
    toks[i].tag == "m" && w.ends_with(['年', '月', '日']) || after_number && ["日", "年", "日电"].contains(&w)
}

/// `第九届`, `第十五次`: an ordinal that opens the name of a congress or a session.
fn is_ordinal(w: &str) -> bool {
    w.starts_with('第') && w.ends_with(['届', '次', '任', '期']) && w.chars().count() >= 3
}

/// Whether a word jieba tags as a place is one: the gazetteer knows it, or
/// the dictionary does not (a name the segmenter guessed). The dictionary
/// tags many common words as places (`城市`, `神圣`).
fn ns_is_a_place(w: &str) -> bool {
    lexicon::is_known_place(w) || !jieba_has(w)
}

/// Marks the items of `、` lists next to a person as people when they read
/// as Chinese names, going along the list both ways.
fn listed_names(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &mut [bool], out: &mut Entities) {
    let is_mark = |t: &Tok<'_>| t.word == "、";
    let ends_item = |t: &Tok<'_>| {
        is_mark(t)
            || !t.word.chars().all(is_han)
            || matches!(t.word, "等" | "和" | "及" | "与" | "以及" | "同志" | "分别" | "也" | "都")
    };
    // the items: token ranges between marks
    let mut items: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if ends_item(&toks[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < toks.len() && !ends_item(&toks[k]) && k - start < 3 {
            k += 1;
        }
        items.push(start..k);
    }
    let person_item = |r: &std::ops::Range<usize>, out: &Entities| {
        let (a, b) = (toks[r.start].start, toks[r.end - 1].start + toks[r.end - 1].word.len());
        out.mentions.iter().any(|m| m.paragraph == paragraph && m.kind == MentionKind::Person && m.range == (a..b))
    };
    let listed = |x: &std::ops::Range<usize>, y: &std::ops::Range<usize>| {
        x.end < toks.len() && x.end + 1 == y.start && is_mark(&toks[x.end])
    };
    loop {
        let mut grew = false;
        for n in 0..items.len() {
            let r = items[n].clone();
            if person_item(&r, out) || used[r.clone()].iter().any(|u| *u) {
                continue;
            }
            let next_to_person = (n > 0 && listed(&items[n - 1], &r) && person_item(&items[n - 1], out))
                || (n + 1 < items.len() && listed(&r, &items[n + 1]) && person_item(&items[n + 1], out));
            if !next_to_person {
                continue;
            }
            let range = toks[r.start].start..toks[r.end - 1].start + toks[r.end - 1].word.len();
            let name = &text[range.clone()];
            let common = r.len() == 1 && jieba_has(name) && !is_person_tag(toks[r.start].tag);
            if !name_ok(name) || common || looks_like_org_or_place(name) || not_a_name_ending(name) {
                continue;
            }
            out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range });
            if !out.people.iter().any(|p| p.name == name) {
                let post = listed_post(toks, r.start, out);
                out.people.push(PersonMention {
                    name: name.to_string(),
                    post,
                    role: PersonRole::Mentioned,
                    paragraph: Some(paragraph),
                });
            }
            for u in &mut used[r] {
                *u = true;
            }
            grew = true;
        }
        if !grew {
            break;
        }
    }
}

/// Endings that make a word a thing or a place, not a given name
/// (`严肃性`, `安全感`, `徐汇区`).
fn not_a_name_ending(w: &str) -> bool {
    w.chars().count() >= 3
        && w.chars()
            .next_back()
            .is_some_and(|c| "性感化度率型界们式制论观法品区市县镇乡村路街弄巷港湾部局厅署杯奖".contains(c))
}

fn jieba_has(word: &str) -> bool {
    segment::Segmenter::base().has_word(word)
}

/// Whether a word of three characters begins with a word of two the
/// dictionary knows as something other than a name (`纪念` in `纪念章`).
/// Its end is no sign: given names are often words (`建华`, `锦涛`).
fn opens_with_common_word(word: &str) -> bool {
    let Some((third, _)) = word.char_indices().nth(2) else { return false };
    dictionary_tag(&word[..third]).is_some_and(|t| !is_person_tag(&t) && !t.starts_with("ns"))
}

/// The dictionary's part-of-speech tag of a whole word, if it has the word.
fn dictionary_tag(word: &str) -> Option<String> {
    let seg = segment::Segmenter::base();
    if !seg.has_word(word) {
        return None;
    }
    match seg.tagged_fast(word).as_slice() {
        [(r, tag)] if r.len() == word.len() => Some(tag.to_string()),
        _ => None,
    }
}

fn looks_like_org_or_place(w: &str) -> bool {
    lexicon::is_known_place(w)
        || lexicon::is_known_organization(w)
        || ORGS.find_proper(w).is_some()
        || PLACES.find_proper(w).is_some()
        || EVENTS.find_proper(w).is_some()
}

/// Words that end a post on its left: function words and the verbs that
/// come before a list of officials (`会见`, `陪同`, `出席的有`).
const BEFORE_POST: &[&str] = &[
    "的", "有", "在", "和", "与", "及", "以及", "由", "是", "为", "到", "向", "对", "把", "被", "让", "请", "等", "了",
    "同", "跟", "并", "还", "也", "都", "就", "又", "其中", "包括", "陪同", "会见", "会晤", "出席", "参加", "参与",
    "主持", "率", "率队", "带队", "看望", "慰问", "表示", "指出", "说", "强调", "认为", "介绍", "来到", "前往", "走访",
    "调研", "考察", "听取", "签署", "宣布", "致辞", "讲话", "称", "据", "经", "从", "自", "于", "给", "替",
];

/// Verbs that are part of a post (`本报驻日本记者`, `国务委员兼外长`,
/// `本报赴柬埔寨特派记者`).
const VERBS_IN_POSTS: &[&str] =
    &["驻", "兼", "赴", "兼任", "代", "派驻", "常驻", "主管", "分管", "执行", "挂职", "特派"];

/// The post written just before the person at token `i` (`徐汇区委常委、
/// 副区长`, `市委党史学习教育第二巡回指导组组长`): the words back to the
/// nearest punctuation, function word or other person, when they end with
/// a post word.
fn post_before(toks: &[Tok<'_>], i: usize) -> Option<String> {
    let end = toks.get(i.checked_sub(1)?)?;
    lexicon::post_ending(end.word)?;
    let mut j = i;
    let mut chars = 0;
    while j > 0 && i - j < 16 {
        let t = &toks[j - 1];
        if t.word == "、" {
            // `区委副书记、区长`: the part before must itself end with a post
            if j >= 2 && lexicon::post_ending(toks[j - 2].word).is_some() {
                j -= 1;
                continue;
            }
            break;
        }
        let punctuation = !t.word.chars().any(|c| is_han(c) || c.is_alphanumeric());
        let another_person = is_person_tag(t.tag) && name_ok(t.word) && !not_a_name_ending(t.word);
        // a verb (`得知`, `应`, `综合`) or a count (`两位`, a dateline's
        // `2月25日`) is no part of a post; an ordinal is (`第十三届`), and so
        // are the verbs posts are made of (`驻`, `兼`)
        let verb = t.tag.starts_with('v') && !VERBS_IN_POSTS.contains(&t.word);
        let count = matches!(t.tag, "m" | "mq" | "t") && !is_ordinal(t.word);
        // a dateline's end (`25日电`, `专电`) is where a reporter's post starts
        let dateline = t.word.ends_with('电');
        chars += t.word.chars().count();
        if punctuation || another_person || verb || count || dateline || BEFORE_POST.contains(&t.word) || chars > 30 {
            break;
        }
        j -= 1;
    }
    let s: String = toks[j..i].iter().map(|t| t.word).collect();
    let s = s.trim_start_matches('、').to_string();
    (s.chars().count() >= 2).then_some(s)
}

/// In `区领导曹立强、王华、黄冲`, a name after `、` without a post of its own
/// takes the post of the list's first name.
fn listed_post(toks: &[Tok<'_>], i: usize, out: &Entities) -> Option<String> {
    if i < 2 || toks[i - 1].word != "、" {
        return None;
    }
    let prev = toks[i - 2].word;
    out.people.iter().rev().find(|p| p.name.ends_with(prev) || prev.ends_with(&p.name)).and_then(|p| p.post.clone())
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"(?:(去年|今年|明年|前年)|((?:19|20)[0-9]{2})年)?([0-9]{1,2})月([0-9]{1,2})日(凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)?|(当天|当日|近日|日前|昨天|昨日|今天|今日|前不久|此前)")
        .unwrap()
});

/// Finds the dates of one paragraph, resolved against `issue`.
fn scan_dates(
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
        scan_dates(p, i, issue_date, &mut last, &mut out.dates);
    }
    mention_again(paragraphs, &mut out);
    out
}

/// Adds a mention wherever the paragraphs write a name found elsewhere in
/// them and not yet covered by a mention, longest names first.
fn mention_again(paragraphs: &[&str], out: &mut Entities) {
    let mut names: Vec<(&str, MentionKind)> = Vec::new();
    names.extend(out.people.iter().map(|p| (p.name.as_str(), MentionKind::Person)));
    names.extend(out.organizations.iter().map(|n| (n.as_str(), MentionKind::Organization)));
    names.extend(out.places.iter().map(|n| (n.as_str(), MentionKind::Place)));
    names.retain(|(n, _)| n.chars().count() >= 2 && n.chars().all(|c| is_han(c) || c == '·'));
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut added = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let mut taken: Vec<std::ops::Range<usize>> =
            out.mentions.iter().filter(|m| m.paragraph == i).map(|m| m.range.clone()).collect();
        for &(name, kind) in &names {
            for (at, _) in p.match_indices(name) {
                let range = at..at + name.len();
                if taken.iter().any(|t| t.start < range.end && range.start < t.end) {
                    continue;
                }
                taken.push(range.clone());
                added.push(Mention { kind, paragraph: i, range });
            }
        }
    }
    out.mentions.extend(added);
    out.mentions.sort_by_key(|m| (m.paragraph, m.range.start));
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
    out
}

/// Finds the entities of every article of an issue. A name cut short by a
/// character in one article (`曹立` of `曹立强在`, `林郑月` of `林郑月娥`) that
/// another article of the issue writes in full becomes the full name.
pub fn extract_issue(articles: &[Article], issue_date: Option<NaiveDate>) -> Vec<Entities> {
    let mut all: Vec<Entities> = articles.iter().map(|a| extract(a, issue_date)).collect();
    // a name the model gave without the look of a Chinese name is a person
    // where the issue names it surely somewhere (with a post, in a byline,
    // in a roll, or with a common family name)
    let sure: std::collections::HashSet<String> =
        all.iter().flat_map(|e| e.people.iter().map(|p| p.name.clone())).collect();
    for e in &mut all {
        for t in std::mem::take(&mut e.tentative) {
            if sure.contains(&t.name) && !e.people.iter().any(|p| p.name == t.name) {
                e.people.push(t);
            }
        }
    }
    let mut names: Vec<String> = all.iter().flat_map(|e| e.people.iter().map(|p| p.name.clone())).collect();
    names.sort_unstable();
    names.dedup();
    for e in &mut all {
        for p in &mut e.people {
            let n = p.name.chars().count();
            if p.role != PersonRole::Mentioned || n < 2 {
                continue;
            }
            let longer: Vec<&String> =
                names.iter().filter(|m| m.chars().count() == n + 1 && m.starts_with(p.name.as_str())).collect();
            if let [only] = longer.as_slice() {
                p.name = (*only).clone();
            }
        }
        let mut seen = std::collections::HashSet::new();
        e.people.retain(|p| seen.insert((p.name.clone(), p.role)));
    }
    all
}

/// A date guessed for an issue without a masthead, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// The guessed publication date.
    pub date: NaiveDate,
    /// What it rests on, in words.
    pub evidence: String,
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
    use super::*;

    /// The people named, sure or tentative (the index decides on the
    /// tentative ones per issue).
    fn people(text: &str) -> Vec<(String, Option<String>)> {
        let e = extract_text(text, None);
        e.people.into_iter().chain(e.tentative).map(|p| (p.name, p.post)).collect()
    }

    #[test]
    fn people_with_their_posts() {
        let p = people("区委书记曹立强出席会议。区委副书记、区长钟晓咏主持。");
        assert!(p.contains(&("曹立强".into(), Some("区委书记".into()))), "{p:?}");
        assert!(p.contains(&("钟晓咏".into(), Some("区委副书记、区长".into()))), "{p:?}");
    }

    #[test]
    fn a_list_under_one_label() {
        let p = people("区领导曹立强、王华、黄冲、沈权参加活动。");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"王华") && names.contains(&"沈权"), "{p:?}");
        assert!(p.iter().filter(|x| x.1.as_deref() == Some("区领导")).count() >= 2, "{p:?}");
    }

    #[test]
    fn a_figure_of_the_past_called_by_family_name_and_gong() {
        let p = people("包公断案的故事家喻户晓。");
        assert!(p.iter().any(|x| x.0 == "包公"), "{p:?}");
    }

    #[test]
    fn a_street_or_house_named_after_a_person_is_a_place() {
        let e = extract_text("莫斯科高尔基大街上人来人往。毕加索故居对外开放。", None);
        assert!(e.people.is_empty(), "{:?}", e.people);
        assert!(e.places.iter().any(|p| p == "毕加索故居"), "{:?}", e.places);
    }

    #[test]
    fn kinds_of_bodies_are_not_their_names() {
        let e = extract_text("地方政府和民间组织都要支持，县级人民政府负责落实。", None);
        assert!(e.organizations.is_empty(), "{:?}", e.organizations);
        // common nouns before an ending name a kind, and none of their words a body
        let e = extract_text("多家公司和一些出版社参加，联防队员加强巡逻。", None);
        assert!(e.organizations.is_empty() && e.places.is_empty(), "{e:?}");
        // words the dictionary alone tags as bodies name none
        let e = extract_text("他乘坐公共汽车去买中草药。", None);
        assert!(e.organizations.is_empty(), "{e:?}");
        // but a body named by one word of the dictionary is one
        let e = extract_text("中央书记处书记出席。", None);
        assert!(e.organizations.iter().any(|o| o.ends_with("书记处")), "{e:?}");
    }

    #[test]
    fn a_dateline_or_a_word_of_quantity_before_a_body_is_not_part_of_it() {
        let e = extract_text("新华社北京５月６日电上海市教育委员会近日发出通知。", None);
        assert!(e.organizations.iter().any(|o| o == "上海市教育委员会"), "{e:?}");
        assert!(!e.organizations.iter().any(|o| o.contains('电')), "{e:?}");
        let e = extract_text("向所有青浦区志愿者协会的会员致意。原上海星光电子有限公司副总经理被判刑。", None);
        assert!(e.organizations.iter().any(|o| o == "青浦区志愿者协会"), "{e:?}");
        assert!(e.organizations.iter().any(|o| o == "上海星光电子有限公司"), "{e:?}");
        assert!(!e.organizations.iter().any(|o| o.starts_with(['所', '原'])), "{e:?}");
    }

    #[test]
    fn a_party_before_its_congress_and_the_ministry_inside_a_ministers_post() {
        let e = extract_text("中共中央致民盟九大的贺词", None);
        assert_eq!(e.organizations, ["中共中央", "民盟"], "{e:?}");
        let e = extract_text("他会见了法国外交部长和国防部长。", None);
        assert!(e.organizations.iter().any(|o| o == "法国外交部"), "{e:?}");
        assert!(e.organizations.iter().any(|o| o == "国防部"), "{e:?}");
        assert!(!e.organizations.iter().any(|o| o.ends_with('长')), "{e:?}");
    }

    #[test]
    fn a_session_is_an_event_of_its_body_and_a_count_of_bodies_names_none() {
        let e = extract_text("中共十一届三中全会以来，农村发生了巨大变化。", None);
        assert_eq!(e.events, ["中共十一届三中全会"], "{e:?}");
        assert_eq!(e.organizations, ["中共"], "{e:?}");
        let e = extract_text("江南文化音像出版社等３家出版社参加了展会。", None);
        assert_eq!(e.organizations, ["江南文化音像出版社"], "{e:?}");
    }

    #[test]
    fn words_the_dictionary_mistags_as_names_are_not_people() {
        let e = extract_text("他获得纪念章一枚。", None);
        assert!(e.people.is_empty(), "{:?}", e.people);
        // a quality before a common word, even where a name could stand
        let e = extract_text("全区上下，高水平推进城市更新。", None);
        assert!(e.people.is_empty(), "{:?}", e.people);
        // a name opening with a word, where a name stands, still is one
        assert!(people("钱其琛说，会谈很成功。").iter().any(|p| p.0 == "钱其琛"));
    }

    #[test]
    fn foreign_names_after_grammar_a_post_or_a_relation() {
        let names = |text: &str| people(text).into_iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(names("应塞迪略总统的邀请，代表团前往墨西哥。"), ["塞迪略"]);
        assert!(names("美国前国务卿基辛格出席。").contains(&"基辛格".to_string()));
        assert!(names("叶利钦总统和夫人奈娜出席了晚宴。").contains(&"奈娜".to_string()));
    }

    #[test]
    fn names_printed_side_by_side() {
        let p = people("主席团名单委员：江泽民胡锦涛吴邦国温家宝");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        for name in ["江泽民", "胡锦涛", "吴邦国", "温家宝"] {
            assert!(names.contains(&name), "{name}: {p:?}");
        }
    }

    #[test]
    fn a_roll_of_names_the_dictionary_does_not_know() {
        // one family's names together, a dotted name, notes between the names
        let text = "委员：江泽民胡锦涛吴邦国温家宝刘涛刘海刘群刘广宇（女）王文乾扎西·顿珠王光明";
        let p = people(text);
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        for name in ["刘涛", "刘海", "刘群", "刘广宇", "王文乾", "扎西·顿珠", "王光明"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        assert!(!names.iter().any(|n| n.ends_with('王') || n.ends_with('刘')), "{names:?}");
        // a sentence with two names in it is no roll
        let p = people("李鹏江泽民出席会议并讲话");
        assert!(p.iter().all(|x| x.0 == "李鹏" || x.0 == "江泽民"), "{p:?}");
    }

    #[test]
    fn a_signature_alone_or_in_brackets_is_a_name() {
        assert!(people("符小渤").iter().any(|x| x.0 == "符小渤"));
        let p = people("《辽金史新论》（林文渊）、《草原文化散记》（宋明远）");
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert!(names.contains(&"林文渊") && names.contains(&"宋明远"), "{names:?}");
        // but not a place or a prize in brackets, nor pieces of a title
        for text in ["（上海）", "上海国际电影节（金爵奖）", "毕加索故居行"] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
    }

    #[test]
    fn a_foreign_name_whose_first_sound_the_segmenter_read_as_a_verb() {
        // `扎/v 琳娜/nrt`
        assert!(people("扎琳娜今年１２岁，喜欢画画。").iter().any(|x| x.0 == "扎琳娜"));
        // a dotted name's last part running past its word is all one name
        let p = people("塞尔维亚共和国国防部长帕·米洛维奇。");
        assert_eq!(p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["帕·米洛维奇"], "{p:?}");
    }

    #[test]
    fn names_the_segmenter_cut_as_a_place_or_with_a_conjunction() {
        // `罗干/ns` after a post
        let p = people("国务委员罗干陪同参观了展览。");
        assert!(p.contains(&("罗干".into(), Some("国务委员".into()))), "{p:?}");
        // `臧克/nr 和/c 教授`: `和` before a title joins nothing
        assert!(people("臧克和教授昨天作了报告。").iter().any(|x| x.0 == "臧克和"));
        // but two people joined by `和` stay two
        let p = people("李鹏和江泽民出席会议。");
        assert!(p.iter().any(|x| x.0 == "李鹏") && !p.iter().any(|x| x.0 == "李鹏和"), "{p:?}");
    }

    #[test]
    fn a_name_given_by_a_verb_of_naming_but_none_made_up_inside_a_title() {
        assert!(people("她认识一名叫佐藤的日本留学生。").iter().any(|x| x.0 == "佐藤"));
        // a work named by a name alone is no person; a work about one names him
        let p = people("他常读《徐汇报》，也读《周恩来传》。");
        assert_eq!(p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["周恩来"], "{p:?}");
    }

    #[test]
    fn a_dotted_name_whose_first_part_the_segmenter_cut() {
        // `格/n 拉迪斯/nrt ·/x 马林/nr`, `费尔/nr 迪南/ns ·/x 沙德尔/nr`
        for (text, name) in [
            ("智利共产党总书记格拉迪斯·马林会见了代表团。", "格拉迪斯·马林"),
            ("这家银行的总行长费尔迪南·沙德尔表示欢迎。", "费尔迪南·沙德尔"),
        ] {
            let p = people(text);
            assert_eq!(p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), [name], "{p:?}");
        }
        // a street named after a person is no person
        assert!(people("纪念碑就在扬·斯马茨大街的路口。").is_empty());
    }

    #[test]
    fn a_word_tagged_a_name_that_ends_with_a_common_word_needs_a_name_slot() {
        // `雷阵雨/nr`, `高素质/nr`: weather and praise, not people
        for text in ["明天局部地区有雷阵雨。", "建设一支高素质的干部队伍。"] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
        // a name ending with a word (`家宝`) where a name stands, or after a post
        assert!(people("温家宝说，要抓紧落实。").iter().any(|x| x.0 == "温家宝"));
        assert!(people("特区行政长官董建华出席。").iter().any(|x| x.0 == "董建华"));
        // a family name and a title of one character that make a word (`施工`)
        assert!(mentions("严格按程序施工。", MentionKind::Person).is_empty());
    }

    #[test]
    fn transliterated_names() {
        let p = people("孟加拉国外长阿卜杜勒·穆明表示，双方合作成果丰硕。");
        assert!(p.iter().any(|x| x.0 == "阿卜杜勒·穆明"), "{p:?}");
    }

    #[test]
    fn organisations_places_events() {
        let e = extract_text("徐汇区委统战部在漕河泾会议中心举行迎新春团拜会。", None);
        assert!(e.organizations.iter().any(|o| o.contains("统战部")), "{e:?}");
        assert!(
            e.places.iter().any(|o| o.contains("会议中心")) || e.organizations.iter().any(|o| o.contains("会议中心")),
            "{e:?}"
        );
        assert!(e.events.iter().any(|o| o.ends_with("团拜会")), "{e:?}");
    }

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
    fn foreign_names_with_a_title_and_phrases_tagged_as_names() {
        let p = people("克林顿总统表示愿意加强合作。");
        assert!(p.iter().any(|x| x.0 == "克林顿"), "{p:?}");
        let p = people("对各方的大力支持表示感谢，必须严格执行规定，部门领导同志在岗值班。");
        assert!(p.is_empty(), "{p:?}");
    }

    fn mentions(text: &str, kind: MentionKind) -> Vec<&str> {
        let e = extract_text(text, None);
        let found: Vec<std::ops::Range<usize>> =
            e.mentions.into_iter().filter(|m| m.kind == kind).map(|m| m.range).collect();
        found.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_committee_named_alone_is_a_mention_of_a_body_but_no_name() {
        let text = "两国元首对委员会的成立表示祝贺。根据筹委会的建议，“春风行动”组委会发出倡议。";
        let found = mentions(text, MentionKind::Organization);
        assert!(found.contains(&"委员会") && found.contains(&"筹委会"), "{found:?}");
        assert!(!found.contains(&"组委会"), "after a name in quotes it is part of a name: {found:?}");
        let e = extract_text(text, None);
        assert!(!e.organizations.iter().any(|o| o == "委员会" || o == "筹委会"), "{e:?}");
        // an ending of two words (`终审` `法院`) closes a name too
        let e = extract_text("此案由香港特区终审法院审理。", None);
        assert!(e.organizations.iter().any(|o| o == "香港特区终审法院"), "{e:?}");
    }

    #[test]
    fn hotels_and_travel_agencies_are_bodies_but_a_count_makes_a_kind() {
        let e = extract_text(
            "代表团下榻在宁波东湖宾馆，随后参观了长春电影制片厂。星级饭店和旅行社都要提高服务质量。",
            None,
        );
        assert_eq!(e.organizations, ["宁波东湖宾馆", "长春电影制片厂"], "{e:?}");
        let e = extract_text("他原是深圳一家电子公司的工人。", None);
        assert!(e.organizations.is_empty(), "{e:?}");
        assert_eq!(e.places, ["深圳"], "{e:?}");
    }

    #[test]
    fn a_foreign_name_ending_like_a_body_and_bodies_joined_in_one_word_are_no_body() {
        let e = extract_text("阿卡普尔科是一座海滨城市。党和政府关心群众生活。", None);
        assert!(e.organizations.is_empty(), "{e:?}");
    }

    #[test]
    fn a_countrys_own_body_is_named_with_the_country() {
        let e = extract_text("中国海军和俄罗斯空军举行联合演习。英国工党在大选中获胜。", None);
        assert_eq!(e.organizations, ["中国海军", "俄罗斯空军", "英国工党"], "{e:?}");
        assert!(e.places.is_empty(), "{e:?}");
    }

    #[test]
    fn a_quality_inside_a_name() {
        let e = extract_text("肯尼亚—中国友好协会发来贺信。", None);
        assert!(e.organizations.iter().any(|o| o.ends_with("中国友好协会")), "{e:?}");
    }

    #[test]
    fn a_common_word_before_a_body_is_not_part_of_it() {
        let e = extract_text("他代表中国政府和人民致辞。要发挥致公党的作用，充分发挥参政党职能。", None);
        assert_eq!(e.organizations, ["致公党"], "{e:?}");
    }

    #[test]
    fn a_team_of_a_kind_is_no_body_but_a_team_by_name_is() {
        let e = extract_text("服务队也上门了。伊朗队以二比一战胜了上海申花队。", None);
        assert_eq!(e.organizations, ["伊朗队", "上海申花队"], "{e:?}");
    }

    #[test]
    fn a_word_of_two_ending_with_wei_is_a_body_unless_a_post() {
        let e = extract_text("南京市教委近日发出通知。他是中共中央政治局常委。", None);
        assert_eq!(e.organizations, ["南京市教委", "中共中央政治局"], "{e:?}");
    }

    #[test]
    fn a_department_ends_with_si_but_a_superior_is_no_body() {
        let e = extract_text("外交部礼宾司司长主持仪式。他的上司也来了。", None);
        assert_eq!(e.organizations, ["外交部礼宾司"], "{e:?}");
    }

    #[test]
    fn a_level_opens_a_body() {
        let e = extract_text("区人大常委会召开会议。", None);
        assert_eq!(e.organizations, ["区人大常委会"], "{e:?}");
    }

    #[test]
    fn every_mention_is_kept_where_it_is_written() {
        let m = mentions("区长张华出席会议，张华指出要抓落实。", MentionKind::Person);
        assert_eq!(m, ["张华", "张华"]);
        assert_eq!(people("区长张华出席会议，张华指出要抓落实。").len(), 1, "the list keeps each name once");
    }

    #[test]
    fn a_name_glued_to_the_next_word_and_a_family_name_with_a_title() {
        let m = mentions("会议强调要学习邓小平理论。江主席在会上讲话。", MentionKind::Person);
        assert_eq!(m, ["邓小平", "江"], "{m:?}");
        let p = people("会议强调要学习邓小平理论。江主席在会上讲话。");
        assert_eq!(p, [("邓小平".to_string(), None)], "a family name alone is no name for the archive");
    }

    #[test]
    fn a_name_found_once_is_found_again_in_the_same_text() {
        let paras = ["美国总统克林顿今天抵达。", "克林顿随后参观了工厂。"];
        let e = extract_paragraphs(&paras, None);
        let found: Vec<(usize, &str)> = e
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| (m.paragraph, &paras[m.paragraph][m.range.clone()]))
            .collect();
        assert_eq!(found, [(0, "克林顿"), (1, "克林顿")]);
    }

    #[test]
    fn a_name_cut_apart_after_a_post_or_before_a_credit() {
        let m = mentions("新华社北京电（记者金学文、杨国栋）。（许光亮摄）", MentionKind::Person);
        assert!(m.contains(&"金学文") && m.contains(&"许光亮"), "{m:?}");
        let m = mentions("总统和夫人出席。", MentionKind::Person);
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn common_words_with_an_ending_are_not_names() {
        let e = extract_text("各地区全面部署，领导干部全部到岗，城市农村一起抓。", None);
        assert!(e.organizations.is_empty() && e.places.is_empty(), "{e:?}");
    }

    #[test]
    fn names_of_works_and_places_are_not_people() {
        let p = people("他常读《徐汇报》，也爱去徐家汇书院和徐家汇体育公园。");
        assert!(p.is_empty(), "{p:?}");
    }
}
