//! What stands right next to a name the model reads as a person's can show
//! that it is not one, or not all of it:
//!
//! - a date written against it (`…书记王明远9日…`): a Chinese name holds
//!   no digit;
//! - a verb or an adverb the model took for the last character of a given
//!   name (`…秘书长王立作的…报告`, `王立还介绍了`);
//! - a craft named after someone (`“…”号航空母舰`, `…号飞船`), or a name
//!   within a craft's (`“…海军元帅”号`);
//! - an organisation's ending after `国家` (`国家…局`);
//! - a side of talks (`中方…孟方`): a country's abbreviation and `方`;
//! - the opening of a term's name, in quotes that close after more words
//!   (`“…通道”`) or after a region (`西部…通道`), is no sure name: a person
//!   in a prize's name (`“…杯”`) or none;
//! - an administrative unit after it (`…州`, `…省`, but not `州长`, `省委`),
//!   a list's `等地`, or a list whose other items are places: a place.
//!
//! Not the names themselves (`named`), nor streets and houses named after
//! someone (`named::named_after`).

use super::named::Named;
use super::words::{word_list, ORGS};
use crate::tags::Kind;
use shuzibao_core::lexicon;
use shuzibao_core::text::is_han;
use std::ops::Range;
use std::sync::LazyLock;

/// The name without the Arabic digits at its ends: a date or a count written
/// against it.
pub(super) fn without_digits(text: &str, range: Range<usize>) -> Range<usize> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let name = &text[range.clone()];
    let head = name.len() - name.trim_start_matches(digit).len();
    let tail = name.trim_end_matches(digit).len();
    if head >= tail {
        return range.start..range.start;
    }
    range.start + head..range.start + tail
}

/// The objects of `作` in news text (`作报告`, `作的…报告`, `作重要讲话`):
/// after a name, `作` is the verb, not the end of the name
/// (`data/after_zuo.txt`).
static AFTER_ZUO: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/after_zuo.txt")));

/// Adverbs and verbs that follow a name as its sentence goes on (`还`,
/// `也`, `说`) and end no given name of two characters.
const AFTER_SUBJECT: &[char] = &['还', '也', '又', '都', '就', '便', '曾', '已', '说', '称', '则'];

/// The name without a last character that is the verb of what follows or an
/// adverb (three characters opening with a family name: `王立作` of
/// `王立作报告`, `王立还` of `王立还介绍了`).
pub(super) fn without_verb(text: &str, range: Range<usize>) -> Range<usize> {
    let name = &text[range.clone()];
    let Some(last) = name.chars().next_back() else { return range };
    let short = &name[..name.len() - last.len_utf8()];
    if short.chars().count() != 2 || !lexicon::has_surname(short) {
        return range;
    }
    let after = &text[range.end..];
    let verb = match last {
        '作' => AFTER_ZUO.iter().any(|w| after.starts_with(w)),
        c => AFTER_SUBJECT.contains(&c) && after.starts_with(is_han),
    };
    if verb {
        range.start..range.start + short.len()
    } else {
        range
    }
}

/// What a craft's name is followed by after `号` when no quotes mark it
/// (`data/crafts.txt`).
static CRAFTS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/crafts.txt")));

/// Whether the name is a craft's (a ship, a spacecraft, a train) or a
/// part of one: in quotes closed before `号` (`“…”号`, `“…海军元帅”号`), or
/// before `号` and the word for the craft.
pub(super) fn a_craft(text: &str, range: &Range<usize>) -> bool {
    const OPEN: &[char] = &['“', '「', '"', '‘'];
    const CLOSE: &[char] = &['”', '」', '"', '’'];
    let before = &text[..range.start];
    let after = &text[range.end..];
    // the quotes around the name, a short title's
    let opened = before.rfind(OPEN).is_some_and(|o| !before[o..].contains(CLOSE) && before[o..].chars().count() <= 12);
    if opened {
        if let Some(c) = after.find(CLOSE).filter(|&c| after[..c].chars().count() <= 12 && !after[..c].contains(OPEN)) {
            let rest = &after[c..];
            let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            return rest.starts_with('号') && !rest.starts_with("号召");
        }
    }
    after.strip_prefix('号').is_some_and(|rest| CRAFTS.iter().any(|w| rest.starts_with(w)))
}

