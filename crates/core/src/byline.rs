//! Bylines (署名): who reported, photographed or signed an article.
//!
//! Reads the forms Chinese papers print: `□ 记者 刘坤 陈文卿`, `● 记者 柴斌`,
//! `本报记者 杜一菲`, `记者 王浩 通讯员 李明`, `文/图 张三`, `张三 摄`,
//! `刘坤 陈文卿 摄影报道`, the bracket after a dateline `（记者杜一菲）`, and a
//! signature with a post, `徐汇区区长 钟晓咏`. It decides whether a piece of
//! text *is* a byline and who is in it; where bylines stand in an article is
//! the assembler's business.

use crate::lexicon;
use crate::model::{Author, Byline};
use crate::text::{fold_width, is_han, unspace_letters};
use regex::Regex;
use std::sync::LazyLock;

/// Bullets that open a byline or a brief (`□`, `●`).
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '□' | '●'
            | '■'
            | '◆'
            | '◇'
            | '▲'
            | '△'
            | '○'
            | '★'
            | '☆'
            | '•'
            | '▌'
            | '▍'
            | '◎'
            | '▶'
            | '►'
            | '▷'
            | '➤'
            | '▸'
    )
}

/// Strips a leading bullet and the space after it.
pub fn strip_bullet(text: &str) -> (bool, &str) {
    let t = text.trim_start();
    match t.chars().next() {
        Some(c) if is_bullet(c) => (true, t[c.len_utf8()..].trim_start()),
        _ => (false, t),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Reporter,
    Photographer,
    Correspondent,
    Intern,
    ReporterAndPhotographer,
    /// 作者 / 撰稿: a signed author without a post.
    Author,
}

/// A reporter of a named outlet: a name ending in 网, 社, 台 or 报, then `记者`.
static OUTLET_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern, tested below
    Regex::new(r"^\p{Han}{1,6}?(?:网|社|台|报)(?:特约|见习)?记者").unwrap()
});

/// A cartoon's credits, the drawing's and the words': `曹 一图 于 石文`
/// (names glued to `图` and `文`, their characters spaced out).
static PICTURE_AND_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // a constant pattern, tested below
    Regex::new(r"^(\p{Han}(?:\s*\p{Han}){1,3}?)\s*图\s+(\p{Han}(?:\s*\p{Han}){1,3}?)\s*文$").unwrap()
});

/// Role words that stand before the names they govern, longest first.
const PREFIX_ROLES: &[(&str, Role)] = &[
    ("本报特约记者", Role::Reporter),
    ("本报见习记者", Role::Reporter),
    ("本报实习生", Role::Intern),
    ("本报通讯员", Role::Correspondent),
    ("本报记者", Role::Reporter),
    ("新华社记者", Role::Reporter),
    ("人民日报记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("首席记者", Role::Reporter),
    ("融媒记者", Role::Reporter),
    ("记者", Role::Reporter),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Intern),
    ("文/图", Role::ReporterAndPhotographer),
    ("图/文", Role::ReporterAndPhotographer),
    ("文图", Role::ReporterAndPhotographer),
    ("图文", Role::ReporterAndPhotographer),
    ("摄影", Role::Photographer),
    ("摄像", Role::Photographer),
    ("撰稿", Role::Reporter),
    ("采写", Role::Reporter),
    ("作者", Role::Author),
    ("文", Role::Reporter),
    ("图", Role::Photographer),
];

/// Role words that stand after the names they govern.
const SUFFIX_ROLES: &[(&str, Role)] = &[
    ("摄影报道", Role::Photographer),
    ("图文报道", Role::ReporterAndPhotographer),
    ("摄影", Role::Photographer),
    ("供图", Role::Photographer),
    ("报道", Role::Reporter),
    ("采访整理", Role::Reporter),
    ("整理", Role::Reporter),
    ("摄", Role::Photographer),
];

/// Whether a role word of one Han character (`文`, `图`) really is a role here:
/// it must be followed by a separator, not by the rest of a name.
fn single_char_role_ok(rest: &str) -> bool {
    matches!(rest.chars().next(), Some('/' | ':' | '：' | ' ' | '\u{3000}' | '|'))
}

/// A personal name: two to four Han characters (five or six with a compound
/// family name), or a transliterated name with a middle dot.
pub fn is_name(token: &str) -> bool {
    let n = token.chars().count();
    if token.contains(['·', '•', '・']) {
        return (3..=16).contains(&n) && token.chars().all(|c| is_han(c) || matches!(c, '·' | '•' | '・'));
    }
    (2..=4).contains(&n) && token.chars().all(is_han) && !is_role_word(token)
}

