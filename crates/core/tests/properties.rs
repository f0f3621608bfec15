//! The parser never panics: on arbitrary bytes, on arbitrary text, and on
//! sample issues mutated the way extraction damages text (lines dropped,
//! repeated, cut in two, shuffled; junk and control characters inserted).
//! Every line of the input stays accounted for.

use crate::common::samples;
use crate::provenance::assert_every_line_covered;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = shuzibao_core::parse_bytes(&bytes);
    }

    #[test]
    fn arbitrary_text_is_fully_accounted_for(text in "(\\PC|\n|\r|\u{3000}|[#□●（）()：:，。 ]){0,400}") {
        let issue = shuzibao_core::parse(&text);
        assert_every_line_covered("arbitrary", &text, &issue);
    }

    #[test]
    fn mutated_samples_never_panic_and_lose_nothing(
        which in 0usize..16,
        ops in proptest::collection::vec((0u8..6, any::<u16>(), any::<u16>()), 1..24),
    ) {
        let all = samples();
        let (name, text) = &all[which % all.len()];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (op, a, b) in ops {
            if lines.is_empty() { break; }
            let i = a as usize % lines.len();
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => {
                    let chars: Vec<char> = lines[i].chars().collect();
                    let k = b as usize % (chars.len() + 1);
                    let (x, y): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
                    lines[i] = x;
                    lines.insert(i + 1, String::new());
                    lines.insert(i + 2, y);
                }
                3 => { let j = b as usize % lines.len(); lines.swap(i, j); }
                4 => lines.insert(i, ["# ", "□ 记者 ", "(下转第", "\u{0}\u{7}", "\u{202e}", "**", "第3期", "（"][b as usize % 8].to_string()),
                _ => { let l = lines[i].clone(); lines[i] = l.replace('。', ""); }
            }
        }
        let mutated = lines.join("\n");
        let issue = shuzibao_core::parse(&mutated);
        assert_every_line_covered(name, &mutated, &issue);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// The entity finder reads any text: rolls of names, dotted names,
    /// posts and marks in any order. It never panics, and every mention is
    /// a slice of its paragraph.
    #[test]
    fn entities_of_any_text_are_slices_of_it(
        paragraphs in proptest::collection::vec(
            "([王李张刘陈杨赵周吴司马欧阳扎西顿珠克林顿·•・、，。：（）女族委员区长书记说会见]|\\PC){0,120}",
            1..4,
        ),
        roll in proptest::collection::vec(0usize..14, 0..40),
    ) {
        // and a roll of names, whole or damaged
        const PIECES: [&str; 14] = [
            "张立", "林海", "陈志远", "刘涛", "刘海", "扎西·顿珠", "（女）", "委员：",
            "·", "王", "司马光·艾力", "，", "江泽民", "出席",
        ];
        let roll: String = roll.into_iter().map(|k| PIECES[k]).collect();
        let mut refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        refs.push(&roll);
        let e = shuzibao_core::entities::extract_paragraphs(&refs, None);
        for m in &e.mentions {
            let p = refs[m.paragraph];
            prop_assert!(p.get(m.range.clone()).is_some_and(|s| !s.is_empty()), "{m:?} in {p:?}");
        }
    }
}
