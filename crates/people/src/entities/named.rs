//! The names the trained model finds in a paragraph, placed among jieba's
//! words and checked by the rules that are stronger than any model: a
//! person gets the post written before the name (`区委副书记、区长钟晓咏`) or
//! the post of the list it stands in; an anonymised name (`张某`, `王某某`)
//! and a family name alone stay mentions, never people of the index; a name
//! the rules placed already (a roll, a signature) is not named twice; the
//! whole title of a work (`《徐汇报》`) names no one, nor does a name that the
//! next words make a street, a house or a park (`…大街`, `…故居`, `…体育公园`);
//! no name takes in half of a pair of quotes or brackets.
//!
//! Not the model (`crate::model`), nor the passes for events and dates.

use super::bodies;
use super::neighbours;
use super::posts::{listed_post, post_before};
use super::sides;
use super::words::{opens_with_common_word, word_list, PLACES};
use super::{push_unique, Entities, Mention, MentionKind, PersonMention, PersonRole, Tok};
use crate::tags::Kind;
use crate::Model;
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::ops::Range;
use std::sync::LazyLock;

/// The model shipped with shuzibao, read once.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    crate::builtin().expect("the entity model built into shuzibao reads (a test checks it)")
});

/// A name the model found.
pub(super) struct Named {
    /// Bytes of the paragraph.
    pub range: Range<usize>,
    /// What it names.
    pub kind: Kind,
}

