//! Character classes and small text helpers for Chinese newspaper text.
//!
//! What counts as a Han character, as sentence-final punctuation, how a stray
//! space between `1 月 13 日` is removed, how full-width forms are folded for
//! matching. Pure functions on `&str`; no knowledge of layout lives here.

/// A regular expression from a constant pattern of this crate (each is
/// compiled once, in a `LazyLock`, and exercised by its module's tests).
#[allow(clippy::unwrap_used)]
pub(crate) fn re(p: &str) -> regex::Regex {
    regex::Regex::new(p).unwrap()
}

/// Whether `c` is a Han ideograph (CJK unified, extension A, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Whether `c` is CJK punctuation or a full-width form (`，` `。` `“` `（` `Ａ`).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026 | 0x00B7)
}

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '．')
}

/// Closing quotes and brackets that may follow a sentence end.
pub fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '》' | '）' | ')' | '】' | '"' | '\'' | '〕')
}

/// Opening bracket matching a closing one, if `c` is one.
fn opener_of(c: char) -> Option<char> {
    Some(match c {
        '）' => '（',
        ')' => '(',
        '】' => '【',
        '〕' => '〔',
        _ => return None,
    })
}

/// Whether the text ends a sentence: `…举行。`, `…举行。”`, `…举行。（记者 张三）`.
///
/// A trailing bracket counts when a sentence end stands before it, so that a
/// byline or source in brackets after the last sentence still ends it, while a
/// headline's column tag `（人民观点）` does not.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let mut chars = t.chars().rev().peekable();
    let Some(&last) = chars.peek() else {
        return false;
    };
    if is_sentence_end(last) {
        return true;
    }
    if let Some(open) = opener_of(last) {
        // the opener that this closer closes, brackets inside it skipped
        let mut depth = 0usize;
        let matching = t.char_indices().rev().find_map(|(i, c)| {
            if c == last {
                depth += 1;
            } else if c == open {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            None
        });
        if let Some(pos) = matching {
            // a text wholly in brackets is complete: `（作者为某大学教授）`
            if pos == 0 {
                return true;
            }
            return t[..pos].trim_end().chars().next_back().is_some_and(|c| is_sentence_end(c) || is_closer(c));
        }
        return false;
    }
    if is_closer(last) {
        chars.next();
        while let Some(&c) = chars.peek() {
            if is_closer(c) {
                chars.next();
            } else {
                return is_sentence_end(c);
            }
        }
    }
    false
}

/// Whether a line ends in the middle of a clause (`，` `、` or a connecting word
/// cut off), so that the next piece of text must continue it.
pub fn ends_mid_clause(text: &str) -> bool {
    matches!(
        text.trim_end().chars().next_back(),
        Some('，' | ',' | '、' | '：' | ':' | '“' | '（' | '(' | '《' | '—' | '-')
    )
}

/// Whether a line opens with a mark no sentence or headline opens with (a
/// pause mark, a comma, a full stop, a closing quote or bracket): it is the
/// rest of a line a column break cut (`、市长王甲`, `”他说。`).
pub fn opens_mid_sentence(text: &str) -> bool {
    matches!(
        text.trim_start().chars().next(),
        Some('、' | '，' | ',' | '。' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '】' | '〕')
    )
}

