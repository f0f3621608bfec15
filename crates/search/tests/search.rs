//! Search end to end: index articles, query, check what is found, by name.
//! Each assertion names the query it ran.

#![allow(clippy::unwrap_used)]

use shuzibao_search::snippet::snippet;
use shuzibao_search::{parse_query, Clause, IndexDoc, SearchIndex, SearchRequest, Sort};

fn doc(id: u64, date: &str, page: u32, title: &str, body: &str, people: &[&str]) -> IndexDoc {
    IndexDoc {
        id,
        issue: id,
        paper: Some("示例区报".into()),
        date: date.parse().ok(),
        page: Some(page),
        kind: "news".into(),
        title: title.into(),
        body: body.into(),
        people: people.iter().map(|s| s.to_string()).collect(),
        named: Vec::new(),
    }
}

fn index() -> SearchIndex {
    let idx = SearchIndex::in_memory().unwrap();
    let docs = vec![
        doc(1, "2023-09-18", 1, "北京大学代表团来访", "代表团参观了区内的科技企业和社区食堂。", &["刘坤"]),
        doc(
            2,
            "2023-09-18",
            2,
            "社区食堂开到家门口",
            "北街街道第三家社区食堂开门迎客，老人凭卡就餐可享受九折优惠。",
            &["陈静"],
        ),
        doc(3, "2022-09-18", 3, "颱風過境 市民注意安全", "受颱風影響，全區普降大雨。", &[]),
        doc(
            4,
            "2024-01-01",
            1,
            "2024年新年贺词",
            "居民朋友们：2024年即将到来。在北京路上，市民游客爱上了 City Walk。",
            &["钟晓咏"],
        ),
        doc(
            5,
            "2023-03-20",
            4,
            "区图书馆推出夜间阅读服务",
            "从3月起，区图书馆开放时间延长至晚上九点，欢迎读者前来阅读。食堂也延长了时间。",
            &["刘坤"],
        ),
    ];
    idx.replace_issues(&docs.iter().map(|d| d.issue).collect::<Vec<_>>(), &docs, 7).unwrap();
    idx
}

