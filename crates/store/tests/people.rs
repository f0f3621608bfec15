//! People across an archive of several issues: posts over time, a post that
//! changes hands, one name that is two people.

#![allow(clippy::unwrap_used)]

use crate::Archive;
use shuzibao_core::parse;
use shuzibao_store::Backend;
use shuzibao_store::{IngestRequest, Store};

fn issue(date: &str, no: u32, body: &str) -> String {
    let (y, m, d) = (&date[0..4], date[5..7].trim_start_matches('0'), date[8..10].trim_start_matches('0'));
    format!("示例区报\n\n第{no}期 / {y}年{m}月{d}日 星期一\n\n## 区里召开工作会议\n\n● 记者 陈静\n\n本报讯 {body}\n")
}

fn ingest(store: &mut Store, name: &str, text: &str) {
    let parsed = parse(text);
    let req = IngestRequest {
        source: name,
        encoding: "UTF-8",
        raw_text: text,
        issue: &parsed,
        placement: super::placement(&parsed),
        parser_version: "t",
        entities: None,
    };
    store.ingest(&req).unwrap();
}

fn archive(backend: Backend) -> (Archive, Store) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let days = [
        ("2023-01-09", "1月5日上午，区委书记周海涛出席会议并讲话。区委副书记、区长李明华主持会议，副区长孙浩参加。"),
        ("2023-03-06", "3月2日，区长李明华带队调研老旧小区改造。"),
        ("2023-06-05", "6月1日，区委副书记、区长赵文斌主持召开区政府常务会议。区委书记周海涛参加。"),
        ("2023-09-04", "8月31日，区长赵文斌检查防汛工作。某某集团董事长李明华介绍了企业情况。"),
    ];
    for (i, (date, body)) in days.iter().enumerate() {
        ingest(&mut store, date, &issue(date, i as u32 + 1, body));
    }
    (dir, store)
}

fn a_post_changes_hands_and_the_timeline_shows_it(backend: Backend) {
    let (_dir, store) = archive(backend);
    let tenures = store.post_holders("区长").unwrap();
    let who: Vec<(&str, String, String)> =
        tenures.iter().map(|t| (t.name.as_str(), t.first.unwrap().to_string(), t.last.unwrap().to_string())).collect();
    assert_eq!(
        who,
        [
            ("李明华", "2023-01-09".to_string(), "2023-03-06".to_string()),
            ("赵文斌", "2023-06-05".to_string(), "2023-09-04".to_string())
        ],
        "副区长孙浩 is not the 区长"
    );
    let day = |s: &str| s.parse().unwrap();
    assert_eq!(store.holder_on("区长", day("2023-04-01")).unwrap().unwrap().name, "李明华");
    assert_eq!(store.holder_on("区长", day("2023-07-01")).unwrap().unwrap().name, "赵文斌");
    assert!(store.holder_on("区长", day("2022-12-01")).unwrap().is_none());
    assert_eq!(store.holder_on("区委书记", day("2023-07-01")).unwrap().unwrap().name, "周海涛");
}

fn one_name_two_people_when_their_posts_disagree(backend: Backend) {
    let (_dir, store) = archive(backend);
    let ids = store.person("李明华").unwrap();
    assert_eq!(ids.len(), 2, "{ids:#?}");
    let official = ids.iter().find(|i| i.posts.iter().any(|p| p.post.ends_with("区长"))).unwrap();
    assert_eq!(official.mentions.len(), 2);
    let other = ids.iter().find(|i| i.posts.iter().any(|p| p.post.contains("集团"))).unwrap();
    assert!(other.apart_because.is_some(), "the reason is given");
}

fn reporters_are_people_of_role_reporter(backend: Backend) {
    let (_dir, store) = archive(backend);
    let ids = store.person("陈静").unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].roles, ["记者"]);
    assert_eq!(ids[0].mentions.len(), 4);
}

fn entities_found_beforehand_are_those_ingest_finds(backend: Backend) {
    let text = issue("2023-01-09", 1, "1月5日上午，区委书记周海涛出席会议并讲话。区委副书记、区长李明华主持会议。");
    let parsed = parse(&text);
    let mentions = |entities: Option<&[shuzibao_people::entities::Entities]>| {
        let dir = Archive::new(backend);
        let mut store = dir.open();
        let req = IngestRequest {
            source: "a",
            encoding: "UTF-8",
            raw_text: &text,
            issue: &parsed,
            placement: super::placement(&parsed),
            parser_version: "t",
            entities,
        };
        store.ingest(&req).unwrap();
        let people = store.people(None, 100).unwrap();
        people.into_iter().map(|p| (p.name, p.latest_post)).collect::<Vec<_>>()
    };
    let found = shuzibao_store::entities_for(&parsed, parsed.masthead.as_ref().and_then(|m| m.date));
    let by_store = mentions(None);
    assert!(by_store.iter().any(|(n, p)| n == "李明华" && p.as_deref() == Some("区委副书记、区长")), "{by_store:?}");
    assert_eq!(mentions(Some(&found)), by_store);
}