/// For the marks printed in pairs (brackets, full-width and half-width mixed
/// in print as `（新年俗)`; quotes; title marks; square brackets), in one
/// pass over the text: whether it leaves one open that it opened, and
/// whether it closes one it did not open. (Every line of a page is read
/// so: one pass, no allocation, the marks found by memchr.)
fn unpaired(text: &str) -> (bool, bool) {
    let (mut depth, mut stray) = ([0u32; 4], false);
    let mut step = |kind: usize, opens: bool| {
        if opens {
            depth[kind] += 1;
        } else if depth[kind] > 0 {
            depth[kind] -= 1;
        } else {
            stray = true;
        }
    };
    // the marks are `(` `)` and three-byte characters: `（）` EF BC 88/89,
    // `“”` E2 80 9C/9D, `《》` E3 80 8A/8B, `【】` E3 80 90/91; their first
    // bytes are found with memchr (Han characters start E4–E9), in text order
    let b = text.as_bytes();
    let mut ascii = memchr::memchr2_iter(b'(', b')', b).peekable();
    for i in memchr::memchr3_iter(0xEF, 0xE2, 0xE3, b) {
        while let Some(a) = ascii.next_if(|&a| a < i) {
            step(0, b[a] == b'(');
        }
        let mark = match (b[i], b.get(i + 1), b.get(i + 2)) {
            (0xEF, Some(0xBC), Some(0x88)) => (0, true),
            (0xEF, Some(0xBC), Some(0x89)) => (0, false),
            (0xE2, Some(0x80), Some(0x9C)) => (1, true),
            (0xE2, Some(0x80), Some(0x9D)) => (1, false),
            (0xE3, Some(0x80), Some(0x8A)) => (2, true),
            (0xE3, Some(0x80), Some(0x8B)) => (2, false),
            (0xE3, Some(0x80), Some(0x90)) => (3, true),
            (0xE3, Some(0x80), Some(0x91)) => (3, false),
            _ => continue,
        };
        step(mark.0, mark.1);
    }
    for a in ascii {
        step(0, b[a] == b'(');
    }
    (depth.iter().any(|&d| d > 0), stray)
}

/// Whether a line leaves a pair open (see [`leaves_pair_open`]) and whether
/// it is the rest of a cut line (see [`continues_cut_line`]), in one pass.
pub fn cut_line_signs(text: &str) -> (bool, bool) {
    let (open, stray) = unpaired(text);
    (open, opens_mid_sentence(text) || stray)
}

/// Whether a line leaves a bracket, a quote or a title mark open that it
/// opened (`（作者为某大学`, `他说：“今年`): a line a column break cut, as
/// a headline keeps its marks in pairs.
pub fn leaves_pair_open(text: &str) -> bool {
    unpaired(text).0
}

/// Whether a line is the rest of a line a column break cut: it opens
/// mid-sentence (see [`opens_mid_sentence`]) or closes a bracket or quote it
/// did not open (`研究院教授）`).
pub fn continues_cut_line(text: &str) -> bool {
    opens_mid_sentence(text) || unpaired(text).1
}

/// Number of chars.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Share of Han characters among the non-space characters of `s`, 0..=1.
pub fn han_ratio(s: &str) -> f32 {
    let mut han = 0usize;
    let mut all = 0usize;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        han += usize::from(is_han(c));
    }
    if all == 0 {
        0.0
    } else {
        han as f32 / all as f32
    }
}

/// Folds full-width ASCII forms and the ideographic space to ASCII, for matching
/// (`（Ｂ）０１５０` → `(B)0150`). Other characters are unchanged.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// Removes every white-space character: for matching masthead fields spread
/// over lines and spaced-out names (`徐 匯 報`, `2024 年 1 月`).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a space between `a` and `b` is an artefact of extraction rather
/// than a real word space: it is when it touches a Han character or CJK
/// punctuation on one side and a Han character, CJK punctuation or a digit
/// on the other (`1 月 13 日`, `徐汇 ，`), but not between Latin words
/// (`City Walk`) or between a Han character and a Latin word (`文化 IP`).
fn space_is_artefact(a: char, b: char) -> bool {
    let cjk = |c: char| is_han(c) || is_cjk_punct(c);
    (cjk(a) && (cjk(b) || b.is_ascii_digit())) || (cjk(b) && a.is_ascii_digit())
}

/// A line printed letter-spaced, a space between every character, as
/// extraction gives a headline or a signature set with wide tracking
/// (`2 0 2 4 年 新 年 贺 词`, `徐 汇 区 区 长 钟 晓 咏`), joined again.
/// A wider gap (two spaces or more, an ideographic space) keeps one space:
/// it parts the halves of a headline. `None` unless the line is spaced
/// throughout: at least four pieces, each one character, two of them Han.
///
/// ```
/// use shuzibao_core::text::unspace_letters;
/// assert_eq!(unspace_letters("2 0 2 4 年 新 年 贺 词").as_deref(), Some("2024年新年贺词"));
/// assert_eq!(unspace_letters("难 忘 的 旅 程  珍 贵 的 回 忆").as_deref(), Some("难忘的旅程 珍贵的回忆"));
/// assert_eq!(unspace_letters("区长 王 玮"), None);
/// assert_eq!(unspace_letters("A B C D"), None);
/// ```
pub fn unspace_letters(s: &str) -> Option<String> {
    let s = s.trim();
    let mut pieces = 0usize;
    let mut han = 0usize;
    let mut out = String::with_capacity(s.len());
    let mut gap = 0usize;
    for c in s.chars() {
        if c.is_whitespace() {
            gap += if c == '\u{3000}' { 2 } else { 1 };
            continue;
        }
        if !out.is_empty() {
            match gap {
                0 => return None, // two characters side by side: not spaced throughout
                1 => {}
                _ => out.push(' '),
            }
        }
        gap = 0;
        pieces += 1;
        han += usize::from(is_han(c));
        out.push(c);
    }
    (pieces >= 4 && han >= 2).then_some(out)
}