fn ids(idx: &SearchIndex, q: &str) -> Vec<u64> {
    let query = idx.parse_query(q).unwrap();
    let r = idx.search(&SearchRequest { query, limit: 20, ..Default::default() }).unwrap();
    r.hits.iter().map(|h| h.id).collect()
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

#[test]
fn a_word_inside_a_longer_word_is_found() {
    // jieba keeps 北京大学 whole; the bigrams still hold 北京
    assert_eq!(sorted(ids(&index(), "\"北京\"")), [1, 4], "query \"北京\"");
}

#[test]
fn traditional_and_simplified_find_each_other() {
    assert_eq!(ids(&index(), "台风"), [3], "query 台风 against 颱風");
    assert_eq!(ids(&index(), "\"食堂開\""), [2], "query 食堂開 against 食堂开");
}

#[test]
fn title_matches_rank_above_body_matches() {
    let hits = ids(&index(), "社区食堂");
    assert_eq!(hits.first(), Some(&2), "query 社区食堂: {hits:?}");
    assert!(hits.contains(&1));
}

#[test]
fn the_headline_is_searched_with_the_text_and_apart_from_it() {
    // words only in a headline are found as words and as a string
    assert_eq!(ids(&index(), "来访"), [1], "query 来访");
    assert_eq!(ids(&index(), "代表团 来访"), [1], "query 代表团 来访");
    assert_eq!(ids(&index(), "\"团来访\""), [1], "query \"团来访\"");
    // but no string runs from the headline's end into the body's start
    assert!(ids(&index(), "\"门口北街\"").is_empty(), "query \"门口北街\"");
    assert_eq!(ids(&index(), "\"家门口\""), [2], "query \"家门口\"");
    // title: looks at the headline alone
    assert_eq!(ids(&index(), "title:代表团"), [1], "query title:代表团");
    assert!(ids(&index(), "title:科技企业").is_empty(), "query title:科技企业");
}

#[test]
fn one_character_and_latin_words() {
    assert_eq!(sorted(ids(&index(), "\"堂\"")), [1, 2, 5], "query 堂");
    assert_eq!(ids(&index(), "\"city walk\""), [4], "query city walk");
    assert_eq!(ids(&index(), "\"CITY\""), [4], "query CITY");
}

#[test]
fn exclusion_and_or() {
    assert_eq!(sorted(ids(&index(), "食堂 -老人")), [1, 5], "query 食堂 -老人");
    assert_eq!(sorted(ids(&index(), "图书馆 OR 台风")), [3, 5], "query 图书馆 OR 台风");
}

#[test]
fn excluding_a_string_first_found_after_the_first_match() {
    // `夜间阅读` first holds in article 5, after article 1 that holds `食堂`
    assert_eq!(sorted(ids(&index(), "食堂 -夜间阅读")), [1, 2], "query 食堂 -夜间阅读");
    assert_eq!(sorted(ids(&index(), "-\"夜间阅读\" 食堂")), [1, 2], "query -\"夜间阅读\" 食堂");
}

#[test]
fn filters_dates_pages_people() {
    assert_eq!(sorted(ids(&index(), "食堂 date:2023-09")), [1, 2], "date:2023-09");
    assert_eq!(ids(&index(), "食堂 date:2023-03..2023-06"), [5], "date range");
    assert_eq!(sorted(ids(&index(), "date:*-09-18")), [1, 2, 3], "same day any year");
    assert_eq!(ids(&index(), "食堂 page:2"), [2], "page:2");
    assert_eq!(sorted(ids(&index(), "reporter:刘坤")), [1, 5], "reporter:刘坤");
    assert_eq!(ids(&index(), "钟晓咏"), [4], "a signer's name finds what he signed");
    assert_eq!(ids(&index(), "title:图书馆"), [5], "title:图书馆");
    assert!(ids(&index(), "title:九点").is_empty(), "title:九点 is only in a body");
}

#[test]
fn phrase_with_slop() {
    assert!(ids(&index(), "\"社区家门口\"").is_empty(), "exact phrase does not skip words");
    assert_eq!(ids(&index(), "\"食堂 家门口\"~2"), [2], "slop allows two words between");
    assert!(ids(&index(), "\"食堂 家门口\"").is_empty(), "without slop the words must touch");
}

#[test]
fn sort_by_date_and_paging() {
    let query = parse_query("食堂").unwrap();
    let r = SearchIndex::search(
        &index(),
        &SearchRequest { query: query.clone(), sort: Sort::Newest, limit: 2, ..Default::default() },
    )
    .unwrap();
    assert_eq!(r.total, 3);
    // 1 and 2 share a date; their order among themselves is not fixed
    assert_eq!(sorted(r.hits.iter().map(|h| h.id).collect()), [1, 2]);
    let next = SearchIndex::search(
        &index(),
        &SearchRequest { query, sort: Sort::Newest, limit: 2, offset: 2, ..Default::default() },
    )
    .unwrap();
    assert_eq!(next.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [5]);
}

#[test]
fn facets_count_the_matches() {
    let query = parse_query("食堂").unwrap();
    let r = index().search(&SearchRequest { query, limit: 10, facets: true, ..Default::default() }).unwrap();
    let f = r.facets.unwrap();
    assert_eq!(f.year, [("2023".to_string(), 3)]);
    assert_eq!(f.person[0], ("刘坤".to_string(), 2));
    assert_eq!(f.page.len(), 3);
}

#[test]
fn replacing_an_issue_removes_its_old_articles() {
    let idx = index();
    idx.replace_issues(&[2], &[doc(9, "2023-09-18", 2, "新标题", "新的正文。", &[])], 8).unwrap();
    assert!(ids(&idx, "九折").is_empty(), "old text gone");
    assert_eq!(ids(&idx, "新标题"), [9]);
    assert_eq!(idx.applied_change().unwrap(), 8);
}

#[test]
fn exact_strings_are_all_found() {
    // every substring of every body, of 1 to 6 characters, finds every doc that holds it
    let idx = index();
    let bodies = [
        (1u64, "代表团参观了区内的科技企业和社区食堂。"),
        (5, "从3月起，区图书馆开放时间延长至晚上九点，欢迎读者前来阅读。食堂也延长了时间。"),
    ];
    for (_, body) in bodies {
        // substrings inside runs of letters, digits and Han characters
        for run in body.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()) {
            let chars: Vec<char> = run.chars().collect();
            for len in 1..=6.min(chars.len()) {
                for start in 0..=chars.len() - len {
                    let s: String = chars[start..start + len].iter().collect();
                    let q = parse_query(&format!("\"{s}\"")).unwrap();
                    let found = idx.all_ids(&q).unwrap();
                    for (id, b) in bodies {
                        if b.contains(&s) {
                            assert!(found.contains(&id), "query {s:?} missed doc {id}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn exact_strings_find_only_the_documents_that_hold_them() {
    // every string of 2 to 6 characters of every title and body, and each
    // reversed (its bigrams there, out of order), finds exactly the
    // documents whose title or body holds it, whether the segmenter keeps
    // it as one word or not
    let idx = index();
    let texts: Vec<(u64, String)> = [
        (1u64, "北京大学代表团来访 代表团参观了区内的科技企业和社区食堂。"),
        (2, "社区食堂开到家门口 北街街道第三家社区食堂开门迎客，老人凭卡就餐可享受九折优惠。"),
        // (as folded to simplified characters)
        (3, "台风过境 市民注意安全 受台风影响，全区普降大雨。"),
        (4, "2024年新年贺词 居民朋友们：2024年即将到来。在北京路上，市民游客爱上了 City Walk。"),
        (5, "区图书馆推出夜间阅读服务 从3月起，区图书馆开放时间延长至晚上九点，欢迎读者前来阅读。食堂也延长了时间。"),
    ]
    .iter()
    .map(|(id, t)| (*id, t.to_lowercase()))
    .collect();
    let mut strings = std::collections::BTreeSet::new();
    for (_, text) in &texts {
        for run in text.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()) {
            let chars: Vec<char> = run.chars().collect();
            for len in 2..=6.min(chars.len()) {
                for start in 0..=chars.len() - len {
                    let s: String = chars[start..start + len].iter().collect();
                    strings.insert(s.chars().rev().collect::<String>());
                    strings.insert(s);
                }
            }
        }
    }
    for s in strings.iter().filter(|s| !["刘坤", "陈静", "钟晓咏"].contains(&s.as_str())) {
        let found = idx.all_ids(&parse_query(&format!("\"{s}\"")).unwrap()).unwrap();
        let held: Vec<u64> = texts.iter().filter(|(_, t)| t.contains(s.as_str())).map(|(id, _)| *id).collect();
        assert_eq!(found, held, "query \"{s}\"");
    }
}

#[test]
fn snippets_never_cut_a_character() {
    let text = "受颱風影響，全區普降大雨。".repeat(20);
    for width in 1..40 {
        let s = snippet(&text, &["台风".to_string()], width);
        let m = s.marked("<", ">");
        assert!(m.contains("<颱風>") || width < 2, "width {width}: {m}");
        let shown = m.chars().filter(|c| !matches!(c, '<' | '>' | '…')).count();
        assert!(shown <= width, "width {width}: {m}");
    }
}

#[test]
fn filters_alone_browse() {
    let idx = index();
    let query = shuzibao_search::Query { clauses: vec![Clause::Page(1, 1)], ..Default::default() };
    let r = idx.search(&SearchRequest { query, sort: Sort::Newest, limit: 10, ..Default::default() }).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [4, 1]);
}

#[test]
fn a_name_the_archive_learned_is_one_word_to_the_index() {
    // a made-up name the dictionary cuts apart
    let name = "荀翎骁";
    let base = shuzibao_search::Segmenter::base();
    let cut = shuzibao_search::tokenize::words(&base, &format!("副区长{name}调研"));
    assert!(!cut.iter().any(|w| w == name), "{cut:?}");
    let seg = shuzibao_search::Segmenter::with_names([name]);
    let cut = shuzibao_search::tokenize::words(&seg, &format!("副区长{name}调研"));
    assert!(cut.iter().any(|w| w == name), "{cut:?}");
    // an index that cuts with it: the name counts as one word in a phrase with slop
    let dir = tempfile::tempdir().unwrap();
    let idx = SearchIndex::open_with(dir.path(), seg).unwrap();
    let docs = vec![doc(9, "2024-03-01", 1, "调研滨江", &format!("副区长{name}昨天到滨江调研。"), &[])];
    idx.replace_issues(&[9], &docs, 1).unwrap();
    // (昨天 / 到 / 滨江 between them)
    assert_eq!(ids(&idx, &format!("\"{name} 调研\"~3")), [9], "three words between");
    assert_eq!(ids(&idx, &format!("\"{name} 调研\"~2")), Vec::<u64>::new(), "more than two words between");
}

#[test]
fn a_phrase_with_slop_counts_words_not_punctuation() {
    let idx = SearchIndex::in_memory().unwrap();
    let docs = vec![doc(11, "2024-03-01", 2, "家门口的食堂", "社区食堂，今天开到了家门口。", &[])];
    idx.replace_issues(&[11], &docs, 1).unwrap();
    // 社区 / 食堂 / 今天: one word between, the comma is none
    assert_eq!(ids(&idx, "\"社区 今天\"~1"), [11], "\"社区 今天\"~1");
    // 食堂 / 今天 开到 了 / 家门口
    assert_eq!(ids(&idx, "\"食堂 家门口\"~2"), Vec::<u64>::new(), "\"食堂 家门口\"~2: three words between");
    assert_eq!(ids(&idx, "\"食堂 家门口\"~3"), [11], "\"食堂 家门口\"~3");
}

#[test]
fn the_page_facet_is_in_the_order_of_page_numbers() {
    let idx = SearchIndex::in_memory().unwrap();
    let pages = [100, 11, 2, 10, 1, 12, 3, 4, 5, 6, 7, 8, 9];
    let docs: Vec<IndexDoc> = pages
        .iter()
        .enumerate()
        .map(|(i, &p)| doc(i as u64 + 1, "2024-05-06", p, "音乐节", "湖畔音乐节开幕。", &[]))
        .collect();
    idx.replace_issues(&docs.iter().map(|d| d.issue).collect::<Vec<_>>(), &docs, 1).unwrap();
    let query = parse_query("音乐节").unwrap();
    let r = idx.search(&SearchRequest { query, limit: 5, facets: true, ..Default::default() }).unwrap();
    let facet: Vec<u32> = r.facets.unwrap().page.iter().map(|(p, _)| p.parse().unwrap()).collect();
    assert_eq!(
        facet,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100],
        "query 音乐节: every page, 2 before 10, 11 before 100"
    );
}

#[test]
fn snippets_mark_the_words_typed_not_lone_characters_cut_from_them() {
    let text = "副中心建设方面，区委副书记、区长钟晓咏出席，副区长陪同。区委办公室、区委宣传部负责人参加。";
    // an unquoted run the segmenter cuts into 区委 / 副 / 书记
    let query = parse_query("区委副书记").unwrap();
    assert!(query.clauses.iter().any(|c| matches!(c, Clause::Text { text, .. } if text == "副")), "{query:?}");
    let marked = snippet(text, &query.highlights(), 200).marked("<", ">");
    assert!(marked.contains("<区委副书记>"), "query 区委副书记: the run is marked whole: {marked}");
    assert!(!marked.contains("<副>"), "query 区委副书记: no lone 副: {marked}");
    assert!(marked.contains("<区委>办公室"), "query 区委副书记: its words of two characters or more: {marked}");
    // a single character typed on its own is marked
    let marked = snippet(text, &parse_query("副").unwrap().highlights(), 200).marked("<", ">");
    assert!(marked.contains("<副>中心") && marked.contains("<副>区长"), "query 副: {marked}");
    let marked = snippet(text, &parse_query("副 区委副书记").unwrap().highlights(), 200).marked("<", ">");
    assert!(marked.contains("<副>中心"), "query 副 区委副书记: 副 typed alone is marked: {marked}");
    // the article page gets the highlights back as one query string (hl=)
    let again = parse_query(&query.highlights().join(" ")).unwrap().highlights();
    let marked = snippet(text, &again, 200).marked("<", ">");
    assert!(!marked.contains("<副>") && marked.contains("<区委副书记>"), "the highlights read again: {marked}");
}

#[test]
fn the_paper_facet_counts_each_paper_as_printed_and_the_filter_keeps_one() {
    let idx = SearchIndex::in_memory().unwrap();
    let mut docs = Vec::new();
    for (id, paper) in [(1u64, "人民日報"), (2, "人民日報"), (3, "徐汇报"), (4, "徐汇报"), (5, "徐汇报")]
    {
        let mut d = doc(id, "2019-10-08", 1, "国庆假期的新闻", "国庆假期里，市民出游。", &[]);
        d.paper = Some(paper.into());
        docs.push(d);
    }
    let mut unnamed = doc(6, "2019-10-08", 1, "无报名的国庆新闻", "国庆假期里。", &[]);
    unnamed.paper = None;
    docs.push(unnamed);
    idx.replace_issues(&[], &docs, 1).unwrap();
    let search = |q: &str| {
        let query = parse_query(q).unwrap();
        idx.search(&SearchRequest { query, limit: 10, facets: true, ..Default::default() }).unwrap()
    };
    let all = search("国庆");
    assert_eq!(all.total, 6, "国庆");
    let paper = all.facets.unwrap().paper;
    assert_eq!(
        paper,
        [("徐汇报".to_string(), 3), ("人民日報".to_string(), 2)],
        "国庆: the most frequent first, as printed"
    );
    // the filter folds traditional characters; the facet of the filtered search has the one paper
    let one = search("国庆 paper:人民日报");
    assert_eq!(sorted(one.hits.iter().map(|h| h.id).collect()), [1, 2], "国庆 paper:人民日报");
    assert_eq!(one.facets.unwrap().paper, [("人民日報".to_string(), 2)], "国庆 paper:人民日报");
}