fn is_role_word(token: &str) -> bool {
    PREFIX_ROLES.iter().any(|(w, _)| *w == token)
        || SUFFIX_ROLES.iter().any(|(w, _)| *w == token)
        || matches!(token, "本报" | "报道" | "综合" | "编辑" | "责编" | "来源" | "本报讯")
}

/// Splits a run of names: `刘坤 陈文卿`, `王浩、李心萍`, `王 玮` (a two-character
/// name spaced out to the width of a three-character one).
fn split_names(s: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '|'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if t.chars().count() == 1 && is_han(t.chars().next()?) {
            // 王 玮 → 王玮, 欧阳 X → 欧阳X
            let next = tokens.get(i + 1)?;
            if next.chars().count() > 2 || !next.chars().all(is_han) {
                return None;
            }
            names.push(format!("{t}{next}"));
            i += 2;
            continue;
        }
        if t == "等" {
            i += 1;
            continue;
        }
        // In a byline every name starts with a family name (or is a
        // transliteration with a middle dot): `参与采写` is not a name.
        if !is_name(t) || !(lexicon::has_surname(t) || t.contains(['·', '•', '・'])) {
            return None;
        }
        names.push(t.to_string());
        i += 1;
    }
    Some(names)
}

fn add(byline: &mut Byline, role: Role, names: Vec<String>) {
    let push = |v: &mut Vec<String>, n: &String| {
        if !v.contains(n) {
            v.push(n.clone());
        }
    };
    for n in &names {
        match role {
            Role::Reporter => push(&mut byline.reporters, n),
            Role::Photographer => push(&mut byline.photographers, n),
            Role::Correspondent => push(&mut byline.correspondents, n),
            Role::Intern => push(&mut byline.interns, n),
            Role::ReporterAndPhotographer => {
                push(&mut byline.reporters, n);
                push(&mut byline.photographers, n);
            }
            Role::Author => {
                if !byline.authors.iter().any(|a| &a.name == n) {
                    byline.authors.push(Author { name: n.clone(), role: None });
                }
            }
        }
    }
}

fn prefix_role(s: &str) -> Option<(Role, usize)> {
    // another outlet's reporter: `人民网记者`, `央视台记者`, `光明日报记者`
    if let Some(m) = OUTLET_REPORTER.find(s) {
        return Some((Role::Reporter, m.end()));
    }
    for (word, role) in PREFIX_ROLES {
        if let Some(rest) = s.strip_prefix(word) {
            if word.chars().count() == 1 && !single_char_role_ok(rest) {
                continue;
            }
            return Some((*role, word.len()));
        }
    }
    None
}

/// Reads a cartoon's credits, printed under it as a line of its own: who
/// drew it (`图`, as a photographer) and who wrote the words (`文`, as an author).
///
/// ```
/// use shuzibao_core::byline::picture_and_words;
/// let b = picture_and_words("方  晓图  林  川文").unwrap();
/// assert_eq!(b.photographers, ["方晓"]);
/// assert_eq!(b.authors[0].name, "林川");
/// assert!(picture_and_words("看图说文").is_none());
/// ```
pub fn picture_and_words(text: &str) -> Option<Byline> {
    let c = PICTURE_AND_WORDS.captures(text.trim())?;
    let name = |m: &str| m.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut byline = Byline::default();
    add(&mut byline, Role::Photographer, vec![name(&c[1])]);
    add(&mut byline, Role::Author, vec![name(&c[2])]);
    Some(byline)
}

