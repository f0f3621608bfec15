//! Any text typed into the search box: the query parser answers with a
//! query or a clear error, and a parsed query runs against an index without
//! panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shuzibao_search::{parse_query, IndexDoc, SearchIndex, SearchRequest, Sort};
use std::sync::OnceLock;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("an index in memory");
        let docs: Vec<IndexDoc> = [
            ("区委书记曹立强出席会议", "本报讯 徐汇滨江 2023年9月18日 主题教育动员会召开。"),
            ("新年贺词", "□ 记者 刘坤 陈文卿 1月13日上午，徐匯區 颱風 abc 123。"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (title, body))| IndexDoc {
            id: i as u64 + 1,
            issue: 1,
            paper: Some("徐汇报".into()),
            date: chrono::NaiveDate::from_ymd_opt(2023, 9, 18),
            page: Some(i as u32 + 1),
            kind: "news".into(),
            title: title.to_string(),
            body: body.to_string(),
            people: vec!["刘坤".into()],
            named: vec!["曹立强".into()],
        })
        .collect();
        index.replace_issues(&[], &docs, 1).expect("indexing two documents");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_query(text) {
        Ok(query) => {
            for sort in [Sort::Relevance, Sort::Newest] {
                let req = SearchRequest { query: query.clone(), sort, offset: 0, limit: 10, facets: true };
                let _ = index().search(&req);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
