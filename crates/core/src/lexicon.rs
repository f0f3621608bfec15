//! Newspaper vocabulary kept as data: family names, posts, column labels.
//!
//! The lists live in `data/*.txt` so that they can be read and extended
//! without touching the rules; this module loads them once and answers
//! questions such as "is this a column label, and of what kind?". It is not a
//! dictionary of the words of any one paper: only the general conventions of
//! Chinese newspapers belong here.

use crate::model::ArticleKind;
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

const SURNAMES: &str = include_str!("../data/surnames.txt");
const POSTS: &str = include_str!("../data/posts.txt");
const COLUMNS: &str = include_str!("../data/columns.txt");
const BOXES: &str = include_str!("../data/boxes.txt");
const TRANSLITERATION: &str = include_str!("../data/transliteration.txt");
const PLACES: &str = include_str!("../data/places.txt");
const PLACE_ABBREVIATIONS: &str = include_str!("../data/place_abbreviations.txt");
const ORGANIZATIONS: &str = include_str!("../data/organizations.txt");
const BODIES_ALONE: &str = include_str!("../data/bodies_alone.txt");

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static SURNAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(SURNAMES).flat_map(str::split_whitespace).collect());

static TRANSLITERATION_SET: LazyLock<HashSet<char>> =
    LazyLock::new(|| entries(TRANSLITERATION).flat_map(str::chars).filter(|c| !c.is_whitespace()).collect());

static PLACE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(PLACES).flat_map(str::split_whitespace).collect());

static ORGANIZATION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(ORGANIZATIONS).flat_map(str::split_whitespace).collect());

static BODY_ALONE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| entries(BODIES_ALONE).collect());

static ABBREVIATION_MAP: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    entries(PLACE_ABBREVIATIONS)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let short = it.next()?;
            let full = it.next()?;
            let mut chars = short.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some((c, full))
        })
        .collect()
});

/// Whether `c` is one of the characters foreign names are written with by
/// sound (`克`, `林`, `顿`).
pub fn is_transliteration_char(c: char) -> bool {
    TRANSLITERATION_SET.contains(&c)
}

/// Whether `w` is a place the gazetteer knows (countries, regions, Chinese
/// provinces and cities, world cities).
pub fn is_known_place(w: &str) -> bool {
    PLACE_SET.contains(w)
}

/// Whether `w` is an organisation known by name alone (`新华社`, `东盟`).
pub fn is_known_organization(w: &str) -> bool {
    ORGANIZATION_SET.contains(w)
}

/// Whether `w` names the body an article is about when written alone
/// (`委员会`, `主席团`), unlike a kind of body (`政府`, `学校`).
pub fn is_body_named_alone(w: &str) -> bool {
    BODY_ALONE_SET.contains(w)
}

/// The place a one-character abbreviation stands for in compounds such as
/// `中美关系` or `京津冀` (`美` → `美国`).
pub fn place_abbreviation(c: char) -> Option<&'static str> {
    ABBREVIATION_MAP.get(&c).copied()
}

/// Words looked up as the ending of a text, longest first: grouped by their
/// last character, so that a look-up compares only the words that can end
/// the text (the lists hold hundreds of words; entities look up every token).
pub struct Endings {
    by_last: HashMap<char, Vec<&'static str>>,
}

impl Endings {
    /// The words of a data file (one per line, `#` comments), longest first.
    pub fn from_data(data: &'static str) -> Endings {
        let mut words: Vec<&str> = entries(data).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let mut by_last: HashMap<char, Vec<&'static str>> = HashMap::default();
        for w in words {
            if let Some(c) = w.chars().next_back() {
                by_last.entry(c).or_default().push(w);
            }
        }
        Endings { by_last }
    }

    /// Whether any of the words is written somewhere in `text`.
    pub fn occur_in(&self, text: &str) -> bool {
        text.char_indices().any(|(i, c)| {
            self.by_last.get(&c).is_some_and(|words| words.iter().any(|w| text[..i + c.len_utf8()].ends_with(w)))
        })
    }

    /// The longest word that ends `text`.
    pub fn find(&self, text: &str) -> Option<&'static str> {
        let last = text.chars().next_back()?;
        self.by_last.get(&last)?.iter().copied().find(|w| text.ends_with(w))
    }

    /// The longest word that ends `text` and is shorter than it: `text` is
    /// something of that kind (`香港科技大学` ends with `大学`), not the word
    /// itself.
    pub fn find_proper(&self, text: &str) -> Option<&'static str> {
        let last = text.chars().next_back()?;
        let n = text.chars().count();
        self.by_last.get(&last)?.iter().copied().find(|w| text.ends_with(w) && n > w.chars().count())
    }
}

static POST_ENDINGS: LazyLock<Endings> = LazyLock::new(|| Endings::from_data(POSTS));

static COLUMN_MAP: LazyLock<HashMap<&'static str, ArticleKind>> = LazyLock::new(|| {
    entries(COLUMNS)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let label = it.next()?;
            let kind = match it.next()? {
                "briefs" => ArticleKind::Briefs,
                "photo" => ArticleKind::Photo,
                "notice" => ArticleKind::Notice,
                "commentary" => ArticleKind::Commentary,
                "letter" => ArticleKind::Letter,
                _ => ArticleKind::News,
            };
            Some((label, kind))
        })
        .collect()
});

static BOX_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| entries(BOXES).collect());