/// Reads `text` as a byline, if the whole of it is one.
///
/// ```
/// use shuzibao_core::byline::parse_byline;
/// let b = parse_byline("□ 记者 刘坤 陈文卿").unwrap();
/// assert_eq!(b.reporters, ["刘坤", "陈文卿"]);
/// let b = parse_byline("记者 王浩 通讯员 李明").unwrap();
/// assert_eq!(b.correspondents, ["李明"]);
/// let b = parse_byline("刘坤 陈文卿 摄影报道").unwrap();
/// assert_eq!(b.photographers, ["刘坤", "陈文卿"]);
/// assert_eq!(parse_byline("本报记者 柯明采访整理").unwrap().reporters, ["柯明"]);
/// assert!(parse_byline("资料整理").is_none());
/// assert!(parse_byline("□ 1月11日下午,上海退役军人创新创业示范园揭牌").is_none());
/// ```
pub fn parse_byline(text: &str) -> Option<Byline> {
    if text.len() > 48 * 3 + 8 || is_compiled_credit(text) {
        return None;
    }
    // `林晓风摄（视觉中国）`: a photo credit with the agency in brackets.
    if let Some(open) = text.rfind(['（', '(']).filter(|&i| i > 0 && text.ends_with(['）', ')'])) {
        if let Some(b) = parse_byline(&text[..open]) {
            return Some(b);
        }
    }
    let folded = fold_width(text);
    let (_, body) = strip_bullet(&folded);
    let body = body.trim().trim_matches(|c| matches!(c, '(' | ')' | '[' | ']' | '【' | '】'));
    if body.is_empty() || body.chars().count() > 48 || is_compiled_credit(body) {
        return None;
    }
    if body.chars().any(|c| matches!(c, '。' | '！' | '？' | '“' | '”' | '《')) {
        return None;
    }
    let mut byline = Byline::default();
    // Trailing role word: `张三 摄`, `刘坤 陈文卿 摄影报道`.
    let mut core = body;
    let mut trailing = None;
    for (word, role) in SUFFIX_ROLES {
        if let Some(rest) = core.strip_suffix(word) {
            // `摄影报道` glued to a name (`张三摄`) is allowed only after a space,
            // for the one-character `摄`, or after a list of names (`周海涛
            // 陆明远摄影报道`).
            let before = rest.trim_end();
            if before.is_empty() {
                continue;
            }
            let spaced = rest.len() != before.len();
            if spaced || *word == "摄" || prefix_role(before).is_some() || before.contains(char::is_whitespace) {
                trailing = Some(*role);
                core = before;
                break;
            }
        }
    }
    let mut rest = core.trim();
    let mut any_role = trailing.is_some();
    let mut current: Option<Role> = None;
    // after a role word of two characters or more (`记者`, `本报记者`) one
    // name alone may lack a known family name (`次仁央宗`)
    let mut explicit = false;
    let names_after = |pending: &str, explicit: bool| {
        split_names(pending).or_else(|| {
            let name = pending.trim();
            (explicit && !name.contains(char::is_whitespace) && is_name(name)).then(|| vec![name.to_string()])
        })
    };
    let mut pending = String::new();
    while !rest.is_empty() {
        if let Some((role, len)) = prefix_role(rest) {
            if let Some(r) = current {
                add(&mut byline, r, names_after(&pending, explicit)?);
            } else if !pending.trim().is_empty() {
                // names before the first role word: only in `X 摄` form
                return None;
            }
            pending.clear();
            current = Some(role);
            explicit = rest[..len].chars().count() >= 2;
            any_role = true;
            rest = rest[len..].trim_start_matches([' ', '/', ':', '：', '\u{3000}', '|']);
            continue;
        }
        let c = rest.chars().next()?;
        pending.push(c);
        rest = &rest[c.len_utf8()..];
    }
    match (current, trailing) {
        (Some(r), None) => add(&mut byline, r, names_after(&pending, explicit)?),
        // `记者 张三 摄`: the reporter took the picture.
        (Some(r), Some(t)) => {
            add(&mut byline, if t == Role::Photographer { t } else { r }, names_after(&pending, explicit)?)
        }
        (None, Some(t)) => {
            // Names with no role word before them must look like names.
            let names = split_names(&pending)?;
            if !names.iter().all(|n| lexicon::has_surname(n)) {
                return None;
            }
            add(&mut byline, t, names)
        }
        (None, None) => return None,
    }
    (any_role && !byline.is_empty()).then_some(byline)
}

/// Whether a closing line credits a report compiled from others' reports
/// (`综合本报记者甲、乙报道`, `据新华社电`, `据某某网报道`): the paper's own
/// sentence saying where the text came from, kept as the text's last
/// paragraph, never a byline (its names wrote the reports, not this text).
/// A bracketed credit cut before it closes (`（综合本报记者甲、乙` at the end
/// of a page, the rest after `下转`) is one too: its bracket opens on a
/// credit's first word and the line ends before the bracket closes.
pub fn is_compiled_credit(text: &str) -> bool {
    let text = text.trim();
    let t = text.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let opens = t.starts_with("综合") || t.starts_with('据');
    let cut = t.len() < text.len() && !text.ends_with(['）', ')']) && !t.contains(['）', ')']);
    opens && (t.ends_with("报道") || t.ends_with('电') || cut)
}