/// Whether the name is a side of talks (`孟方` where the text writes `中方`
/// or `双方`): a country's one-character abbreviation and `方`.
pub(super) fn a_side(text: &str, range: &Range<usize>) -> bool {
    let mut chars = text[range.clone()].chars();
    let (Some(first), Some('方'), None) = (chars.next(), chars.next(), chars.next()) else { return false };
    let talks =
        ["中方", "双方", "两国"].iter().any(|w| text[..range.start].contains(w) || text[range.end..].contains(w));
    talks && lexicon::place_abbreviation(first).is_some()
}

/// Regions that open the name of a project or a route (`西部…通道`), never
/// written before a person's name (`data/regions.txt`).
static REGIONS: LazyLock<Vec<&str>> = LazyLock::new(|| word_list(include_str!("../../data/regions.txt")));

/// Whether the name opens the name of a thing (a project, a route, a
/// slogan): quotes open right before it and close after more words that are
/// no post (`“…通道”`, not `“王明远同志”`), or a region stands right before it
/// and words follow (`西部…通道`).
pub(super) fn opens_a_term(text: &str, range: &Range<usize>) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    if before.ends_with(['“', '「']) {
        if let Some(c) = after.find(['”', '」']) {
            let rest = &after[..c];
            let n = rest.chars().count();
            let person = lexicon::post_ending(rest).is_some() || ["同志", "先生", "女士"].contains(&rest);
            return (1..=8).contains(&n) && rest.chars().all(is_han) && !person;
        }
    }
    REGIONS.iter().any(|r| before.ends_with(r)) && after.starts_with(is_han)
}

/// Whether the name is a state body's (`国家…局`): `国家` before it and an
/// organisation's ending at its end.
pub(super) fn a_state_body(text: &str, range: &Range<usize>) -> bool {
    text[..range.start].ends_with("国家") && ORGS.find_proper(&text[range.clone()]).is_some()
}

/// Units of government a place's name takes (`…州`, `…省`).
const UNITS: &[char] = &['州', '省', '市', '县'];

/// The place the name is when a unit of government follows it (the name
/// with the unit: `…州`, not `州长`, `省委`, `市政府`, nor a longer word) or
/// when it ends a list of places (`…等地`, not `等地方`).
pub(super) fn as_place(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let after = &text[range.end..];
    let mut chars = after.chars();
    let unit = chars.next()?;
    if UNITS.contains(&unit) {
        let next = chars.next();
        // `州长`, `省委`, `市政府`, `县人大`: the post or body of the place,
        // written after a person's name as often (`王明远市长`)
        let body = next.is_some_and(|c| "长委政人党领".contains(c));
        // `州立`, `市民`: a word of its own
        let word = next.is_some_and(|c| "立民区级属域内".contains(c));
        if !body && !word {
            return Some(range.start..range.end + unit.len_utf8());
        }
        return None;
    }
    let han = text[range.clone()].chars().all(is_han);
    (han && ends_places(after)).then(|| range.clone())
}

/// Whether `after` closes a list of places: `等地`, `等多地`, `等方向`
/// (not `等地方`).
fn ends_places(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('等') else { return false };
    ["地", "多地", "方向", "城市", "国家", "省", "州"].iter().any(|w| rest.starts_with(w)) && !rest.starts_with("地方")
}

/// Where a list's item ends: a list mark, a clause's end, `等`.
fn item_ends(after: &str) -> bool {
    after.is_empty() || after.starts_with(['、', '，', '。', '；', '和', '及', '等'])
}

