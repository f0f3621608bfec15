//! The archive: identity and versions, history kept, continuations linked,
//! re-parsing, the change log.

#![allow(clippy::unwrap_used)]

use shuzibao_core::PageNo;
use shuzibao_core::{parse, Issue};
use shuzibao_store::{IngestRequest, Outcome, Placement, Store};

fn ingest(store: &mut Store, source: &str, text: &str, placement: Option<Placement>) -> shuzibao_store::IngestReport {
    let issue = parse(text);
    let placement = placement.unwrap_or_else(|| super::placement(&issue));
    store
        .ingest(&IngestRequest {
            source,
            encoding: "UTF-8",
            raw_text: text,
            issue: &issue,
            placement,
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
    let a = ingest(&mut store, "a.txt", FRONT, None);
    assert_eq!(a.outcome, Outcome::Added);
    assert_eq!(a.key, "示例区报|2023-03-20|1");
    let b = ingest(&mut store, "a-copy.txt", FRONT, None);
    assert_eq!(b.outcome, Outcome::Unchanged);
    assert_eq!(b.issue_id, a.issue_id);
    let s = store.stats().unwrap();
    assert_eq!((s.issues, s.versions, s.articles), (1, 1, 1));
}

#[test]
fn a_corrected_issue_is_a_new_version_and_the_old_text_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = ingest(&mut store, "a.txt", FRONT, None);
    let corrected = FRONT.replace("九折", "八折");
    let second = ingest(&mut store, "a.txt", &corrected, None);
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
    let r = ingest(&mut store, "inner.txt", INNER, None);
    assert!(r.key.starts_with("sha256:"), "{}", r.key);
    let placement = Placement {
        paper: "示例区报".into(),
        date: "2023-03-20".parse().ok(),
        page: Some(PageNo::plain(2)),
        ..Placement::default()
    };
    let r = ingest(&mut store, "inner.txt", INNER, Some(placement));
    assert_eq!(r.key, "示例区报|2023-03-20|2");
}

#[test]
fn continuation_is_linked_across_pages_in_either_order() {
    for front_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let date = "2023-03-20".parse().ok();
        let inner_hints =
            Some(Placement {
                paper: "示例区报".into(), date, page: Some(PageNo::plain(2)), ..Placement::default()
            });
        let (front, inner) = if front_first {
            let f = ingest(&mut store, "p1.txt", FRONT, None);
            (f, ingest(&mut store, "p2.txt", INNER, inner_hints.clone()))
        } else {
            let i = ingest(&mut store, "p2.txt", INNER, inner_hints.clone());
            (ingest(&mut store, "p1.txt", FRONT, None), i)
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
    let r = ingest(&mut store, "a.txt", FRONT, None);
    let before = store.last_change().unwrap();
    // a "parser" that finds nothing
    let changed = store
        .reparse(
            |_| Issue { masthead: None, page_header: None, teasers: vec![], articles: vec![], leftovers: vec![] },
            "empty",
        )
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
        ingest(&mut store, "a.txt", FRONT, None);
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

fn page(paper: &str, date: &str, page: &str) -> Option<Placement> {
    Some(Placement {
        paper: paper.into(),
        date: date.parse().ok(),
        page: Some(page.parse().unwrap()),
        date_source: Some("file name".into()),
        ..Placement::default()
    })
}

#[test]
fn the_pages_of_a_day_are_each_their_own_and_a_page_again_replaces_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let texts = [
        "## 甲版标题\n\n本报讯 第一页的文字。\n",
        "## 乙版标题\n\n本报讯 第二页的文字。\n",
        "## 丙版标题\n\n本报讯 另一叠的文字。\n",
    ];
    let pages = ["1", "2", "A2"];
    for (t, p) in texts.iter().zip(pages) {
        assert_eq!(ingest(&mut store, p, t, page("示例日报", "2019-10-01", p)).outcome, Outcome::Added);
    }
    // the same day of another paper is another issue
    ingest(&mut store, "x", texts[0], page("另一晚报", "2019-10-01", "1"));
    let issue = store.pages_of_issue("示例日报", "2019-10-01".parse().unwrap()).unwrap();
    let shown: Vec<String> = issue.iter().map(|p| p.page_no().unwrap().to_string()).collect();
    assert_eq!(shown, ["1", "2", "A2"], "pages in order, sections after");
    assert_eq!(store.papers_on("2019-10-01".parse().unwrap()).unwrap(), ["另一晚报", "示例日报"]);
    // page 2 corrected: a new version of page 2, the others untouched
    let r = ingest(&mut store, "2", "## 乙版标题\n\n本报讯 第二页改过的文字。\n", page("示例日报", "2019-10-01", "2"));
    assert_eq!(r.outcome, Outcome::Updated { version: 2 });
    assert_eq!(store.versions(issue[0].id).unwrap().len(), 1);
    assert_eq!(store.versions(issue[2].id).unwrap().len(), 1);
    let papers = store.papers().unwrap();
    assert_eq!(
        papers.iter().map(|p| (p.name.as_str(), p.pages)).collect::<Vec<_>>(),
        [("另一晚报", 1), ("示例日报", 3)]
    );
}

#[test]
fn an_undated_page_is_listed_and_given_a_date_later_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let undated =
        Some(Placement { paper: "示例区报".into(), page: Some(PageNo::plain(2)), ..Placement::default() });
    let r = ingest(&mut store, "inner.txt", INNER, undated);
    assert!(r.key.starts_with("sha256:"));
    let listed = store.undated(Some("示例区报")).unwrap();
    assert_eq!(listed.iter().map(|p| p.id).collect::<Vec<_>>(), [r.issue_id]);
    let before = store.last_change().unwrap();
    let dated = store.set_date(r.issue_id, "2023-03-20".parse().unwrap(), "editor").unwrap();
    assert_eq!(dated.key, "示例区报|2023-03-20|2");
    assert!(store.undated(None).unwrap().is_empty());
    let page = store.issue(r.issue_id).unwrap();
    assert_eq!(
        (page.date.map(|d| d.to_string()), page.date_source.as_deref()),
        (Some("2023-03-20".into()), Some("editor"))
    );
    assert!(store.articles_of_issue(r.issue_id).unwrap().iter().all(|a| a.date == page.date));
    assert!(store.last_change().unwrap() > before, "the index is told");
    assert_eq!(store.versions(r.issue_id).unwrap().len(), 1, "the history stays");
    // the front page of that day links to it now
    let front = ingest(&mut store, "p1.txt", FRONT, None);
    let tail = &store.articles_of_issue(r.issue_id).unwrap()[0];
    assert_eq!(tail.continues, Some(store.articles_of_issue(front.issue_id).unwrap()[0].id));
    // a second page 2 of that day cannot take the place
    let other = ingest(
        &mut store,
        "b.txt",
        "## 别的\n\n正文。\n",
        Some(Placement { paper: "示例区报".into(), page: Some(PageNo::plain(2)), ..Placement::default() }),
    );
    let err = store.set_date(other.issue_id, "2023-03-20".parse().unwrap(), "editor").unwrap_err();
    assert!(err.to_string().contains("already has page 2"), "{err}");
}

#[test]
fn opening_read_only_never_changes_a_byte_and_an_older_schema_waits_for_an_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        ingest(&mut store, "a.txt", FRONT, None);
    }
    let db = dir.path().join(shuzibao_store::DB_FILE);
    let bytes = std::fs::read(&db).unwrap();
    {
        let ro = Store::open_read_only(dir.path()).unwrap();
        assert_eq!(ro.issues().unwrap().len(), 1);
        assert_eq!(ro.names_to_learn(10).unwrap().len(), 0);
        ro.people(None, 10).unwrap();
    }
    assert!(std::fs::read(&db).unwrap() == bytes, "the database changed");
    // an archive of an older schema: refused, until upgraded
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 4).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    for err in [Store::open(dir.path()).err().unwrap(), Store::open_read_only(dir.path()).err().unwrap()] {
        assert!(err.to_string().contains("shuzibao upgrade"), "{err}");
    }
    assert!(std::fs::read(&db).unwrap() == bytes, "refusing changed the database");
}

#[test]
fn a_folder_without_an_archive_is_refused_by_a_reader_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo");
    let err = Store::open_read_only(&missing).err().unwrap();
    assert!(matches!(err, shuzibao_store::StoreError::NoArchive(_)), "{err}");
    assert!(!missing.exists(), "a reader created the folder");
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert!(err.to_string().contains("no archive in"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a reader wrote into the folder");
}