/// Reads a line of names alone (`刘坤 陈文卿`), as printed above a `摄影报道`
/// line or under a headline: every token a name with a known family name.
pub fn parse_names_only(text: &str) -> Option<Vec<String>> {
    if text.len() > 30 * 3 {
        return None;
    }
    let (_, body) = strip_bullet(text);
    let names = split_names(body)?;
    // with no role word to vouch for them, four characters make a name only
    // after a family name of two (`欧阳文卿`; `金秋送爽 安居乐业` is a headline)
    let name_like = |n: &String| match n.chars().count() {
        4 => lexicon::has_compound_surname(n),
        c => c <= 4 && lexicon::has_surname(n),
    };
    (!names.is_empty() && names.iter().all(name_like)).then_some(names)
}

/// Reads a line that is one person's name and nothing else (`王甲`, `欧阳文卿`,
/// letter-spaced `王  甲`): two characters after a common family name, three
/// after any, four after a compound one; no word of the dictionary unless
/// the dictionary has it as a name (`丰收`, `初雪` are words), and no word
/// a letter's or a speech's title is (`贺信`, `致辞`).
pub fn parse_lone_name(text: &str) -> Option<String> {
    let name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let chars = name.chars().count();
    let shaped = match chars {
        2 => lexicon::has_common_surname(&name),
        3 => lexicon::has_surname(&name),
        4 => lexicon::has_compound_surname(&name),
        _ => false,
    };
    if !shaped || !name.chars().all(crate::text::is_han) || lexicon::is_title_word(&name) {
        return None;
    }
    let seg = crate::segment::Segmenter::base();
    let known = seg.has_word(&name);
    let as_name = seg.tagged_fast(&name).first().is_some_and(|(r, tag)| r.len() == name.len() && *tag == "nr");
    (!known || as_name).then_some(name)
}

/// Reads a signature with a post: `徐汇区区长 钟晓咏`, `区委书记、区长 张三`.
/// The post must end with a known post word and the name must look like one.
pub fn parse_signature(text: &str) -> Option<Author> {
    if text.len() > 40 * 3 + 8 {
        return None;
    }
    let folded = fold_width(text);
    let (_, body) = strip_bullet(&folded);
    let body = body.trim().trim_start_matches(['—', '-']).trim();
    if body.chars().count() > 40 || body.chars().any(|c| matches!(c, '。' | '！' | '？' | '，' | ',')) {
        return None;
    }
    if let Some(joined) = unspace_letters(body) {
        return spaced_signature(&joined);
    }
    let split = body.rfind(char::is_whitespace)?;
    let (post, name) = (body[..split].trim(), body[split..].trim());
    // A spaced-out two-character name: `区长 王 玮`.
    let (post, name) = match post.rfind(char::is_whitespace) {
        Some(i) if name.chars().count() == 1 && post[i..].trim().chars().count() == 1 => {
            (post[..i].trim(), format!("{}{}", post[i..].trim(), name))
        }
        _ => (post, name.to_string()),
    };
    if post.is_empty() || !post.chars().all(|c| is_han(c) || matches!(c, '、' | '·' | ' ')) {
        return None;
    }
    lexicon::post_ending(post)?;
    if !is_name(&name) || !lexicon::has_surname(&name) {
        return None;
    }
    Some(Author { name, role: Some(post.to_string()) })
}

/// A signature printed letter-spaced (`徐 汇 区 区 长 钟 晓 咏`), joined: the
/// space between post and name is gone, so the name is the last three
/// characters, or two, after a post that ends with a post word.
fn spaced_signature(joined: &str) -> Option<Author> {
    let chars: Vec<char> = joined.chars().filter(|c| !c.is_whitespace()).collect();
    [3usize, 2].into_iter().find_map(|k| {
        let cut = chars.len().checked_sub(k).filter(|&c| c >= 2)?;
        let post: String = chars[..cut].iter().collect();
        let name: String = chars[cut..].iter().collect();
        (post.chars().all(|c| is_han(c) || c == '、')
            && lexicon::post_ending(&post).is_some()
            && is_name(&name)
            && lexicon::has_surname(&name))
        .then_some(Author { name, role: Some(post) })
    })
}

/// Administrative units a place name ends with (`兴化市`, `西城区`, `黟县`).
const PLACE_ENDINGS: &[char] = &['省', '市', '区', '县', '州', '旗', '镇', '乡', '村'];

