//! Organisations, places and events (机构, 地点, 活动) found by their
//! endings: runs of nouns closed by a known ending (`…委员会`, `…会议中心`,
//! `…团拜会`, kept in `data/`), the body or place that opens an event's name,
//! and a committee named alone (`筹委会`) as a mention only. The helpers say
//! where such a name may start, what it may run through, and when its
//! words name a kind of body rather than one.
//!
//! Not the model's bodies and places (`named`), nor people.

use super::words::{char_list, dictionary_tag, is_ordinal, jieba_has, word_list, EVENTS, ORGS, PLACES};
use super::{push_unique, Entities, Mention, MentionKind, Tok};
use regex::Regex;
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::sync::LazyLock;

/// Words that make an organisation's ending a kind, not a name:
/// `地方政府`, `党政机关`, `民间组织`, `县级人民政府` (`data/generic_heads.txt`).
static GENERIC_HEADS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/generic_heads.txt")));

/// Levels of government and bodies that head a short organ's name: `县委`,
/// `团委`, `省教委`, `市政府` (`data/levels.txt`).
static LEVELS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/levels.txt")));

/// The classifiers that close a count of things (`一些`, `两家`, `三个`;
/// `data/counted.txt`).
static COUNTED: LazyLock<Vec<char>> = LazyLock::new(|| char_list(include_str!("../../data/counted.txt")));