/// Words a notice's title ends with (`……公告`).
pub static NOTICE_WORDS: &[&str] = &["小启", "启事", "公告", "通告", "声明", "通知", "须知"];
/// Words a letter's or a speech's title holds (`新年贺词`, `致全区居民的一封信`).
pub static LETTER_WORDS: &[&str] =
    &["贺词", "献词", "公开信", "倡议书", "慰问信", "贺信", "感谢信", "一封信", "致辞", "寄语", "家书"];

/// Whether `w` is one of those words alone: a title, not a name.
pub fn is_title_word(w: &str) -> bool {
    NOTICE_WORDS.contains(&w) || LETTER_WORDS.contains(&w)
}

/// Whether `w` is a known family name, single or compound (`王`, `欧阳`).
pub fn is_surname(w: &str) -> bool {
    SURNAME_SET.contains(w)
}

/// Whether `name` starts with a known family name (single or compound).
pub fn has_surname(name: &str) -> bool {
    let mut it = name.char_indices().skip(1);
    let one = it.next().map_or(name.len(), |(i, _)| i);
    let two = it.next().map_or(name.len(), |(i, _)| i);
    SURNAME_SET.contains(&name[..one]) || (two <= name.len() && SURNAME_SET.contains(&name[..two]))
}

/// Whether `name` starts with a compound family name (`欧阳`, `司马`).
pub fn has_compound_surname(name: &str) -> bool {
    let two = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
    name.chars().count() > 2 && SURNAME_SET.contains(&name[..two])
}

/// The most common family names: the first lines of `surnames.txt`.
static COMMON_SURNAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(SURNAMES).take(6).flat_map(str::split_whitespace).collect());

/// Whether `name` starts with one of the ~120 most common family names.
pub fn has_common_surname(name: &str) -> bool {
    name.chars().next().is_some_and(|c| COMMON_SURNAMES.contains(c.to_string().as_str()))
}

/// The kind of column a label opens (`大字新闻` → briefs), if it is one.
/// Spaces and decorations around the label are ignored.
///
/// ```
/// use shuzibao_core::lexicon::column_kind;
/// use shuzibao_core::model::ArticleKind;
/// assert_eq!(column_kind("■ 大字新闻"), Some(ArticleKind::Briefs));
/// assert_eq!(column_kind("体育快讯"), Some(ArticleKind::Briefs));
/// assert_eq!(column_kind("医学资讯"), Some(ArticleKind::Briefs));
/// assert_eq!(column_kind("发布最新资讯"), None, "longer, it is a clause");
/// assert_eq!(column_kind("资讯"), Some(ArticleKind::Briefs));
/// assert_eq!(column_kind("区块链技术助力金融资讯"), None);
/// ```
pub fn column_kind(label: &str) -> Option<ArticleKind> {
    let key: String = label.chars().filter(|c| crate::text::is_han(*c)).collect();
    COLUMN_MAP.get(key.as_str()).copied().or_else(|| briefs_by_ending(label, &key))
}

/// A short label made of a subject and a word for briefs (`医学资讯`,
/// `财经短波`, `体育快讯`) opens a column of briefs.
fn briefs_by_ending(label: &str, key: &str) -> Option<ArticleKind> {
    const ENDINGS: &[&str] = &["资讯", "短波", "快讯", "简讯", "速递", "速览", "简报"];
    const MAX_CHARS: usize = 5;
    let n = key.chars().count();
    let whole = label.trim().chars().count() == n;
    (whole && (3..=MAX_CHARS).contains(&n) && ENDINGS.iter().any(|e| key.ends_with(e))).then_some(ArticleKind::Briefs)
}

/// Whether `label` names a box inside an article (`核心阅读`, `编者按`).
pub fn is_box_label(label: &str) -> bool {
    let key: String = label.chars().filter(|c| crate::text::is_han(*c)).collect();
    BOX_SET.contains(key.as_str())
}

/// The post ending that `text` ends with (`徐汇区区长` ends with `区长`), if any.
pub fn post_ending(text: &str) -> Option<&'static str> {
    POST_ENDINGS.find(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_written_anywhere() {
        let e = Endings::from_data("座谈会\n论坛\n");
        assert!(e.occur_in("区里开了座谈会，大家发言"));
        assert!(e.occur_in("论坛"));
        assert!(!e.occur_in("座谈在会后举行"), "each character apart is no word");
        assert!(!e.occur_in(""));
    }

    #[test]
    fn surnames_single_and_compound() {
        assert!(has_surname("刘坤"));
        assert!(has_surname("欧阳夏丹"));
        assert!(has_surname("钟晓咏"));
        assert!(!has_surname("摄影"));
        assert!(!has_surname(""));
    }

    #[test]
    fn columns_and_boxes() {
        assert_eq!(column_kind("大字新闻"), Some(ArticleKind::Briefs));
        assert_eq!(column_kind("【 图片新闻 】"), Some(ArticleKind::Photo));
        assert_eq!(column_kind("小启"), Some(ArticleKind::Notice));
        assert_eq!(column_kind("徐汇区召开会议"), None);
        assert!(is_box_label("核心阅读"));
        assert!(!is_box_label("大字新闻"));
    }

    #[test]
    fn posts() {
        assert_eq!(post_ending("徐汇区区长"), Some("区长"));
        assert_eq!(post_ending("区委副书记"), Some("副书记"));
        assert_eq!(post_ending("徐汇区"), None);
    }
}
