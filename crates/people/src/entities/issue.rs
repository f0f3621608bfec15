//! Names completed across a text and an issue: a name found in one
//! paragraph is a mention wherever the text writes it again; a name the
//! model gave without the look of a Chinese name is a person where the
//! issue names it surely; a name cut short by a character in one article is
//! the full name another article of the issue writes.
//!
//! Not the passes over one paragraph.

use super::{extract, Entities, Mention, MentionKind, PersonRole};
use chrono::NaiveDate;
use shuzibao_core::model::Article;
use shuzibao_core::text::is_han;

/// Adds a mention wherever the paragraphs write a name found elsewhere in
/// them and not yet covered by a mention, longest names first.
pub(super) fn mention_again(paragraphs: &[&str], out: &mut Entities) {
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

#[cfg(test)]
mod tests {
    use crate::entities::{extract_paragraphs, MentionKind};

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
}