/// The names the model finds in `text`, whose cut `toks` is.
pub(super) fn find(text: &str, toks: &[Tok<'_>]) -> Vec<Named> {
    let tagged: Vec<(Range<usize>, &str)> = toks.iter().map(|t| (t.start..t.start + t.word.len(), t.tag)).collect();
    let spans = MODEL.names_tagged(text, &tagged);
    if spans.is_empty() {
        return Vec::new();
    }
    let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let mut named: Vec<Named> = spans
        .into_iter()
        .map(|s| Named { range: offsets[s.start]..offsets[s.end], kind: s.kind })
        .filter_map(|n| by_neighbours(text, n))
        .filter(|n| balanced(&text[n.range.clone()]))
        .filter(|n| n.kind != Kind::Person || !a_works_title(text, &n.range))
        .collect();
    as_sides(text, &mut named);
    neighbours::listed_with_places(text, &mut named);
    named
}

/// A person's name as what stands next to it shows it (`neighbours`):
/// without a date's digits or a verb, a place, a state body, or nothing (a
/// craft, a side of talks).
fn by_neighbours(text: &str, n: Named) -> Option<Named> {
    if n.kind != Kind::Person {
        return Some(n);
    }
    let range = neighbours::without_verb(text, neighbours::without_digits(text, n.range));
    if range.is_empty() || neighbours::a_craft(text, &range) || neighbours::a_side(text, &range) {
        return None;
    }
    if neighbours::a_state_body(text, &range) {
        return Some(Named { range, kind: Kind::Organization });
    }
    match neighbours::as_place(text, &range) {
        Some(place) => Some(Named { range: place, kind: Kind::Place }),
        None => Some(Named { range, kind: Kind::Person }),
    }
}

/// Makes organisations of the clubs the model read as people or places
/// (`桑德兰vs博尔顿`, `sides`): a name with a match next to it, the same
/// name elsewhere in the text, and the names listed with one.
fn as_sides(text: &str, named: &mut [Named]) {
    let mut sides: Vec<Range<usize>> = named
        .iter()
        .filter(|n| n.kind != Kind::Organization && sides::a_side(text, &n.range))
        .map(|n| n.range.clone())
        .collect();
    if sides.is_empty() {
        return;
    }
    let paired: Vec<Range<usize>> = named
        .iter()
        .filter(|n| sides.iter().any(|s| sides::next_to(text, &n.range, s)))
        .map(|n| n.range.clone())
        .collect();
    sides.extend(paired);
    for n in named.iter_mut().filter(|n| n.kind != Kind::Organization) {
        if sides.iter().any(|s| text[s.clone()] == text[n.range.clone()]) {
            n.kind = Kind::Organization;
        }
    }
}

/// Pairs of marks a name may hold only whole.
const PAIRS: [(char, char); 5] = [('“', '”'), ('‘', '’'), ('（', '）'), ('(', ')'), ('《', '》')];

/// Whether every mark of a pair that `name` holds is closed in it.
fn balanced(name: &str) -> bool {
    PAIRS.iter().all(|&(open, close)| {
        let mut depth = 0i32;
        for c in name.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    })
}

/// Whether the words after a name make it a street, a house or a park
/// named after someone (`高尔基` `大街`, `毕加索` `故居`, `徐家汇` `体育`
/// `公园`): they end with an ending of two characters or more of a place
/// (one character is as often a word of grammar; a body stays its
/// person's: `金泳三政府`).
fn named_after(text: &str, toks: &[Tok<'_>], range: &Range<usize>) -> bool {
    let at = toks.partition_point(|t| t.start < range.end);
    if toks.get(at).is_none_or(|t| t.start != range.end) {
        return false;
    }
    (at + 1..=(at + 2).min(toks.len())).any(|end| {
        let words_end = toks[end - 1].start + toks[end - 1].word.len();
        let whole = &text[range.start..words_end];
        let after = words_end - range.end;
        PLACES.find_proper(whole).is_some_and(|suffix| suffix.chars().count() >= 2 && suffix.len() <= after)
    })
}

/// Whether a person the model names is the whole title of a work
/// (`《徐汇报》`): a paper, a book or a film of that name, not its person.
fn a_works_title(text: &str, range: &Range<usize>) -> bool {
    text[..range.start].ends_with('《') && text[range.end..].starts_with('》')
}

/// The tokens a byte range touches.
fn tokens(toks: &[Tok<'_>], range: &Range<usize>) -> Range<usize> {
    let first = toks.partition_point(|t| t.start + t.word.len() <= range.start);
    let end = toks.partition_point(|t| t.start < range.end);
    first..end.max(first)
}

/// A credit line's `图` is no part of the name before it (`曹一图` in
/// `曹一图李清文`: picture by 曹一, text by 李清文): the name's end without it
/// when a text credit (`…文`) or nothing follows.
fn credit_end(text: &str, range: &Range<usize>) -> usize {
    let name = &text[range.clone()];
    let Some(short) = name.strip_suffix('图') else { return range.end };
    let rest: String = text[range.end..].chars().filter(|c| !c.is_whitespace()).collect();
    let credit_follows =
        rest.is_empty() || rest.ends_with('文') && (3..=5).contains(&rest.chars().count()) && rest.chars().all(is_han);
    if credit_follows && short.chars().count() >= 2 {
        range.start + short.len()
    } else {
        range.end
    }
}

/// Whether a name stands in a list (`、`) next to an item the model names
/// no one in (`获得感、幸福感、安全感`, `微信、支付宝`): the items of a list
/// are of one kind.
fn in_mixed_list(text: &str, range: &Range<usize>, named: &[Named]) -> bool {
    const ENDS: &[char] = &['、', '，', '。', '：', '；', '（', '）', '“', '”', '《', '》', ' ', '　'];
    let mut siblings = Vec::new();
    if let Some(b) = text[..range.start].strip_suffix('、') {
        let start = b.rfind(ENDS).map_or(0, |i| i + b[i..].chars().next().map_or(1, char::len_utf8));
        siblings.push(start..b.len());
    }
    if let Some(a) = text[range.end..].strip_prefix('、') {
        let from = range.end + '、'.len_utf8();
        siblings.push(from..from + a.find(ENDS).unwrap_or(a.len()));
    }
    siblings
        .into_iter()
        .filter(|s| !s.is_empty() && text[s.clone()].chars().count() <= 8)
        .any(|s| !named.iter().any(|o| o.kind == Kind::Person && o.range.start < s.end && s.start < o.range.end))
}

/// Words that follow a family name to speak of someone without naming them
/// (`王女士`, `李先生`, `陈姓男子`): a different person each time
/// (`data/addresses.txt`).
static ADDRESSES: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/addresses.txt")));

/// Whether a name hides who it is: `张某`, `王某某`, `李某甲`; a family name
/// and a word of address (`王女士`, `李先生`, `陈姓`); `老` or `小` and a
/// family name (`老王`, `小李`).
pub(super) fn anonymised(name: &str) -> bool {
    // `s`, the start of `name`, is a family name
    let family = |s: &str| match s.chars().count() {
        1 => lexicon::has_surname(s),
        2 => lexicon::has_compound_surname(name),
        _ => false,
    };
    name.contains('某')
        || ADDRESSES.iter().any(|a| name.strip_suffix(a).is_some_and(family))
        || ["老", "小"].iter().any(|p| name.strip_prefix(p).is_some_and(|s| s.chars().count() == 1 && family(s)))
}

/// Adds the people among `named` whose words no rule has taken, with their
/// posts, and marks their words taken.
pub(super) fn add_people(
    text: &str,
    toks: &[Tok<'_>],
    named: &[Named],
    paragraph: usize,
    used: &mut [bool],
    out: &mut Entities,
) {
    for n in named.iter().filter(|n| n.kind == Kind::Person) {
        let n = &Named { range: n.range.start..credit_end(text, &n.range), kind: n.kind };
        let words = tokens(toks, &n.range);
        if used[words.clone()].iter().any(|&u| u) {
            continue;
        }
        let name = &text[n.range.clone()];
        if named_after(text, toks, &n.range) {
            continue;
        }
        out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range: n.range.clone() });
        for u in &mut used[words.clone()] {
            *u = true;
        }
        // a family name alone, or a name that hides who it is, names no one
        // the index can follow
        let han = name.chars().filter(|c| is_han(*c)).count();
        if han < 2 || anonymised(name) {
            continue;
        }
        let aligned = toks.get(words.start).is_some_and(|t| t.start == n.range.start);
        let post = if aligned { post_before(toks, words.start) } else { None };
        // a post that holds another person is that person's (`习近平主席`
        // `贺信`): what follows it is no one
        let others_post = post.as_ref().is_some_and(|p| {
            let from = n.range.start.saturating_sub(p.len());
            named.iter().any(|o| o.kind == Kind::Person && o.range.end >= from && o.range.end <= n.range.start)
        });
        if others_post {
            continue;
        }
        let post = match post {
            Some(p) => Some(p),
            None if aligned => listed_post(toks, words.start, out),
            None => None,
        };
        // one character twice (`殷殷`) is a word, not a name; a country or a
        // body the gazetteer knows (`卢旺达`) is not a person
        let chars: Vec<char> = name.chars().collect();
        if chars.len() == 2 && chars[0] == chars[1]
            || lexicon::is_known_place(name)
            || lexicon::is_known_organization(name)
        {
            continue;
        }
        let person =
            PersonMention { name: name.to_string(), post, role: PersonRole::Mentioned, paragraph: Some(paragraph) };
        // a name that starts or ends inside a word of jieba's cut (`栗战` of
        // `栗` `战书`, `于斯` of `生于` `斯`), that a unit follows (`陆军`
        // `某部`) or that stands in a list of things (`获得感、幸福感、安全感`)
        // is no sure name by itself
        let inside = |at: usize| toks.iter().any(|t| t.start < at && at < t.start + t.word.len());
        let cut = inside(n.range.start) || inside(n.range.end);
        let unit = text[n.range.end..].starts_with('某');
        // the opening of a term's name (`“…通道”`) names a person in it
        // (`“…杯”`) or none: sure only where the issue names it otherwise
        let term = neighbours::opens_a_term(text, &n.range);
        let sure = !cut
            && !unit
            && !term
            && !in_mixed_list(text, &n.range, named)
            && (person.post.is_some() || looks_like_a_name(name) && !opens_with_common_word(name));
        let list = if sure { &mut out.people } else { &mut out.tentative };
        if !list.iter().any(|p| p.name == name) {
            list.push(person);
        }
    }
}

/// Whether a name has the shape of a Chinese personal name: three
/// characters opening with a family name, two with a common one (not one
/// character twice), four with a compound one or of a transliterated one written with a
/// middle dot. Others (a rare family name, a foreign name, a word the model
/// took for a name) need a post or another sure mention in the issue.
pub(super) fn looks_like_a_name(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    if name.contains(['·', '•', '・']) {
        return chars.iter().filter(|c| is_han(**c)).count() >= 3;
    }
    if !chars.iter().all(|c| is_han(*c)) {
        return false;
    }
    match chars.len() {
        2 => lexicon::has_common_surname(name) && chars[0] != chars[1],
        3 => lexicon::has_surname(name),
        4 => lexicon::has_compound_surname(name),
        _ => false,
    }
}

/// Adds the organisations and places among `named` that overlap no
/// mention found before (an event's name holds its body already).
pub(super) fn add_bodies_and_places(
    text: &str,
    toks: &[Tok<'_>],
    named: &[Named],
    paragraph: usize,
    used: &mut [bool],
    out: &mut Entities,
) {
    for n in named.iter().filter(|n| n.kind != Kind::Person) {
        let taken = out
            .mentions
            .iter()
            .any(|m| m.paragraph == paragraph && m.range.start < n.range.end && n.range.start < m.range.end);
        if taken {
            continue;
        }
        // a count of bodies is a kind of body (`多家公司`)
        if bodies::counted(toks, &n.range) {
            continue;
        }
        let name = text[n.range.clone()].to_string();
        // a committee written alone (`委员会`, `筹委会`) names no body by
        // itself: a mention of it, below
        if lexicon::is_body_named_alone(&name) {
            continue;
        }
        let (kind, list) = match n.kind {
            Kind::Organization => (MentionKind::Organization, &mut out.organizations),
            _ => (MentionKind::Place, &mut out.places),
        };
        out.mentions.push(Mention { kind, paragraph, range: n.range.clone() });
        push_unique(list, name);
        for u in &mut used[tokens(toks, &n.range)] {
            *u = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::extract_text;
    use crate::entities::testing::{mentions, people};

    #[test]
    fn the_builtin_model_reads() {
        let m = crate::builtin().expect("the shipped model reads");
        assert!(m.features() > 100_000, "{} features", m.features());
    }

    #[test]
    fn marks_of_a_pair_only_whole() {
        assert!(balanced("“春风行动”组委会"));
        assert!(!balanced("春风行动”组委会"));
        assert!(!balanced("（本报记者"));
        assert!(balanced("王华"));
        let text = "他常读《徐汇报》和《周恩来传》";
        assert!(a_works_title(text, &(12..21)));
        assert!(!a_works_title(text, &(30..39)));
    }

    #[test]
    fn the_shape_of_a_name() {
        assert!(looks_like_a_name("王小明"));
        assert!(looks_like_a_name("张立"));
        assert!(looks_like_a_name("欧阳夏丹"));
        assert!(looks_like_a_name("特雷莎·梅"));
        assert!(!looks_like_a_name("王王"), "one character twice");
        assert!(looks_like_a_name("习近平"));
        assert!(!looks_like_a_name("粤澳新"), "no family name");
        assert!(!looks_like_a_name("金山银山"), "four characters without a compound family name");
        assert!(!looks_like_a_name("沃尔玛"));
    }

    #[test]
    fn a_credits_picture_mark_is_no_part_of_a_name() {
        let text = "曹一图李清文";
        assert_eq!(credit_end(text, &(0..9)), 6);
        let text = "李宏图说";
        assert_eq!(credit_end(text, &(0..9)), 9, "a name that ends with 图 before other words");
    }

    #[test]
    fn a_list_of_things_is_no_list_of_people() {
        let text = "增强获得感、幸福感、安全感";
        let at = |w: &str| {
            let s = text.find(w).expect("in text");
            s..s + w.len()
        };
        let person = |w: &str| Named { range: at(w), kind: Kind::Person };
        assert!(in_mixed_list(text, &at("幸福感"), &[person("幸福感")]));
        let text2 = "栗战书、汪洋出席";
        let r1 = 0.."栗战书".len();
        let r2 = r1.end + '、'.len_utf8()..r1.end + '、'.len_utf8() + "汪洋".len();
        let named = [Named { range: r1.clone(), kind: Kind::Person }, Named { range: r2, kind: Kind::Person }];
        assert!(!in_mixed_list(text2, &r1, &named));
    }

    #[test]
    fn anonymised_names() {
        assert!(anonymised("张某"));
        assert!(anonymised("王某某"));
        assert!(!anonymised("张立"));
        for name in ["王女士", "李先生", "陈姓", "欧阳女士", "老王", "小李"] {
            assert!(anonymised(name), "{name}");
        }
        for name in ["王女", "李先", "张小李", "老舍", "王先生甲"] {
            assert!(!anonymised(name), "{name}");
        }
        let p = extract_text("家住城南的王女士告诉记者，她上周买的空调坏了。", None);
        assert!(!p.people.iter().chain(&p.tentative).any(|x| x.name.contains("女士")), "{:?}", p.people);
    }

    #[test]
    fn a_street_or_house_named_after_a_person_is_a_place() {
        let e = extract_text("莫斯科高尔基大街上人来人往。毕加索故居对外开放。", None);
        assert!(e.people.is_empty(), "{:?}", e.people);
        assert!(e.places.iter().any(|p| p == "毕加索故居"), "{:?}", e.places);
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
    fn a_name_opening_with_a_common_word_needs_a_post_or_a_sure_mention() {
        // `黄金` `档`: prime time, not a person
        for text in ["这部电视剧下周起在黄金档与观众见面。", "这部纪录片将于6月8日在黄金档播出，网络平台同步上线。"]
        {
            assert!(extract_text(text, None).people.is_empty(), "{text}: {:?}", people(text));
        }
        // with a post it is a person
        assert!(people("区委书记黄金档出席。").iter().any(|x| x.0 == "黄金档"), "{:?}", people("区委书记黄金档出席。"));
    }

    #[test]
    fn transliterated_names() {
        let p = people("孟加拉国外长阿卜杜勒·穆明表示，双方合作成果丰硕。");
        assert!(p.iter().any(|x| x.0 == "阿卜杜勒·穆明"), "{p:?}");
    }

    #[test]
    fn foreign_names_with_a_title_and_phrases_tagged_as_names() {
        let p = people("克林顿总统表示愿意加强合作。");
        assert!(p.iter().any(|x| x.0 == "克林顿"), "{p:?}");
        let p = people("对各方的大力支持表示感谢，必须严格执行规定，部门领导同志在岗值班。");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn a_name_glued_to_the_next_word_and_a_family_name_with_a_title() {
        let m = mentions("会议强调要学习邓小平理论。江主席在会上讲话。", MentionKind::Person);
        assert_eq!(m, ["邓小平", "江"], "{m:?}");
        let p = people("会议强调要学习邓小平理论。江主席在会上讲话。");
        assert_eq!(p, [("邓小平".to_string(), None)], "a family name alone is no name for the archive");
    }

    #[test]
    fn a_name_cut_apart_after_a_post_or_before_a_credit() {
        let m = mentions("新华社北京电（记者金学文、杨国栋）。（许光亮摄）", MentionKind::Person);
        assert!(m.contains(&"金学文") && m.contains(&"许光亮"), "{m:?}");
        let m = mentions("总统和夫人出席。", MentionKind::Person);
        assert!(m.is_empty(), "{m:?}");
    }

    #[test]
    fn names_of_works_and_places_are_not_people() {
        let p = people("他常读《徐汇报》，也爱去徐家汇书院和徐家汇体育公园。");
        assert!(p.is_empty(), "{p:?}");
    }
}
