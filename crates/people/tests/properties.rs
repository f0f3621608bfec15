//! Properties of the entity passes that hold for any text.

use proptest::prelude::*;

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
        let e = shuzibao_people::entities::extract_paragraphs(&refs, None);
        for m in &e.mentions {
            let p = refs[m.paragraph];
            prop_assert!(p.get(m.range.clone()).is_some_and(|s| !s.is_empty()), "{m:?} in {p:?}");
        }
    }
}