/// Reads a writer's signature with the place they write from: `江苏某某市
/// 王甲`, `北京西城  李乙`, `某某县 张 丙` (a letter, a reader's comment).
/// The place is a few Han characters ending in an administrative unit or
/// opening with a known place; the name looks like one.
pub fn parse_place_signature(text: &str) -> Option<Author> {
    const PLACE_CHARS: std::ops::RangeInclusive<usize> = 2..=12;
    let folded = fold_width(text);
    let parts: Vec<&str> = folded.split_whitespace().collect();
    let (place, name) = match parts.as_slice() {
        [place, name] => (*place, (*name).to_string()),
        // a two-character name spaced out: `某某县 张 丙`
        [place, a, b] if a.chars().count() == 1 && b.chars().count() == 1 => (*place, format!("{a}{b}")),
        _ => return None,
    };
    let n = place.chars().count();
    if !PLACE_CHARS.contains(&n) || !place.chars().all(is_han) {
        return None;
    }
    let opens_with_place = (2..=3).any(|k| {
        let head: String = place.chars().take(k).collect();
        k < n && lexicon::is_known_place(&head)
    });
    if !(place.ends_with(PLACE_ENDINGS) || opens_with_place) {
        return None;
    }
    let chars = name.chars().count();
    ((2..=3).contains(&chars) && is_name(&name) && lexicon::has_surname(&name))
        .then(|| Author { name, role: Some(place.to_string()) })
}