fn mentions_of_another_extractor_are_made_again_and_the_index_told(backend: Backend) {
    let (dir, store) = archive(backend);
    let before = store.last_change().unwrap();
    let people = format!("{:?}", store.people(None, 100).unwrap());
    drop(store);
    dir.sql("UPDATE meta SET value = 'older' WHERE key = 'entities'; DELETE FROM mentions");
    let mut store = dir.open();
    // opening never rewrites: the new mentions wait for an upgrade
    assert_eq!(store.last_change().unwrap(), before);
    assert_eq!(store.pending_upgrades().unwrap(), [shuzibao_store::Upgrade::Entities { pages: 4 }]);
    let mut told = Vec::new();
    store.upgrade(|step| told.push(step.to_string())).unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    // each of the four issues is logged once, for the index to follow
    assert_eq!(store.last_change().unwrap(), before + 4);
    assert!(!store.people(None, 10).unwrap().is_empty());
    // the same people, with the same dates and posts: each issue's mentions
    // are its own, though they were found on several threads
    assert_eq!(format!("{:?}", store.people(None, 100).unwrap()), people);
    // an index that follows the log from its start indexes each issue once,
    // at its latest change
    let changes = store.changes_after(0, 1000).unwrap();
    let mut issues: Vec<i64> = changes.iter().map(|c| c.issue_id).collect();
    issues.sort_unstable();
    issues.dedup();
    assert_eq!((issues.len(), changes.len()), (4, 4), "{changes:?}");
    assert!(changes.iter().all(|c| c.seq > before && !c.first), "{changes:?}");
    drop(store);
    // and only once
    let mut store = dir.open();
    assert!(store.upgrade(|_| {}).unwrap().is_empty());
    assert_eq!(store.last_change().unwrap(), before + 4);
}

fn the_summary_of_people_is_read_while_current_and_counted_again_after_a_change(backend: Backend) {
    let (dir, mut store) = archive(backend);
    let counted = store.people(None, 100).unwrap();
    // names to learn: in two articles or more, three characters or more, the most named first
    let names = store.names_to_learn(100).unwrap();
    assert_eq!(names.first().map(String::as_str), Some("李明华"), "{names:?}");
    for name in ["周海涛", "赵文斌"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(!names.iter().any(|n| n == "孙浩" || n == "陈静"), "two characters: {names:?}");
    // counting the summary (a writer does it when it closes) changes nothing that is listed
    store.refresh_people().unwrap();
    assert_eq!(format!("{:?}", store.people(None, 100).unwrap()), format!("{counted:?}"));
    assert_eq!(store.people(Some("赵"), 10).unwrap().len(), 1);
    // nothing changed: the summary is read, not counted again
    dir.sql("UPDATE people_summary SET articles = 99 WHERE name = '周海涛'");
    assert_eq!(store.names_to_learn(100).unwrap()[0], "周海涛");
    assert_eq!(store.people(None, 1).unwrap()[0].name, "周海涛");
    // a new issue is a change: people are counted from the mentions until
    // the summary is counted again
    let body = "11月6日，区长赵文斌会见钱文远一行。";
    ingest(&mut store, "2023-11-06", &issue("2023-11-06", 5, body));
    ingest(&mut store, "2023-11-13", &issue("2023-11-13", 6, "11月9日，钱文远再次来访，区长赵文斌陪同。"));
    let live = store.people(None, 100).unwrap();
    let articles = |name: &str| live.iter().find(|p| p.name == name).map(|p| p.articles);
    assert_eq!((articles("赵文斌"), articles("周海涛"), articles("钱文远")), (Some(4), Some(2), Some(2)), "{live:?}");
    store.refresh_people().unwrap();
    let names = store.names_to_learn(100).unwrap();
    // only the people of the new issues were counted again: 周海涛 keeps
    // the count written by hand, 赵文斌 is now named in four articles
    assert_eq!(names[..2], ["周海涛", "赵文斌"], "{names:?}");
    assert!(names.iter().any(|n| n == "钱文远"), "{names:?}");
    let summary = store.people(None, 100).unwrap();
    let tampered =
        |list: &[shuzibao_store::people::PersonSummary]| list.iter().any(|p| p.name == "周海涛" && p.articles == 99);
    assert!(tampered(&summary), "{summary:?}");
    assert_eq!(
        format!("{:?}", &summary[1..]),
        format!("{:?}", live.iter().filter(|p| p.name != "周海涛").collect::<Vec<_>>())
    );
    // an issue replaced by a corrected text: everyone is counted again
    let corrected = issue("2023-09-04", 4, "8月31日，区长赵文斌检查防汛工作。");
    ingest(&mut store, "2023-09-04", &corrected);
    let live = store.people(None, 100).unwrap();
    store.refresh_people().unwrap();
    let summary = store.people(None, 100).unwrap();
    assert!(!tampered(&summary), "{summary:?}");
    assert_eq!(format!("{summary:?}"), format!("{live:?}"));
    assert_eq!(
        summary.iter().find(|p| p.name == "李明华").map(|p| p.articles),
        Some(2),
        "the corrected issue no longer names him"
    );
}

crate::on_both_backends!(
    a_post_changes_hands_and_the_timeline_shows_it,
    one_name_two_people_when_their_posts_disagree,
    reporters_are_people_of_role_reporter,
    entities_found_beforehand_are_those_ingest_finds,
    mentions_of_another_extractor_are_made_again_and_the_index_told,
    the_summary_of_people_is_read_while_current_and_counted_again_after_a_change,
);
