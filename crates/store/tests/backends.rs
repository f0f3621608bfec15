//! Both backends side by side: the same pages ingested give the same
//! articles, ids and people; one writer at a time on both; a bad database
//! URL or a server that is not there is refused with a clear error, never
//! a panic.

use crate::Archive;
use shuzibao_core::parse;
use shuzibao_store::{Backend, IngestRequest, Location, Store, StoreError};

const FRONT: &str = "准印证号(B)0999 / 第12期(总第1200期) / 2023年3月20日 星期一\n\n## 社区食堂开到家门口\n\n● 记者 陈静\n\n本报讯 近日，北街街道第三家社区食堂开门迎客，区委书记周海涛到场。区委副书记、区长李明华主持会议。\n\n(下转第2版)\n\n## 区图书馆推出夜间阅读服务\n\n本报讯 从3月起，区图书馆每周五开放时间延长至晚上九点。副区长孙浩参加。\n";
const INNER: &str = "（上接第1版）\n\n食堂负责人介绍，下一步将推出送餐上门服务。区长李明华表示支持。\n";

/// What an archive holds after the same ingests: every article (id, page,
/// title, body, continuation) and every person.
fn holdings(backend: Backend) -> String {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    for (source, text, page) in [("1.txt", FRONT, 1), ("2.txt", INNER, 2), ("1b.txt", FRONT, 1)] {
        let issue = parse(text);
        let mut placement = crate::placement(&issue);
        placement.date = "2023-03-20".parse().ok();
        placement.page = Some(shuzibao_core::PageNo::plain(page));
        store
            .ingest(&IngestRequest {
                source,
                encoding: "UTF-8",
                raw_text: text,
                issue: &issue,
                placement,
                parser_version: "t",
                entities: None,
            })
            .unwrap();
    }
    store.refresh_people().unwrap();
    let mut out = String::new();
    for i in store.issues().unwrap() {
        out.push_str(&format!("{} {} v{} {}\n", i.id, i.key, i.version, i.article_count));
        for a in store.articles_of_issue(i.id).unwrap() {
            out.push_str(&format!(
                "  {} {:?} {} {:?} {:?} {}\n",
                a.id, a.page, a.title, a.continues, a.continued_by, a.body
            ));
        }
    }
    out.push_str(&format!("{:?}\n{:?}\n", store.people(None, 100).unwrap(), store.changes_after(0, 100).unwrap()));
    out.push_str(&format!("{:?}\n", store.stats().unwrap()));
    out
}

#[test]
fn the_same_pages_give_the_same_archive_on_both_backends() {
    let sqlite = holdings(Backend::Sqlite);
    assert!(sqlite.contains("李明华"), "{sqlite}");
    assert!(sqlite.contains("Some(1)"), "a continuation is linked: {sqlite}");
    assert_eq!(holdings(Backend::Postgres), sqlite);
}

/// Every article (id, title, continuation, body) and person of a store.
fn dump(store: &Store) -> String {
    let mut out = String::new();
    for i in store.issues().unwrap() {
        for a in store.articles_of_issue(i.id).unwrap() {
            out.push_str(&format!(
                "{} {} {} {:?} {:?} {}\n",
                i.key, a.id, a.title, a.continues, a.continued_by, a.body
            ));
        }
    }
    out.push_str(&format!("{:?}\n{:?}\n", store.people(None, 100).unwrap(), store.changes_after(0, 100).unwrap()));
    out
}

#[test]
fn an_archive_copied_a_few_rows_at_a_time_to_postgresql_and_back_is_the_same() {
    let source = Archive::new(Backend::Sqlite);
    let mut store = source.open();
    // the continued page first: its article continues one with a larger id
    put(&mut store, INNER, 2);
    put(&mut store, FRONT, 1);
    store.refresh_people().unwrap();
    let want = dump(&store);
    assert!(want.contains(" 1 食堂负责人介绍… Some(2)"), "article 1 continues article 2, a later id: {want}");
    let there = Archive::new(Backend::Postgres);
    let mut target = there.open();
    let checks = shuzibao_store::migrate::copy_in_pages(&store, &mut target, 2, |_, _| {}).unwrap();
    assert!(checks.iter().all(|c| c.same()), "{checks:?}");
    assert!(checks.iter().any(|c| c.table == "mentions" && c.rows.0 > 4), "several pages of mentions: {checks:?}");
    assert_eq!(dump(&target), want);
    let back = Archive::new(Backend::Sqlite);
    let mut again = back.open();
    let checks_back = shuzibao_store::migrate::copy_in_pages(&target, &mut again, 3, |_, _| {}).unwrap();
    assert_eq!(checks_back, checks, "the same rows and hashes both ways");
    assert_eq!(dump(&again), want);
    // a target that holds anything is refused
    let err = shuzibao_store::migrate::copy(&store, &mut again, |_, _| {}).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)) && err.to_string().contains("not empty"), "{err}");
}