/// Reads a byline inside brackets after a dateline or at the end of the text:
/// `（记者杜一菲）`, `（记者 刘坤 通讯员 张三）`, `(本报记者 王浩)`.
pub fn parse_bracketed(inner: &str) -> Option<Byline> {
    parse_byline(inner.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writer_signs_with_their_place() {
        let a = parse_place_signature("江苏示例市  王小明").unwrap();
        assert_eq!((a.name.as_str(), a.role.as_deref()), ("王小明", Some("江苏示例市")));
        assert_eq!(parse_place_signature("北京西城 李 丽").unwrap().name, "李丽");
        assert!(parse_place_signature("示例县 张甲").is_some());
        assert!(parse_place_signature("山水相依 古今相望").is_none());
        assert!(parse_place_signature("城市更新 王者归来").is_none());
    }

    #[test]
    fn reporters_with_bullets() {
        assert_eq!(parse_byline("● 记者 柴斌").unwrap().reporters, ["柴斌"]);
        assert_eq!(parse_byline("□ 记者 刘坤 陆海捷").unwrap().reporters, ["刘坤", "陆海捷"]);
        assert_eq!(parse_byline("本报记者  李晓颖").unwrap().reporters, ["李晓颖"]);
        assert_eq!(picture_and_words("周小明图\u{a0}\u{a0}陈立文").unwrap().photographers, ["周小明"]);
        let b = parse_byline("人民网记者  林  涛  本报记者  陈小雨").unwrap();
        assert_eq!(b.reporters, ["林涛", "陈小雨"]);
        assert_eq!(parse_byline("中国青年报记者 王明").unwrap().reporters, ["王明"]);
        assert_eq!(parse_byline("记者杜一菲").unwrap().reporters, ["杜一菲"]);
        assert_eq!(parse_byline("记者王浩、李心萍").unwrap().reporters, ["王浩", "李心萍"]);
    }

    #[test]
    fn a_credit_compiled_from_reports_is_no_byline() {
        assert!(parse_byline("（综合本报记者王甲、李乙、赵丙报道）").is_none());
        assert!(parse_byline("（据某某社电）").is_none());
        assert!(parse_byline("据本报记者王甲报道").is_none());
        assert!(is_compiled_credit("（综合本报记者王甲、新华社报道）"));
        // cut before it closes (continued on another page): still a credit
        assert!(is_compiled_credit("（综合本报记者王甲、李乙、赵丙"));
        assert!(parse_byline("（综合本报记者王甲、李乙、赵丙").is_none());
        // not bracketed, or closed on something else: not one
        assert!(!is_compiled_credit("综合本报记者王甲、李乙"));
        assert!(!is_compiled_credit("（综合治理）示例区"));
        assert!(!is_compiled_credit("（本报记者王甲）"));
        // a bracketed reporter stays a byline
        assert_eq!(parse_byline("（本报记者 王甲）").unwrap().reporters, ["王甲"]);
    }

    #[test]
    fn mixed_roles() {
        let b = parse_byline("记者 王浩 通讯员 李明 实习生 赵一").unwrap();
        assert_eq!(b.reporters, ["王浩"]);
        assert_eq!(b.correspondents, ["李明"]);
        assert_eq!(b.interns, ["赵一"]);
        let b = parse_byline("文/图 张三").unwrap();
        assert_eq!(b.reporters, ["张三"]);
        assert_eq!(b.photographers, ["张三"]);
        let b = parse_byline("文/张三 图/李四").unwrap();
        assert_eq!(b.reporters, ["张三"]);
        assert_eq!(b.photographers, ["李四"]);
        let b = parse_byline("张三 摄").unwrap();
        assert_eq!(b.photographers, ["张三"]);
        assert!(b.reporters.is_empty());
        assert_eq!(parse_byline("林晓风摄（视觉中国）").unwrap().photographers, ["林晓风"]);
        let b = parse_byline("新华社记者 欧阳夏丹 摄").unwrap();
        assert_eq!(b.photographers, ["欧阳夏丹"]);
        // a role glued to the last of several names
        let b = parse_byline("周海涛  陆明远摄影报道").unwrap();
        assert_eq!(b.photographers, ["周海涛", "陆明远"]);
        assert!(parse_byline("春节摄影报道").is_none(), "one word glued to the role is not a name");
    }

    #[test]
    fn words_after_names_are_not_names() {
        assert!(parse_byline("本报记者 杨帆 参与采写").is_none());
    }

    #[test]
    fn a_signature_spaced_throughout() {
        let a = parse_signature("某 某 区 区 长 王 大 明").unwrap();
        assert_eq!((a.name.as_str(), a.role.as_deref()), ("王大明", Some("某某区区长")));
        let a = parse_signature("— 市 长 李 文").unwrap();
        assert_eq!((a.name.as_str(), a.role.as_deref()), ("李文", Some("市长")));
        // spaced, but no post before a name
        assert!(parse_signature("春 天 的 故 事").is_none());
    }

    #[test]
    fn spaced_two_character_name() {
        assert_eq!(parse_byline("本报记者 王 玮").unwrap().reporters, ["王玮"]);
        assert_eq!(
            parse_byline("本报记者 次仁央宗").unwrap().reporters,
            ["次仁央宗"],
            "a name without a Han family name"
        );
        assert!(parse_byline("本报记者 杨帆 参与采写").is_none());
        assert!(parse_byline("图 说明").is_none());
    }

    #[test]
    fn not_bylines() {
        assert!(parse_byline("记者从会上获悉，今年将新建学校。").is_none());
        assert!(parse_byline("□ 市人大常委会主任1月13日下午到我区开展大走访").is_none());
        assert!(parse_byline("刘坤 陈文卿").is_none());
        assert!(parse_byline("文化自信").is_none());
        assert!(parse_byline("图片新闻").is_none());
    }

    #[test]
    fn a_name_alone() {
        assert_eq!(parse_lone_name("王甲").as_deref(), Some("王甲"));
        assert_eq!(parse_lone_name("王  甲").as_deref(), Some("王甲"));
        assert_eq!(parse_lone_name("欧阳文卿").as_deref(), Some("欧阳文卿"));
        for not_a_name in ["丰收", "贺信", "王甲乙丙", "A组", "通知"] {
            assert_eq!(parse_lone_name(not_a_name), None, "{not_a_name}");
        }
    }

    #[test]
    fn names_only_and_signatures() {
        assert_eq!(parse_names_only("刘坤 陈文卿").unwrap(), ["刘坤", "陈文卿"]);
        assert!(parse_names_only("共谋发展 合作共赢").is_none());
        // halves of a headline that open with family names are no names
        assert!(parse_names_only("金秋送爽 安居乐业").is_none());
        assert_eq!(parse_names_only("欧阳文卿 李明").unwrap(), ["欧阳文卿", "李明"]);
        let a = parse_signature("徐汇区区长 钟晓咏").unwrap();
        assert_eq!(a.name, "钟晓咏");
        assert_eq!(a.role.as_deref(), Some("徐汇区区长"));
        let a = parse_signature("——浙江台州市纪委书记、监委主任 王 玮").unwrap();
        assert_eq!(a.name, "王玮");
        assert!(parse_signature("2024 年新年贺词").is_none());
        assert!(parse_signature("区委书记 推动发展").is_none());
    }
}
