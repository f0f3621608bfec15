//! Raw texts packed with a dictionary trained on the archive's own texts.

use crate::Archive;
use shuzibao_core::Issue;
use shuzibao_store::Backend;
use shuzibao_store::{IngestRequest, Placement, Store};

/// A made-up page: phrases of a small paper's vocabulary in a varied order.
fn page(n: usize) -> String {
    const PHRASES: [&str; 12] = [
        "本报讯 近日，北街街道召开社区工作会议。",
        "区委副书记出席会议并讲话。",
        "会议要求各部门进一步做好为民服务工作，",
        "社区食堂开门迎客，老人就餐可享受优惠。",
        "区图书馆延长开放时间，方便居民夜间阅读。",
        "据介绍，今年全区将新建十个口袋公园。",
        "责任编辑：王五",
        "活动现场，志愿者为居民提供义诊服务。",
        "下一步，街道将持续推进旧区改造。",
        "记者从区教育局获悉，新学期各校准备就绪。",
        "（下转第2版）",
        "居民纷纷表示，家门口的变化看得见。",
    ];
    let mut text = format!("第{n}期\n\n");
    for i in 0..40 {
        text.push_str(PHRASES[(n * 7 + i * (n % 5 + 1)) % PHRASES.len()]);
        if i % 4 == 3 {
            text.push('\n');
        }
    }
    text
}

fn put(store: &mut Store, n: usize) {
    let text = page(n);
    // (no articles: only the raw text is under test)
    let issue = Issue { masthead: None, page_header: None, teasers: vec![], articles: vec![], leftovers: vec![] };
    store
        .ingest(&IngestRequest {
            source: &format!("{n}.txt"),
            encoding: "UTF-8",
            raw_text: &text,
            issue: &issue,
            placement: Placement { paper: format!("示例区报{n}"), ..Placement::default() },
            parser_version: "test",
            entities: Some(&[]),
        })
        .unwrap();
}

fn packed_bytes(archive: &Archive, version: i64) -> i64 {
    archive.number(&format!("SELECT CAST(length(raw_text) AS BIGINT) FROM issue_versions WHERE id = {version}"))
}

fn a_dictionary_is_trained_once_the_archive_has_enough_texts_and_every_text_reads_back(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    // a reader opened before there is any dictionary
    let reader = dir.open_read_only();
    store.begin_batch().unwrap();
    for n in 1..=999 {
        put(&mut store, n);
    }
    store.commit_batch().unwrap();
    assert!(!store.train_dictionary().unwrap(), "too few texts yet");
    put(&mut store, 1000);
    assert!(store.train_dictionary().unwrap());
    assert!(!store.train_dictionary().unwrap(), "one is enough until the archive grows");
    // the next page of the same paper packs smaller than the same page alone did
    put(&mut store, 1001);
    put(&mut store, 1002);
    let elsewhere = Archive::new(backend);
    put(&mut elsewhere.open(), 1001);
    let alone = packed_bytes(&elsewhere, 1);
    let with = packed_bytes(&dir, 1001);
    assert!(with * 3 < alone * 2, "with a dictionary {with} bytes, alone {alone}");
    // every text reads back byte for byte, through the writer, the reader
    // opened before the dictionary existed, and one opened after
    let after = dir.open_read_only();
    for (version, n) in [(1, 1), (500, 500), (1000, 1000), (1001, 1001), (1002, 1002)] {
        for s in [&store, &reader, &after] {
            assert_eq!(s.raw_text(version).unwrap(), page(n), "version {version}");
        }
    }
    // pages of 16 KB: a page's packed text fits whole, a fifth less slack than on 4 KB
    if backend == Backend::Sqlite {
        assert_eq!(dir.number("PRAGMA page_size"), 16_384);
    }
    // and after reopening
    drop(store);
    let store = dir.open();
    assert_eq!(store.raw_text(1002).unwrap(), page(1002));
}

crate::on_both_backends!(a_dictionary_is_trained_once_the_archive_has_enough_texts_and_every_text_reads_back);
