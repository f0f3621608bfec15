//! The archive: identity and versions, history kept, continuations linked,
//! re-parsing, the change log.

#![allow(clippy::unwrap_used)]

use crate::Archive;
use shuzibao_core::PageNo;
use shuzibao_core::{parse, Issue};
use shuzibao_store::Backend;
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

fn same_text_twice_changes_nothing(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let a = ingest(&mut store, "a.txt", FRONT, None);
    assert_eq!(a.outcome, Outcome::Added);
    assert_eq!(a.key, "示例区报|2023-03-20|1");
    let b = ingest(&mut store, "a-copy.txt", FRONT, None);
    assert_eq!(b.outcome, Outcome::Unchanged);
    assert_eq!(b.issue_id, a.issue_id);
    let s = store.stats().unwrap();
    assert_eq!((s.issues, s.versions, s.articles), (1, 1, 1));
}

fn a_corrected_issue_is_a_new_version_and_the_old_text_stays(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
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

fn without_a_date_the_text_is_the_identity_until_one_is_given(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
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

fn continuation_is_linked_across_pages_in_either_order(backend: Backend) {
    for front_first in [true, false] {
        let dir = Archive::new(backend);
        let mut store = dir.open();
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

fn reparse_replaces_articles_and_keeps_the_text(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
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

fn reopening_keeps_everything_and_the_schema_version(backend: Backend) {
    let dir = Archive::new(backend);
    {
        let mut store = dir.open();
        ingest(&mut store, "a.txt", FRONT, None);
    }
    let store = dir.open();
    assert_eq!(store.stats().unwrap().issues, 1);
    store.check_integrity().unwrap();
    let ro = dir.open_read_only();
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

fn the_pages_of_a_day_are_each_their_own_and_a_page_again_replaces_only_itself(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
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
    // the brief list (for one page's view): the same pages, no masthead read
    let brief = store.pages_of_issue_brief("示例日报", "2019-10-01".parse().unwrap()).unwrap();
    let ids = |v: &[shuzibao_store::IssueRecord]| v.iter().map(|p| (p.id, p.page_no())).collect::<Vec<_>>();
    assert_eq!(ids(&brief), ids(&issue));
    assert!(issue.iter().all(|p| p.masthead.is_some()) && brief.iter().all(|p| p.masthead.is_none()));
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

fn an_undated_page_is_listed_and_given_a_date_later_with_its_history(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
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

/// The three sample pages of the project, each with its placement.
fn samples() -> Vec<(&'static str, &'static str)> {
    vec![
        ("xuhuibao-2022-01-17-p01.txt", include_str!("../../../samples/xuhuibao-2022-01-17-p01.txt")),
        ("xuhuibao-2023-09-18-p01.txt", include_str!("../../../samples/xuhuibao-2023-09-18-p01.txt")),
        ("xuhuibao-2024-01-01-p01.txt", include_str!("../../../samples/xuhuibao-2024-01-01-p01.txt")),
    ]
}

/// A stored value as text: unpacked (zstd, with `dict` for paragraphs) or as it is.
fn stored_text(v: rusqlite::types::ValueRef<'_>, dict: Option<&str>) -> String {
    match v {
        rusqlite::types::ValueRef::Text(t) => String::from_utf8(t.to_vec()).unwrap(),
        rusqlite::types::ValueRef::Blob(b) => {
            let mut d = match dict {
                Some(d) => zstd::bulk::Decompressor::with_dictionary(d.as_bytes()).unwrap(),
                None => zstd::bulk::Decompressor::new().unwrap(),
            };
            String::from_utf8(d.decompress(b, 1 << 24).unwrap()).unwrap()
        }
        other => panic!("{other:?}"),
    }
}

/// Every version's (raw text, issue JSON) and every article's paragraphs
/// JSON as stored, unpacked, with the SQLite type each was stored as.
#[allow(clippy::type_complexity)]
fn stored_values(db: &rusqlite::Connection) -> (Vec<(i64, String, String, String)>, Vec<(i64, String, String)>) {
    let mut st = db.prepare("SELECT id, raw_text, parsed, typeof(raw_text) FROM issue_versions ORDER BY id").unwrap();
    let versions: Vec<_> = st
        .query_map([], |r| {
            Ok((r.get(0)?, stored_text(r.get_ref(1)?, None), stored_text(r.get_ref(2)?, None), r.get(3)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let raw_of = |id: i64| versions.iter().find(|v| v.0 == id).unwrap().1.clone();
    let mut st = db.prepare("SELECT id, version_id, paragraphs, typeof(paragraphs) FROM articles ORDER BY id").unwrap();
    let articles: Vec<_> = st
        .query_map([], |r| {
            let raw = raw_of(r.get(1)?);
            Ok((r.get(0)?, stored_text(r.get_ref(2)?, Some(&raw)), r.get(3)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (versions, articles)
}

/// What the archive gives back of everything it holds.
fn everything(store: &Store) -> String {
    let mut out = format!("{:?}\n", store.stats().unwrap());
    for i in store.issues().unwrap() {
        out += &format!("{i:?}\n{:?}\n", store.teasers(i.id).unwrap());
        for v in store.versions(i.id).unwrap() {
            out += &format!("{v:?}\n{}\n", store.raw_text(v.id).unwrap());
        }
        out += &format!("{:?}\n", store.articles_of_issue(i.id).unwrap());
        for a in store.articles_of_issue(i.id).unwrap() {
            out +=
                &format!("{:?} {:?}\n", store.people_of_article(a.id).unwrap(), store.things_of_article(a.id).unwrap());
        }
        out += &format!("{:?}\n", store.people_of_issue(i.id).unwrap());
    }
    for p in store.people(None, 100).unwrap() {
        out += &format!("{p:?} {:?}\n", store.mentions_of(&p.name).unwrap());
    }
    out
}

/// What the archive gives back of its pages' texts, JSON and paragraphs.
fn contents(store: &Store) -> String {
    let mut out = String::new();
    for i in store.issues().unwrap() {
        out += &format!("{:?} {:?}\n", i.masthead, store.teasers(i.id).unwrap());
        for v in store.versions(i.id).unwrap() {
            out += &store.raw_text(v.id).unwrap();
        }
        for a in store.articles_of_issue(i.id).unwrap() {
            out += &format!("{} {:?} {}\n", a.title, a.paragraphs, a.body);
        }
    }
    out
}

fn raw_texts_json_and_paragraphs_are_stored_packed_and_read_back_byte_for_byte(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let mut raw_bytes = 0;
    for (name, text) in samples() {
        let r = ingest(&mut store, name, text, None);
        raw_bytes += text.len() as i64;
        let issue = parse(text);
        let record = store.issue(r.issue_id).unwrap();
        let version = store.versions(r.issue_id).unwrap()[0].id;
        assert_eq!(store.raw_text(version).unwrap(), text);
        assert_eq!(record.masthead, Some(shuzibao_core::json::to_value(&issue, None)["masthead"].clone()));
        let teasers: Vec<(Vec<u32>, String)> =
            issue.teasers.iter().map(|t| (t.pages.clone(), t.title.clone())).collect();
        assert_eq!(store.teasers(r.issue_id).unwrap(), teasers);
        let articles = store.articles_of_issue(r.issue_id).unwrap();
        assert_eq!(articles.len(), issue.articles.len());
        for (a, b) in articles.iter().zip(&issue.articles) {
            let got: Vec<_> = a.paragraphs.iter().map(|p| (p.text.as_str(), p.role)).collect();
            let want: Vec<_> = b.paragraphs.iter().map(|p| (p.text.as_str(), p.role)).collect();
            assert_eq!(got, want);
        }
    }
    // the packed size is not what the archive reports: the raw bytes are
    assert_eq!(store.stats().unwrap().raw_bytes, raw_bytes);
    // on disk: packed BLOBs that unpack to the very JSON the parser makes
    // (PostgreSQL's columns are BYTEA: packed always)
    if backend == Backend::Sqlite {
        let db = rusqlite::Connection::open(dir.path().join(shuzibao_store::DB_FILE)).unwrap();
        let (versions, articles) = stored_values(&db);
        for ((_, raw, parsed, ty), (_, text)) in versions.iter().zip(samples()) {
            assert_eq!(ty, "blob");
            assert_eq!(raw, text);
            let mut want = shuzibao_core::json::to_value(&parse(text), None);
            want.as_object_mut().unwrap().remove("articles");
            assert_eq!(*parsed, want.to_string());
        }
        assert!(articles.iter().all(|a| a.2 == "blob"));
    }
    let packed = dir.number(
        "SELECT CAST(sum(length(raw_text)) + (SELECT sum(length(paragraphs)) FROM articles) AS BIGINT) FROM issue_versions",
    );
    // raw text and paragraphs (the same text again) packed: less than the raw text alone
    assert!(packed < raw_bytes * 3 / 4, "{packed} bytes packed for {raw_bytes} raw");
    // a new parser: the articles are replaced, packed against the same raw text
    let before = contents(&store);
    let changed = store
        .reparse(
            |t| {
                let mut i = parse(t);
                i.articles.truncate(1);
                i
            },
            "test-2",
        )
        .unwrap();
    assert_eq!(changed, 3);
    for i in store.issues().unwrap() {
        let v = store.versions(i.id).unwrap()[0].id;
        let text = store.raw_text(v).unwrap();
        assert_eq!(store.articles_of_issue(i.id).unwrap()[0].paragraphs, {
            let p = &parse(&text).articles[0].paragraphs;
            p.iter().map(|p| shuzibao_store::StoredParagraph { text: p.text.clone(), role: p.role }).collect::<Vec<_>>()
        });
    }
    // and the first parser again: the same texts, JSON and paragraphs (the
    // articles are new rows, with new ids)
    store.reparse(parse, "test").unwrap();
    assert_eq!(contents(&store), before);
}

/// Mentions and the summary of people as schema 5 kept them, made from
/// those of the current schema: a row per mention in text, three indexes.
const SCHEMA_5_MENTIONS: &str = "
    CREATE TABLE old_mentions (
        id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, issue_id INTEGER NOT NULL, date TEXT,
        kind TEXT NOT NULL, name TEXT NOT NULL, post TEXT, role TEXT, paragraph INTEGER);
    INSERT INTO old_mentions (article_id, issue_id, date, kind, name, post, role, paragraph)
        SELECT m.article_id, a.issue_id, a.date,
               CASE m.kind WHEN 1 THEN 'person' WHEN 2 THEN 'organization' WHEN 3 THEN 'place' ELSE 'event' END,
               m.name, m.post,
               CASE m.role WHEN 1 THEN 'reporter' WHEN 2 THEN 'photographer' WHEN 3 THEN 'correspondent'
                           WHEN 4 THEN 'author' ELSE 'mentioned' END,
               m.paragraph
        FROM mentions m JOIN articles a ON a.id = m.article_id ORDER BY m.article_id, m.seq;
    DROP TABLE mentions;
    ALTER TABLE old_mentions RENAME TO mentions;
    CREATE INDEX mentions_kind_name ON mentions(kind, name, date, article_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_issue ON mentions(issue_id);
    DROP TABLE people_summary;
    CREATE TABLE people_summary (name TEXT PRIMARY KEY, articles INTEGER NOT NULL, first TEXT, last TEXT,
        latest_post TEXT);
    DELETE FROM meta WHERE key = 'people';
    DROP TABLE dictionaries;
    DROP TABLE page_assets;
    ALTER TABLE articles DROP COLUMN regions;
    ALTER TABLE articles DROP COLUMN lines;
    ALTER TABLE articles DROP COLUMN confidence_boundary;
    ALTER TABLE articles DROP COLUMN confidence_title;
";

#[test]
fn a_schema_5_archive_is_packed_by_its_upgrade_and_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(shuzibao_store::DB_FILE);
    let before = {
        let mut store = Store::open(dir.path()).unwrap();
        for (name, text) in samples() {
            ingest(&mut store, name, text, None);
        }
        // a second version of a page, and a page with no date
        let mut corrected = samples()[0].1.to_string();
        corrected.push_str("\n本报讯 更正：上文中的日期有误。\n");
        ingest(&mut store, "corrected.txt", &corrected, None);
        ingest(&mut store, "undated.txt", INNER, None);
        everything(&store)
    };
    // the database as schema 5 held it: the same values, as TEXT
    let db = rusqlite::Connection::open(&path).unwrap();
    let (versions, articles) = stored_values(&db);
    assert_eq!(versions.len(), 5);
    for (id, raw, parsed, _) in &versions {
        db.execute(
            "UPDATE issue_versions SET raw_text = ?1, parsed = ?2 WHERE id = ?3",
            rusqlite::params![raw, parsed, id],
        )
        .unwrap();
    }
    for (id, paragraphs, _) in &articles {
        db.execute("UPDATE articles SET paragraphs = ?1 WHERE id = ?2", rusqlite::params![paragraphs, id]).unwrap();
    }
    db.execute_batch(
        "ALTER TABLE issue_versions DROP COLUMN raw_bytes; DELETE FROM meta WHERE key = 'packed';
         PRAGMA user_version = 5;",
    )
    .unwrap();
    db.execute_batch(SCHEMA_5_MENTIONS).unwrap();
    assert_eq!(
        db.query_row("SELECT count(*) FROM issue_versions WHERE typeof(raw_text) = 'text'", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        5
    );
    drop(db);
    // refused as it is; upgraded explicitly
    assert!(Store::open(dir.path()).err().unwrap().to_string().contains("shuzibao upgrade"));
    let mut told = Vec::new();
    let store = Store::open_upgrading(dir.path(), |s| told.push(s.to_string())).unwrap();
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told[1].contains("5 page versions"), "{told:?}");
    assert!(store.pending_upgrades().unwrap().is_empty());
    assert_eq!(without_confidence(&everything(&store)), without_confidence(&before));
    drop(store);
    // every value packed, each unpacking to what schema 5 held
    let db = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(db.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).unwrap(), "wal");
    let index = "SELECT count(*) FROM sqlite_schema WHERE name = 'mentions_issue'";
    assert_eq!(db.query_row(index, [], |r| r.get::<_, i64>(0)).unwrap(), 0);
    let (v2, a2) = stored_values(&db);
    assert!(v2.iter().all(|v| v.3 == "blob") && a2.iter().all(|a| a.2 == "blob"));
    let strip =
        |v: &[(i64, String, String, String)]| v.iter().map(|x| (x.0, x.1.clone(), x.2.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&v2), strip(&versions));
    let strip = |v: &[(i64, String, String)]| v.iter().map(|x| (x.0, x.1.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&a2), strip(&articles));
    // and a fresh archive has nothing to upgrade
    let fresh = tempfile::tempdir().unwrap();
    assert!(Store::open(fresh.path()).unwrap().pending_upgrades().unwrap().is_empty());
}

#[test]
fn a_schema_6_archive_keeps_its_mentions_anew_and_is_compacted_by_its_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(shuzibao_store::DB_FILE);
    let before = {
        let mut store = Store::open(dir.path()).unwrap();
        for (name, text) in samples() {
            ingest(&mut store, name, text, None);
        }
        everything(&store)
    };
    // mentions as schema 6 kept them: rows of text, an index by name and one by article
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(SCHEMA_5_MENTIONS).unwrap();
    db.execute_batch("DROP INDEX mentions_issue; PRAGMA user_version = 6;").unwrap();
    drop(db);
    let mut told = Vec::new();
    let store = Store::open_upgrading(dir.path(), |s| told.push(s.to_string())).unwrap();
    assert_eq!(told, [format!("schema 6 -> {}, then the file compacted", shuzibao_store::SCHEMA_VERSION)]);
    assert_eq!(without_confidence(&everything(&store)), without_confidence(&before));
    drop(store);
    let db = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(db.query_row("PRAGMA freelist_count", [], |r| r.get::<_, i64>(0)).unwrap(), 0, "compacted");
    let kinds: Vec<i64> = db
        .prepare("SELECT DISTINCT kind FROM mentions ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, [1, 2, 3, 4], "person, organisation, place and event, as numbers");
}

/// A dump with the articles' confidence left out: an archive of a schema
/// before it had none, and gains none by its upgrade.
fn without_confidence(dump: &str) -> String {
    let mut out = String::new();
    let mut rest = dump;
    while let Some(at) = rest.find("confidence: ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = if tail.starts_with("confidence: None") {
            "confidence: None".len()
        } else {
            tail.find("})").map_or(tail.len(), |e| e + 2)
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// What the schema that added confidence added, taken off again (an archive of the schema before).
pub const DROP_CONFIDENCE: &str =
    "ALTER TABLE articles DROP COLUMN confidence_boundary; ALTER TABLE articles DROP COLUMN confidence_title;";

/// Two reports on one page: the first under a headline, a byline and a
/// dateline; the second a line with no sign either way, then text.
const DOUBTFUL: &str = "## 示例区新建三座口袋公园\n\n● 记者 王甲\n\n本报讯 近日，示例区新建的三座口袋公园向市民开放。\n\n公园里种了很多花草。\n\n游客可以乘坐公交前往\n\n码头的渡轮今天起调整班次，早班提前半小时。\n";

fn each_article_keeps_its_confidence_and_the_least_sure_come_first(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let r = ingest(&mut store, "a.txt", DOUBTFUL, None);
    let parsed = parse(DOUBTFUL);
    let stored = store.articles_of_issue(r.issue_id).unwrap();
    assert_eq!(stored.len(), parsed.articles.len());
    for (s, p) in stored.iter().zip(&parsed.articles) {
        let c = s.confidence.expect("stored with a confidence");
        assert!((c.boundary - p.confidence.boundary).abs() < 1e-6 && (c.title - p.confidence.title).abs() < 1e-6);
    }
    let doubtful = store.doubtful_articles(r.issue_id, 10).unwrap();
    assert_eq!(doubtful.len(), stored.len());
    let least: Vec<f32> = doubtful.iter().map(|a| a.confidence.unwrap().least()).collect();
    assert!(least.windows(2).all(|w| w[0] <= w[1]), "least sure first: {least:?}");
    assert_eq!(store.doubtful_articles(r.issue_id, 1).unwrap().len(), 1);
}

#[test]
fn an_archive_of_the_schema_before_confidence_upgrades_and_its_articles_have_none() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut store = Store::open(dir.path()).unwrap();
        ingest(&mut store, "a.txt", DOUBTFUL, None).issue_id
    };
    // the database as the schema before held it: no confidence
    let db = rusqlite::Connection::open(dir.path().join(shuzibao_store::DB_FILE)).unwrap();
    let before = shuzibao_store::SCHEMA_VERSION - 1;
    db.execute_batch(&format!("{DROP_CONFIDENCE} PRAGMA user_version = {before};")).unwrap();
    drop(db);
    assert!(Store::open(dir.path()).err().unwrap().to_string().contains("shuzibao upgrade"));
    let store = Store::open_upgrading(dir.path(), |_| {}).unwrap();
    let articles = store.articles_of_issue(id).unwrap();
    assert!(!articles.is_empty() && articles.iter().all(|a| a.confidence.is_none()));
    assert!(store.doubtful_articles(id, 10).unwrap().is_empty(), "no confidence, no doubt shown");
}

crate::on_both_backends!(
    raw_texts_json_and_paragraphs_are_stored_packed_and_read_back_byte_for_byte,
    same_text_twice_changes_nothing,
    a_corrected_issue_is_a_new_version_and_the_old_text_stays,
    without_a_date_the_text_is_the_identity_until_one_is_given,
    continuation_is_linked_across_pages_in_either_order,
    reparse_replaces_articles_and_keeps_the_text,
    reopening_keeps_everything_and_the_schema_version,
    the_pages_of_a_day_are_each_their_own_and_a_page_again_replaces_only_itself,
    an_undated_page_is_listed_and_given_a_date_later_with_its_history,
    each_article_keeps_its_confidence_and_the_least_sure_come_first,
);