/// Makes places of the people the model names in a list (`、`) of places,
/// whole items of it (`…、哈尔科夫等地`, `苏梅、第聂伯…等多地`): the items of a
/// list are of one kind; and every item of a list closed as one of places
/// (`…、…等方向`). Not when the list holds as many people as places
/// (a person's name the model misread as a place), nor a place that opens a
/// longer item (`李明、北京市委书记王刚`).
pub(super) fn listed_with_places(text: &str, named: &mut [Named]) {
    if !named.iter().any(|n| n.kind == Kind::Place) {
        return;
    }
    // the names that are whole items, in order, and the runs of them that
    // `、` joins
    let mut items: Vec<usize> = (0..named.len()).filter(|&i| item_ends(&text[named[i].range.end..])).collect();
    items.sort_by_key(|&i| named[i].range.start);
    let joined = |a: &Named, b: &Named| text.get(a.range.end..b.range.start) == Some("、");
    let mut start = 0;
    while start < items.len() {
        let mut end = start + 1;
        while end < items.len() && joined(&named[items[end - 1]], &named[items[end]]) {
            end += 1;
        }
        let run = &items[start..end];
        let count = |kind: Kind| run.iter().filter(|&&i| named[i].kind == kind).count();
        let (places, people) = (count(Kind::Place), count(Kind::Person));
        // closed as a list of places (`…等方向`), or more places than other
        // people (a person's name the model misread as a place stays in a
        // list of people)
        let closed = ends_places(&text[named[run[run.len() - 1]].range.end..]);
        if run.len() > 1 && (closed || places > 0 && places >= people) {
            for &i in run {
                if named[i].kind == Kind::Person && text[named[i].range.clone()].chars().all(is_han) {
                    named[i].kind = Kind::Place;
                }
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::{mentions, people};
    use crate::entities::MentionKind;

    fn at(text: &str, w: &str) -> Range<usize> {
        let s = text.find(w).expect("the word is in the text");
        s..s + w.len()
    }

    #[test]
    fn a_date_against_a_name_is_no_part_of_it() {
        let t = "书记王明远9日会见客人";
        assert_eq!(&t[without_digits(t, at(t, "王明远9"))], "王明远");
        assert_eq!(&t[without_digits(t, at(t, "王明远"))], "王明远");
        assert!(without_digits("2019", 0..4).is_empty());
        let p = people("市委常委、区委书记赵希9月16日至18日赴外地考察。");
        assert!(p.iter().any(|(n, _)| n == "赵希"), "{p:?}");
        assert!(p.iter().all(|(n, _)| !n.chars().any(|c| c.is_ascii_digit())), "{p:?}");
    }

    #[test]
    fn zuo_before_a_report_is_the_verb() {
        let t = "秘书长王立作的关于工作的报告";
        assert_eq!(&t[without_verb(t, at(t, "王立作"))], "王立");
        let t = "听取王立作报告";
        assert_eq!(&t[without_verb(t, at(t, "王立作"))], "王立");
        // a given name ending with 作, nothing of a report after it
        let t = "王立作在会上发言";
        assert_eq!(&t[without_verb(t, at(t, "王立作"))], "王立作");
        let t = "王立还介绍了情况";
        assert_eq!(&t[without_verb(t, at(t, "王立还"))], "王立");
        let t = "王立还。";
        assert_eq!(&t[without_verb(t, at(t, "王立还"))], "王立还");
        let p = people("会议听取了秘书长张奇作的工作报告。");
        assert!(p.iter().any(|(n, _)| n == "张奇") && !p.iter().any(|(n, _)| n == "张奇作"), "{p:?}");
    }

    #[test]
    fn a_craft_named_after_someone_is_no_person() {
        let t = "打击了“哈利·杜文”号航空母舰";
        assert!(a_craft(t, &at(t, "哈利·杜文")));
        let t = "驶来的杜文号驱逐舰";
        assert!(a_craft(t, &at(t, "杜文")));
        let t = "“高尔基海军上将”号护卫舰";
        assert!(a_craft(t, &at(t, "尔基")) && a_craft(t, &at(t, "上将")));
        let t = "王明远号召大家";
        assert!(!a_craft(t, &at(t, "王明远")));
        let t = "“我们要学习王明远”，号召大家";
        assert!(!a_craft(t, &at(t, "王明远")));
        let t = "“王明远”号召大家";
        assert!(!a_craft(t, &at(t, "王明远")));
        let p = people("据报道，一架无人机飞近“哈里·杜明”号及随行军舰。");
        assert!(p.iter().all(|(n, _)| !n.contains("杜明")), "{p:?}");
    }

    #[test]
    fn the_opening_of_a_terms_name_is_no_person() {
        let t = "加大对“陆明新通道”建设投入";
        assert!(opens_a_term(t, &at(t, "陆明新")));
        let t = "大力推进西部陆明新通道建设";
        assert!(opens_a_term(t, &at(t, "陆明新")));
        for (t, name) in [
            ("“王明远同志”", "王明远"),
            ("“王明远”", "王明远"),
            ("“王明远书记”", "王明远"),
            ("西部，王明远说", "王明远"),
        ] {
            assert!(!opens_a_term(t, &at(t, name)), "{t}");
        }
    }

    #[test]
    fn a_side_of_talks_is_no_person() {
        let t = "中方愿同孟方加强在农业和教育领域的合作";
        assert!(a_side(t, &at(t, "孟方")));
        let t = "孟方代表团今天抵达";
        assert!(!a_side(t, &at(t, "孟方")));
        let t = "中方代表与李方会谈";
        assert!(!a_side(t, &at(t, "李方")));
    }

    #[test]
    fn a_state_body_is_no_person() {
        let t = "记者从国家林水局了解到";
        assert!(a_state_body(t, &at(t, "林水局")));
        let t = "记者从林水局了解到";
        assert!(!a_state_body(t, &at(t, "林水局")));
        let t = "国家主席王明远";
        assert!(!a_state_body(t, &at(t, "王明远")));
    }

    #[test]
    fn a_unit_of_government_or_a_list_of_places_makes_a_place() {
        let t = "俄军试图突破苏拉州边境";
        assert_eq!(as_place(t, &at(t, "苏拉")).map(|r| &t[r]), Some("苏拉州"));
        let t = "在顿河、苏拉等地控制了村镇";
        assert_eq!(as_place(t, &at(t, "苏拉")).map(|r| &t[r]), Some("苏拉"));
        for (t, name) in [
            ("王明远州长说", "王明远"),
            ("王明远省委书记", "王明远"),
            ("王明远市政府", "王明远"),
            ("李明等地方干部", "李明"),
            ("请王明远市民热线", "王明远"),
        ] {
            assert_eq!(as_place(t, &at(t, name)), None, "{t}");
        }
    }

    fn person_at(text: &str, w: &str) -> Named {
        Named { range: at(text, w), kind: Kind::Person }
    }

    #[test]
    fn the_items_of_a_list_are_of_one_kind() {
        let t = "基辅、哈尔科夫、苏拉等多地遭袭";
        let person = |w: &str| Named { range: at(t, w), kind: Kind::Person };
        let place = |w: &str| Named { range: at(t, w), kind: Kind::Place };
        let mut named = [place("基辅"), place("哈尔科夫"), person("苏拉")];
        listed_with_places(t, &mut named);
        assert!(named[2].kind == Kind::Place);
        // a place that opens a longer item leaves the person be
        let t = "李明、北京市委书记王刚出席";
        let mut named =
            [Named { range: at(t, "李明"), kind: Kind::Person }, Named { range: at(t, "北京"), kind: Kind::Place }];
        listed_with_places(t, &mut named);
        assert!(named[0].kind == Kind::Person);
        // a list closed as one of places
        let t = "在苏拉、哈尔夫、顿河等方向行动";
        let mut named =
            [person_at(t, "苏拉"), person_at(t, "哈尔夫"), Named { range: at(t, "顿河"), kind: Kind::Place }];
        listed_with_places(t, &mut named);
        assert!(named.iter().all(|n| n.kind == Kind::Place));
        // people listed with a name the model misread as a place
        let t = "王甲、乌云其、李乙、张丙";
        let person = |w: &str| Named { range: at(t, w), kind: Kind::Person };
        let mut named =
            [person("王甲"), Named { range: at(t, "乌云其"), kind: Kind::Place }, person("李乙"), person("张丙")];
        listed_with_places(t, &mut named);
        assert!(named.iter().filter(|n| n.kind == Kind::Person).count() == 3);
        let p = people("当地官员称，苏梅、第聂伯罗彼得罗夫斯克等多地电网受损。");
        assert!(!p.iter().any(|(n, _)| n.contains("苏梅")), "{p:?}");
        let places = mentions("据报道，哈尔科夫、苏梅等地昨夜停电。", MentionKind::Place);
        assert!(places.contains(&"苏梅"), "{places:?}");
    }
}