/// Whether the words at `range` open with a count of things (`多家公司`,
/// `三所学校`): a kind, not a name.
pub(super) fn counted(toks: &[Tok<'_>], range: &std::ops::Range<usize>) -> bool {
    toks.iter().find(|t| t.start == range.start).is_some_and(|t| {
        matches!(t.tag, "m" | "mq") && t.start + t.word.len() < range.end && t.word.ends_with(COUNTED.as_slice())
    })
}

/// Organisations, places and events: runs of nouns closed by a known ending
/// (`徐汇区委统战部`, `漕河泾会议中心`, `迎新春团拜会`), none through a token
/// an earlier pass has `used`. Records the events, and the body or place
/// that opens an event's name; the other bodies and places such a run names
/// are left to the model (`named::add_bodies_and_places`).
pub(super) fn by_ending(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &[bool], out: &mut Entities) {
    // all this pass records is in an event's name: a text that holds no
    // ending of one (nine in ten paragraphs of a daily) has nothing for it
    if !EVENTS.occur_in(text) {
        return;
    }
    let known = |t: &Tok<'_>| lexicon::is_known_place(t.word) || lexicon::is_known_organization(t.word);
    let mut i = 0;
    while i < toks.len() {
        if used[i] || !(is_noun_tag(toks[i].tag) || known(&toks[i])) || date_part(toks, i) {
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
        let mut best: Option<(usize, MentionKind)> = None;
        let mut inner: Option<(usize, MentionKind)> = None;
        // the end of a kind of body or place (`科学智能研究院`): its words name
        // nothing, not even its last alone
        let mut kind_of: Option<usize> = None;
        while j < toks.len()
            && j - i < 7
            && !used[j]
            && !date_part(toks, j)
            && !matches!(toks[j].word, "暨" | "及" | "与" | "和")
            // a count or quantity makes what follows a kind (`深圳一家制衣厂`)
            && !(j > i && matches!(toks[j].tag, "m" | "mq") && toks[j].word.ends_with(COUNTED.as_slice()))
            && (is_noun_tag(toks[j].tag)
                || known(&toks[j])
                || toks[j].word == "·"
                || opens_an_ending(text, toks, j)
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
                Some(MentionKind::Place)
            } else if lexicon::is_known_organization(phrase) {
                Some(MentionKind::Organization)
            } else if j > i
                && lexicon::is_known_organization(toks[j].word)
                && toks[i..j].iter().all(|t| lexicon::is_known_place(t.word))
            {
                // a country's or a city's own body (`中国海军`, `美国国务院`)
                Some(MentionKind::Organization)
            } else if joins_two(toks[j].word) {
                // bodies joined in one word of the dictionary (`党和政府`)
                // are no one body
                None
            } else if minister_of(toks[j].word)
                && !led_by_common_words
                && toks.get(j + 1).is_none_or(|n| EVENTS.find(n.word).is_none())
            {
                // the ministry inside a minister's post (`俄罗斯外交部长`)
                Some(MentionKind::Organization)
            } else if led_by_common_words || ends_with_post || government_of(phrase) {
                None
            } else if j == i && local_organ(phrase) {
                Some(MentionKind::Organization)
            } else if ends(EVENTS.find_proper(phrase))
                && EVENTS.find_proper(phrase).map(str::len) >= ORGS.find_proper(phrase).map(str::len)
            {
                // the longer ending decides: `代表大会` is a body, `表彰大会` an event
                Some(MentionKind::Event)
            } else if toks[j].tag == "nt" && (j > i || ORGS.find_proper(phrase).is_some() || of_a_place(phrase)) {
                // (the dictionary tags some common words `nt` alone:
                // `公共汽车`, `中草药`; one with an ending of a body is one)
                Some(MentionKind::Organization)
            } else if ends(ORGS.find_proper(phrase)) || ends(PLACES.find_proper(phrase)) {
                let org = ends(ORGS.find_proper(phrase));
                if j > i && !distinctive(&toks[i..=j]) {
                    kind_of = Some(j);
                    None
                } else if org {
                    Some(MentionKind::Organization)
                } else {
                    Some(MentionKind::Place)
                }
            } else if toks[j].tag == "ns" && j == i && ns_is_a_place(phrase) {
                Some(MentionKind::Place)
            } else {
                None
            };
            if let Some(k) = kind {
                if k == MentionKind::Event && best.is_some_and(|b| b.1 != MentionKind::Event) {
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
        if kind == MentionKind::Organization
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
        if kind == MentionKind::Event && inner.is_none() {
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
        if let Some((k, inner_kind)) = inner.filter(|_| kind == MentionKind::Event) {
            // a session's number belongs to the event (`第四次` / `亚太经合组织` / `会议`)
            let first =
                (i..k).find(|&s| !(toks[s].word.starts_with('第') && toks[s].word.ends_with('次'))).unwrap_or(k);
            let range = toks[first].start..toks[k].start + toks[k].word.len();
            // (an event's inner name is an organisation or a place)
            let kind = inner_kind;
            let list = if kind == MentionKind::Organization { &mut out.organizations } else { &mut out.places };
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
            Some(k) => vec![(i, k - 1, MentionKind::Place), (k, j, MentionKind::Place)],
            None => vec![(i, j, kind)],
        };
        for (a, b, kind) in parts {
            let mut range = toks[a].start..toks[b].start + toks[b].word.len();
            // a post written after an organisation is not part of it
            // (`中共中央政治局常委`)
            if kind == MentionKind::Organization && minister_of(toks[b].word) {
                range.end -= '长'.len_utf8();
            } else if kind == MentionKind::Organization {
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
            // (bodies and places are the model's: `named::add_bodies_and_places`)
            if kind == MentionKind::Event
                && phrase.chars().count() >= 2
                && phrase.chars().filter(|c| is_han(*c)).count() >= 2
            {
                let list = match kind {
                    MentionKind::Event => &mut out.events,
                    MentionKind::Organization => &mut out.organizations,
                    _ => &mut out.places,
                };
                push_unique(list, phrase);
                out.mentions.push(Mention { kind, paragraph, range });
            }
        }
        i = j + 1;
    }
}

/// A committee, a presidium or a chamber written alone (`对委员会的启动`,
/// `根据筹委会的建议`): a mention of the body the text is about, kept as a
/// mention only, since it names no body by itself. Not after a word that
/// would make it part of a longer name the finder missed.
pub(super) fn named_alone(text: &str, toks: &[Tok<'_>], paragraph: usize, used: &[bool], out: &mut Entities) {
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

/// The term of a body in the name of its session: `十一届` in
/// `中共十一届三中全会`, `第九届`.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)]
    Regex::new(r"第?[一二三四五六七八九十百零〇\d０-９]+届").unwrap()
});

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
    let after_number = || i > 0 && toks[i - 1].word.chars().last().is_some_and(|c| c.is_numeric() || c == '月');
    toks[i].tag == "m" && w.ends_with(['年', '月', '日']) || ["日", "年", "日电"].contains(&w) && after_number()
}

/// Whether a word jieba tags as a place is one: the gazetteer knows it, or
/// the dictionary does not (a name the segmenter guessed). The dictionary
/// tags many common words as places (`城市`, `神圣`).
fn ns_is_a_place(w: &str) -> bool {
    lexicon::is_known_place(w) || !jieba_has(w)
}

#[cfg(test)]
mod tests {
    use crate::entities::testing::mentions;
    use crate::entities::{extract_text, MentionKind};

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
    fn common_words_with_an_ending_are_not_names() {
        let e = extract_text("各地区全面部署，领导干部全部到岗，城市农村一起抓。", None);
        assert!(e.organizations.is_empty() && e.places.is_empty(), "{e:?}");
    }
}
