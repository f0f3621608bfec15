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
