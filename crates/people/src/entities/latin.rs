//! A person's name in Latin letters in brackets right after the name in
//! Chinese (`阿特金森（Martin Atkinson）`): the news writes a foreign name
//! so, and it is the same person's, a mention of them. Only letters,
//! spaces, dots, hyphens and apostrophes, at most five words.
//!
//! Not a Latin name alone (the model finds those when it can), nor the
//! other things brackets hold after a name (a post, an age, a place).

use super::{Entities, Mention, MentionKind};

/// Adds a mention for each Latin name in brackets after a person named in
/// `paragraph` of `text`.
pub(super) fn bracketed(text: &str, paragraph: usize, out: &mut Entities) {
    let after: Vec<usize> = out
        .mentions
        .iter()
        .filter(|m| m.paragraph == paragraph && m.kind == MentionKind::Person)
        .map(|m| m.range.end)
        .collect();
    for end in after {
        if let Some(range) = latin_in_brackets(text, end) {
            out.mentions.push(Mention { kind: MentionKind::Person, paragraph, range });
        }
    }
}

/// The byte range of a Latin name in brackets opening at `at`, if any.
fn latin_in_brackets(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let rest = &text[at..];
    let (open, close) = if rest.starts_with('（') {
        ('（', '）')
    } else if rest.starts_with('(') {
        ('(', ')')
    } else {
        return None;
    };
    let inner_start = at + open.len_utf8();
    let inner_len = text[inner_start..].find(close)?;
    let inner = &text[inner_start..inner_start + inner_len];
    let letters = inner.chars().filter(char::is_ascii_alphabetic).count();
    let shape = inner.chars().all(|c| c.is_ascii_alphabetic() || " .-'".contains(c))
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.split_whitespace().count() <= 5;
    (shape && letters >= 3).then(|| inner_start..inner_start + inner_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin<'a>(text: &'a str, after: &str) -> Option<&'a str> {
        let at = text.find(after).map(|i| i + after.len())?;
        latin_in_brackets(text, at).map(|r| &text[r])
    }

    #[test]
    fn a_name_in_letters_after_the_name() {
        assert_eq!(latin("主裁判阿特金森（Martin Atkinson）说", "阿特金森"), Some("Martin Atkinson"));
        assert_eq!(latin("导演库布里克(stanley kubrick)的", "库布里克"), Some("stanley kubrick"));
    }

    #[test]
    fn not_an_age_a_post_or_nothing() {
        assert_eq!(latin("王小明（35岁）说", "王小明"), None);
        assert_eq!(latin("王小明（右）说", "王小明"), None);
        assert_eq!(latin("王小明说", "王小明"), None);
    }
}
