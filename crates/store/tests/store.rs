//! The archive: identity and versions, history kept, continuations linked,
//! re-parsing, the change log.

#![allow(clippy::unwrap_used)]

use shuzibao_core::{parse, Issue};
use shuzibao_store::{Hints, IngestRequest, Outcome, Store};

fn ingest(store: &mut Store, source: &str, text: &str, hints: Hints) -> shuzibao_store::IngestReport {
    let issue = parse(text);
    store
        .ingest(&IngestRequest {
            source,
            encoding: "UTF-8",
            raw_text: text,
            issue: &issue,
            hints,
            parser_version: "test",
            entities: None,
        })
        .unwrap()
}

const FRONT: &str = "准印证号(B)0999 / 第12期(总第1200期) / 2023年3月20日 星期一\n\n## 社区食堂开到家门口\n\n● 记者 陈静\n\n本报讯 近日，北街街道第三家社区食堂开门迎客，老人就餐可享受九折优惠。\n\n(下转第2版)\n";
const INNER: &str = "（上接第1版）\n\n食堂负责人介绍，下一步将推出送餐上门服务。\n\n## 区图书馆推出夜间阅读服务\n\n本报讯 从3月起，区图书馆每周五开放时间延长至晚上九点。\n";

#[test]
fn same_text_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = ingest(&mut store, "a.txt", FRONT, Hints::default());
    assert_eq!(a.outcome, Outcome::Added);
    assert_eq!(a.key, "-|2023-03-20|1");
    let b = ingest(&mut store, "a-copy.txt", FRONT, Hints::default());
    assert_eq!(b.outcome, Outcome::Unchanged);
    assert_eq!(b.issue_id, a.issue_id);
    let s = store.stats().unwrap();
    assert_eq!((s.issues, s.versions, s.articles), (1, 1, 1));
}

#[test]
fn a_corrected_issue_is_a_new_version_and_the_old_text_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = ingest(&mut store, "a.txt", FRONT, Hints::default());
    let corrected = FRONT.replace("九折", "八折");
    let second = ingest(&mut store, "a.txt", &corrected, Hints::default());
    assert_eq!(second.outcome, Outcome::Updated { version: 2 });
    assert_eq!(second.issue_id, first.issue_id);
    let versions = store.versions(first.issue_id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(store.raw_text(versions[0].id).unwrap(), FRONT, "the old text is kept verbatim");
    let articles = store.articles_of_issue(first.issue_id).unwrap();
    assert!(articles[0].body.contains("八折"), "the current articles are the corrected ones");
}

#[test]
fn without_a_date_the_text_is_the_identity_until_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let r = ingest(&mut store, "inner.txt", INNER, Hints::default());
    assert!(r.key.starts_with("sha256:"), "{}", r.key);
    let hints = Hints { paper: Some("示例区报".into()), date: "2023-03-20".parse().ok(), page: Some(2) };
    let r = ingest(&mut store, "inner.txt", INNER, hints);
    assert_eq!(r.key, "示例区报|2023-03-20|2");
}

#[test]
fn continuation_is_linked_across_pages_in_either_order() {
    for front_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let date = "2023-03-20".parse().ok();
        let inner_hints = Hints { paper: None, date, page: Some(2) };
        let (front, inner) = if front_first {
            let f = ingest(&mut store, "p1.txt", FRONT, Hints::default());
            (f, ingest(&mut store, "p2.txt", INNER, inner_hints))
        } else {
            let i = ingest(&mut store, "p2.txt", INNER, inner_hints);
            (ingest(&mut store, "p1.txt", FRONT, Hints::default()), i)
        };
        let head = &store.articles_of_issue(front.issue_id).unwrap()[0];
        let tail = &store.articles_of_issue(inner.issue_id).unwrap()[0];
        assert_eq!(head.continued_to, Some(2));
        assert_eq!(tail.continued_from, Some(1));
        assert_eq!(tail.continues, Some(head.id), "front first: {front_first}");
        assert_eq!(head.continued_by, Some(tail.id));
        let other = &store.articles_of_issue(inner.issue_id).unwrap()[1];
        assert_eq!(other.continues, None);
    }
}

#[test]
fn reparse_replaces_articles_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let r = ingest(&mut store, "a.txt", FRONT, Hints::default());
    let before = store.last_change().unwrap();
    // a "parser" that finds nothing
    let changed = store
        .reparse(|_| Issue { masthead: None, teasers: vec![], articles: vec![], leftovers: vec![] }, "empty")
        .unwrap();
    assert_eq!(changed, 1);
    assert!(store.articles_of_issue(r.issue_id).unwrap().is_empty());
    assert_eq!(store.versions(r.issue_id).unwrap()[0].parser_version, "empty");
    assert_eq!(store.raw_text(store.versions(r.issue_id).unwrap()[0].id).unwrap(), FRONT);
    let (issues, last) = store.changed_since(before).unwrap();
    assert_eq!(issues, [r.issue_id]);
    assert!(last > before);
    // the real parser again restores them; a second run changes nothing
    assert_eq!(store.reparse(parse, "real").unwrap(), 1);
    assert_eq!(store.reparse(parse, "real").unwrap(), 0);
    assert_eq!(store.articles_of_issue(r.issue_id).unwrap().len(), 1);
}

#[test]
fn reopening_keeps_everything_and_the_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        ingest(&mut store, "a.txt", FRONT, Hints::default());
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().issues, 1);
    store.check_integrity().unwrap();
    let ro = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(ro.issues().unwrap().len(), 1);
}

#[test]
fn read_only_open_of_a_missing_archive_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_read_only(dir.path().join("nowhere")).err().unwrap();
    assert!(err.is_user_error(), "{err}");
}
