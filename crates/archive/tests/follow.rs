//! A node's index following the change log of a PostgreSQL archive (see
//! `shuzibao_archive::follow`): a change whose number was taken before
//! another's but which commits after it is applied all the same.

#![allow(clippy::unwrap_used)]

use shuzibao_archive::follow::{Follower, POLL};
use shuzibao_archive::{Archive, Location};
use shuzibao_store::{IngestRequest, Placement, Store};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Stores a sample page (its masthead's paper and date, page 1).
fn put(store: &mut Store, sample: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(sample);
    let text = std::fs::read_to_string(path).unwrap();
    let issue = shuzibao_core::parse(&text);
    let m = issue.masthead.as_ref().unwrap();
    let placement = Placement {
        paper: m.paper.clone().unwrap(),
        date: m.date,
        page: Some(shuzibao_core::PageNo::plain(1)),
        ..Placement::default()
    };
    store
        .ingest(&IngestRequest {
            source: sample,
            encoding: "UTF-8",
            raw_text: &text,
            issue: &issue,
            placement,
            parser_version: "t",
            entities: None,
        })
        .unwrap();
}

/// The articles an index of the whole store holds (a continuation is
/// indexed with its head).
fn heads(store: &Store) -> u64 {
    let mut n = 0;
    for issue in store.issues().unwrap() {
        n += store.articles_of_issue(issue.id).unwrap().iter().filter(|a| a.continues.is_none()).count() as u64;
    }
    n
}

#[test]
fn a_change_committed_after_a_later_numbered_one_is_not_skipped() {
    let server = shuzibao_testpg::Server::start().unwrap_or_else(|e| panic!("{e}"));
    let location = Location::Postgres(server.database().unwrap_or_else(|e| panic!("{e}")));
    let tmp = tempfile::tempdir().unwrap();
    let node = Arc::new(Mutex::new(Archive::open_at(&location, &tmp.path().join("node")).unwrap()));
    let looks = Arc::new(Mutex::new(0u32));
    let (following, counted) = (node.clone(), looks.clone());
    let _follower = Follower::start(&location, POLL, move || {
        following.lock().unwrap().follow().unwrap();
        *counted.lock().unwrap() += 1;
        true
    })
    .unwrap();

    // the first writer takes its change's number and holds its transaction
    let mut first = Store::open_at(&location, tmp.path().join("w1")).unwrap();
    let mut second = Store::open_at(&location, tmp.path().join("w2")).unwrap();
    first.begin_batch().unwrap();
    put(&mut first, "xuhuibao-2023-09-18-p01.txt");
    // a second writer meanwhile: it must wait, or its later number would
    // commit first and the follower, having applied it, skip the first's
    let writer = std::thread::spawn(move || {
        put(&mut second, "xuhuibao-2024-01-01-p01.txt");
        second
    });
    let looked = *looks.lock().unwrap();
    std::thread::sleep(POLL * 3);
    assert!(*looks.lock().unwrap() > looked, "the follower looked at the log while the first writer held it");
    first.commit_batch().unwrap();
    let second = writer.join().unwrap();
    let log: Vec<i64> = second.changes_after(0, 10).unwrap().iter().map(|c| c.seq).collect();
    assert!(log.windows(2).all(|w| w[0] < w[1]) && log.len() == 2, "{log:?}");

    let want = heads(&second);
    assert!(want > 0);
    let committed = Instant::now();
    loop {
        let have = node.lock().unwrap().index().num_docs();
        if have == want {
            break;
        }
        assert!(committed.elapsed() < Duration::from_secs(2), "the node's index holds {have} articles, not {want}");
        std::thread::sleep(Duration::from_millis(10));
    }
    eprintln!("both writers' pages indexed {:?} after the last commit", committed.elapsed());
    let applied = node.lock().unwrap().index().applied_change().unwrap();
    assert_eq!(applied, second.last_change().unwrap(), "the index applied the log to its end");
}