/// A paragraph whose printed lines were joined (see
/// [`crate::lines::join_wrapped`]) as one line: each break, with the white
/// space around it, goes; a space stays only between two Latin letters or
/// digits (`City` / `Walk`).
///
/// ```
/// use shuzibao_core::text::join_broken_lines;
/// assert_eq!(join_broken_lines("会议指出，要把城市更\n新放在突出位置"), "会议指出，要把城市更新放在突出位置");
/// assert_eq!(join_broken_lines("爱上了 City\r\nWalk"), "爱上了 City Walk");
/// ```
pub fn join_broken_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pieces = s.split('\n').map(|p| p.trim_matches(|c: char| c.is_whitespace())).filter(|p| !p.is_empty());
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for p in pieces {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().next_back()) && latin(p.chars().next()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Whether `c` is an invisible control that has no place in clean text:
/// C0 and C1 control characters other than white space (a stray BEL, the
/// ESC of a terminal colour code), direction marks and overrides (U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069, which can reorder what a reader
/// sees), and the zero-width no-break space. The raw text keeps them.
pub fn is_invisible_control(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Whether `s` holds an invisible control: a byte scan first (every such
/// character starts with a byte below 0x20, 0x7f, 0xc2, 0xe2 or 0xef), the
/// character test only when one of those bytes is there.
fn has_invisible_control(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)) && s.contains(is_invisible_control)
}

/// Cleans a piece of running text: trims it, drops Markdown emphasis `**`
/// and invisible controls ([`is_invisible_control`]), and removes the spaces
/// that extraction put between Han characters and digits (`2024 年 1 月 1 日`
/// → `2024年1月1日`). Keeps everything else as it was.
///
/// ```
/// use shuzibao_core::text::clean_inline;
/// assert_eq!(clean_inline("  去年 12 月 27 日下午举行 "), "去年12月27日下午举行");
/// assert_eq!(clean_inline("**城市更新**"), "城市更新");
/// assert_eq!(clean_inline("市民游客爱上了 City Walk,推窗见绿"), "市民游客爱上了 City Walk,推窗见绿");
/// assert_eq!(clean_inline("正文\u{202e}倒\u{202c}\u{1b}[31m红"), "正文倒[31m红");
/// ```
pub fn clean_inline(s: &str) -> String {
    let mut s = std::borrow::Cow::Borrowed(s.trim_matches(|c: char| c.is_whitespace()));
    if s.contains("**") {
        s = std::borrow::Cow::Owned(s.replace("**", ""));
    }
    if has_invisible_control(&s) {
        s = std::borrow::Cow::Owned(s.replace(is_invisible_control, ""));
    }
    let t = s.trim();
    let mut out = String::with_capacity(t.len());
    // copied a run of non-space at a time; each run of white space becomes
    // one space, or none where extraction put it (see `space_is_artefact`)
    let mut rest = t;
    while let Some(at) = rest.find(char::is_whitespace) {
        out.push_str(&rest[..at]);
        let after = rest[at..].trim_start();
        let prev = out.chars().next_back();
        match (prev, after.chars().next()) {
            (Some(a), Some(b)) if space_is_artefact(a, b) => {}
            _ => out.push(' '),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Cleans a headline: like [`clean_inline`], but keeps one space between two
/// Han phrases, since headlines use it to separate halves (`共谋发展向前看 区区合作再出发`).
pub fn clean_headline(s: &str) -> String {
    let mut s = s.replace("**", "");
    if let Some(joined) = unspace_letters(&s) {
        s = joined;
    }
    if has_invisible_control(&s) {
        s = s.replace(is_invisible_control, "");
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev = out.chars().next_back();
            let drop = match prev {
                Some(a) => {
                    (a.is_ascii_digit() && is_han(c))
                        || (is_han(a) && c.is_ascii_digit())
                        || is_cjk_punct(a)
                        || is_cjk_punct(c)
                }
                None => true,
            };
            if !drop {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Converts traditional characters to simplified ones (`徐匯報` → `徐汇报`).
pub fn to_simplified(s: &str) -> String {
    fast2s::convert(s)
}

/// Parses a number written in digits or Chinese numerals (`16`, `十六`, `二十`, `〇七`).
pub fn parse_number(s: &str) -> Option<u32> {
    let s = fold_width(s);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut current = 0u32;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = current * 10 + d;
            any = true;
        } else if c == '十' {
            total += if current == 0 { 10 } else { current * 10 };
            current = 0;
            any = true;
        } else if c == '百' {
            total += current.max(1) * 100;
            current = 0;
            any = true;
        } else {
            return None;
        }
    }
    any.then_some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_a_line_a_column_break_cut() {
        assert!(opens_mid_sentence("、副区长李乙出席"));
        assert!(opens_mid_sentence("”老张笑着说。"));
        assert!(!opens_mid_sentence("“小菜园”里的大学问"));
        assert!(leaves_pair_open("（作者为示例大学"));
        assert!(leaves_pair_open("她笑着说：“今年的"));
        assert!(!leaves_pair_open("守住诚信经营底线（财经观）"));
        assert!(!leaves_pair_open("“小菜园”里的大学问"));
        assert!(!leaves_pair_open("到农家过大年（新春见闻)"));
        assert!(continues_cut_line("研究院教授）"));
        assert!(continues_cut_line("、副区长李乙出席"));
        assert!(!continues_cut_line("守住诚信经营底线（财经观）"));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("会议举行。"));
        assert!(ends_sentence("他说：“要抓好落实。”"));
        assert!(ends_sentence("会议举行。（记者 张三）"));
        assert!(ends_sentence("万事如意!"));
        assert!(ends_sentence("（本系列评论到此结束）"));
        assert!(ends_sentence("（作者为示例大学经济研究所（某某中心）研究员）"));
        assert!(!ends_sentence("示例大学经济研究所（某某中心）研究员（人民观点）"));
        assert!(!ends_sentence("新技术打开城市治理新空间（人民观点）"));
        assert!(!ends_sentence("扎实推进,"));
        assert!(!ends_sentence("徐汇区召开党史学习教育总结会议"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn clean_inline_keeps_latin_spaces_and_drops_cjk_ones() {
        assert_eq!(clean_inline("围绕 6 个科创街区进行布局"), "围绕6个科创街区进行布局");
        assert_eq!(clean_inline("打磨本土文化 IP,打造"), "打磨本土文化 IP,打造");
        assert_eq!(clean_inline("FISE 世界极限运"), "FISE 世界极限运");
        assert_eq!(clean_inline("1 月 13 日 ， 下午"), "1月13日，下午");
    }

    #[test]
    fn clean_headline_keeps_the_space_between_halves() {
        assert_eq!(clean_headline("共谋发展向前看 区区合作再出发"), "共谋发展向前看 区区合作再出发");
        assert_eq!(clean_headline("## 2024 年新年贺词"), "## 2024年新年贺词");
        assert_eq!(clean_headline("**2024 年新年贺词**"), "2024年新年贺词");
    }

    #[test]
    fn numbers_in_digits_and_numerals() {
        assert_eq!(parse_number("16"), Some(16));
        assert_eq!(parse_number("１６"), Some(16));
        assert_eq!(parse_number("十六"), Some(16));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("二十一"), Some(21));
        assert_eq!(parse_number("三"), Some(3));
        assert_eq!(parse_number("一百零八"), Some(108));
        assert_eq!(parse_number("第三"), None);
    }

    #[test]
    fn folding_width() {
        assert_eq!(fold_width("（Ｂ）０１５０"), "(B)0150");
        assert_eq!(fold_width("\u{3000}\u{3000}正文"), "  正文");
        assert_eq!(to_simplified("徐 匯 報"), "徐 汇 报");
    }
}