#[test]
fn a_bad_database_url_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let err = Location::parse(Some("mysql://x"), dir.path()).err().unwrap();
    assert!(err.to_string().contains("postgres://"), "{err}");
    assert_eq!(Location::parse(None, dir.path()).unwrap(), Location::Dir(dir.path().to_path_buf()));
    // a server that is not there: a clear error, the password not shown
    let gone = dir.path().join("no-server");
    let url = format!("postgresql://ann:secret@/x?host={}", gone.display());
    let err = Store::open_at(&Location::parse(Some(&url), dir.path()).unwrap(), dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    assert!(err.is_user_error());
    let text = err.to_string();
    assert!(text.contains("cannot use the PostgreSQL database") && !text.contains("secret"), "{text}");
    // a URL that does not parse
    let err = Store::open_at(&Location::Postgres("postgres://[::1".into()), dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
}

/// Ingests `text` as page `page` of 2023-03-20.
fn put(store: &mut Store, text: &str, page: u32) {
    let issue = parse(text);
    let mut placement = crate::placement(&issue);
    placement.date = "2023-03-20".parse().ok();
    placement.page = Some(shuzibao_core::PageNo::plain(page));
    store
        .ingest(&IngestRequest {
            source: "p.txt",
            encoding: "UTF-8",
            raw_text: text,
            issue: &issue,
            placement,
            parser_version: "t",
            entities: None,
        })
        .unwrap();
}

fn one_writer_at_a_time_and_readers_are_never_blocked(backend: Backend) {
    let dir = Archive::new(backend);
    let mut first = dir.open();
    let mut second = dir.open();
    let reader = dir.open_read_only();
    first.begin_batch().unwrap();
    put(&mut first, FRONT, 1);
    let (done, finished) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        put(&mut second, INNER, 2);
        done.send(()).unwrap();
        second
    });
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(finished.try_recv().is_err(), "a second writer waits while the first holds its batch");
    assert_eq!(reader.stats().unwrap().issues, 0, "a reader reads, and sees nothing uncommitted");
    first.commit_batch().unwrap();
    finished.recv_timeout(std::time::Duration::from_secs(9)).unwrap();
    let second = writer.join().unwrap();
    // the log in the order of the commits: the first writer's page (1),
    // then the second's (2), which links page 1's continuation (3)
    let changes = second.changes_after(0, 10).unwrap();
    let log: Vec<(i64, i64)> = changes.iter().map(|c| (c.seq, c.issue_id)).collect();
    assert_eq!(log, [(2, 2), (3, 1)], "{changes:?}");
    assert_eq!(second.changes_after(0, 1).unwrap()[0].seq, 2, "the first change is replaced by its page's latest");
    assert_eq!(reader.stats().unwrap().issues, 2);
}

fn an_archive_of_a_newer_shuzibao_or_none_is_refused(backend: Backend) {
    let dir = Archive::new(backend);
    // nothing there yet: a reader creates nothing and says so
    let err = dir.try_open_read_only().err().unwrap();
    assert!(matches!(err, StoreError::NoArchive(_)), "{err:?}");
    drop(dir.open());
    dir.sql(match backend {
        Backend::Sqlite => "PRAGMA user_version = 99",
        Backend::Postgres => "UPDATE schema_version SET version = 99",
    });
    for err in [dir.try_open().err().unwrap(), dir.try_open_read_only().err().unwrap()] {
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err:?}");
    }
}

fn a_reader_cannot_write(backend: Backend) {
    let dir = Archive::new(backend);
    put(&mut dir.open(), FRONT, 1);
    let mut reader = dir.open_read_only();
    let issue = parse(INNER);
    let err = reader
        .ingest(&IngestRequest {
            source: "p.txt",
            encoding: "UTF-8",
            raw_text: INNER,
            issue: &issue,
            placement: crate::placement(&issue),
            parser_version: "t",
            entities: None,
        })
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err:?}");
    assert!(err.is_user_error());
    // and it reads on: the refused write left nothing behind
    assert_eq!(reader.stats().unwrap().issues, 1);
    assert_eq!(dir.open().stats().unwrap().issues, 1);
}

crate::on_both_backends!(
    a_reader_cannot_write,
    one_writer_at_a_time_and_readers_are_never_blocked,
    an_archive_of_a_newer_shuzibao_or_none_is_refused
);

/// A person of an article: name, post, role.
type Named = (String, Option<String>, String);

/// What an article with more names than one statement of rows takes (a
/// name given twice, its post only the second time) keeps, read back.
fn many_names(backend: Backend) -> (Vec<Named>, Vec<(String, String)>) {
    use shuzibao_people::entities::{Entities, PersonMention, PersonRole};
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let text = "## 名单\n\n本报讯 名单如下。\n";
    let issue = parse(text);
    let mut e = Entities::default();
    for n in 0..150 {
        e.people.push(PersonMention {
            name: format!("人{n:03}"),
            post: None,
            role: PersonRole::Mentioned,
            paragraph: Some(0),
        });
        e.organizations.push(format!("机构{n:03}"));
    }
    e.people.push(PersonMention {
        name: "人007".into(),
        post: Some("主任".into()),
        role: PersonRole::Mentioned,
        paragraph: Some(0),
    });
    let found = vec![e; issue.articles.len()];
    let mut placement = crate::placement(&issue);
    placement.date = "2023-03-20".parse().ok();
    store
        .ingest(&IngestRequest {
            source: "1.txt",
            encoding: "UTF-8",
            raw_text: text,
            issue: &issue,
            placement,
            parser_version: "t",
            entities: Some(&found),
        })
        .unwrap();
    let article =
        store.issues().unwrap().into_iter().flat_map(|i| store.articles_of_issue(i.id).unwrap()).next().unwrap();
    (store.people_of_article(article.id).unwrap(), store.things_of_article(article.id).unwrap())
}

#[test]
fn an_article_with_many_names_keeps_each_once_in_order_on_both_backends() {
    let (people, things) = many_names(Backend::Sqlite);
    assert_eq!(people.len(), 150, "{people:?}");
    assert_eq!(things.len(), 150, "{things:?}");
    assert_eq!(people[0].0, "人000");
    assert_eq!(people[149].0, "人149", "in the order found");
    assert_eq!(people[7].1.as_deref(), Some("主任"), "the post written at a later mention is kept");
    assert_eq!(many_names(Backend::Postgres), (people, things));
}
