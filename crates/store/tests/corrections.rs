//! Corrections by editors: each kind made and undone, surviving `reparse`,
//! a changed parser and a new version of the page's text, refused when
//! stale or conflicting, followed by the mentions, and moving the regions
//! of a page read from a PDF. The page is made up.

use crate::Archive;
use shuzibao_core::{parse, ArticleKind, Issue};
use shuzibao_store::corrections::{Edit, Status};
use shuzibao_store::Backend;
use shuzibao_store::{ArticleRecord, IngestRequest, LineBox, PageAssets, Region, Store, StoreError};

const PAGE: &str = "准印证号(B)0999 / 第12期(总第1200期) / 2023年3月20日 星期一

## 滨江步道全线贯通

● 记者 陈静

本报讯 昨天，滨江步道最后一段完工，全线十二公里向市民开放。

沿途新设六座驿站，提供饮水和休息座椅。

桥下新建的篮球场周末起免费开放，附近居民可通过小程序预约使用。

## 旧书市集周末开市

本报讯 本周六起，公园东门每周举办旧书市集，摊位向居民免费开放。

市集还设有以书换书角，每人每次可换三本。

## 社区跑团招新

本报讯 社区跑团每周三晚七点在体育场集合，欢迎居民报名参加。

报名者需自备跑鞋，跑团提供统一的反光背心。
";

fn ingest_with(store: &mut Store, text: &str, issue: &Issue) -> i64 {
    store
        .ingest(&IngestRequest {
            source: "page.txt",
            encoding: "UTF-8",
            raw_text: text,
            issue,
            placement: super::placement(issue),
            parser_version: "test",
            entities: None,
        })
        .unwrap()
        .issue_id
}

fn setup(backend: Backend) -> (Archive, Store, i64) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let page = ingest_with(&mut store, PAGE, &parse(PAGE));
    let titles = titles(&store, page);
    assert_eq!(titles, ["滨江步道全线贯通", "旧书市集周末开市", "社区跑团招新"], "the made-up page parses so");
    (dir, store, page)
}

fn articles(store: &Store, page: i64) -> Vec<ArticleRecord> {
    store.articles_of_issue(page).unwrap()
}

fn titles(store: &Store, page: i64) -> Vec<String> {
    articles(store, page).into_iter().map(|a| a.title).collect()
}

fn id(store: &Store, page: i64, title: &str) -> i64 {
    articles(store, page).into_iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no 《{title}》")).id
}

fn split_at_a_paragraph_makes_two_articles_and_undo_restores_one(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let before = articles(&store, page);
    let split = Edit::Split { paragraph: 3, title: Some("篮球场免费开放".into()) };
    let done = store.correct(before[0].id, &split, "王编辑", None).unwrap();
    assert_eq!(done.correction.kind, "split");
    assert_eq!(done.correction.editor, "王编辑");
    assert_eq!(done.articles.len(), 4);
    let after = articles(&store, page);
    assert_eq!(after[0].paragraphs.len(), 2);
    assert_eq!(after[1].title, "篮球场免费开放");
    assert!(after[1].body.starts_with("桥下新建的篮球场"), "{}", after[1].body);
    assert_eq!(store.corrections_of_article(after[1].id).unwrap()[0].id, done.correction.id);
    // what an editor corrected is no longer in doubt; the parser's own
    // confidence stays on the others and comes back with the undo
    let sure = shuzibao_core::Confidence { boundary: 1.0, title: 1.0 };
    assert_eq!(after[0].confidence, Some(sure));
    assert_eq!(after[1].confidence, Some(sure));
    assert_eq!(after[2].confidence, before[1].confidence);
    let undone = store.undo_correction(done.correction.id, "李编辑", None).unwrap();
    assert_eq!(undone.correction.status, Status::Undone);
    assert_eq!(undone.correction.undone_by.as_deref(), Some("李编辑"));
    let restored = articles(&store, page);
    assert_eq!(restored.len(), 3);
    assert_eq!(restored[0].body, before[0].body, "undo gives the article back as the parser made it");
    assert_eq!(restored[0].confidence, before[0].confidence);
    // the history keeps both
    assert_eq!(store.corrections(&Default::default()).unwrap().len(), 1);
    // the ingest, the correction, the undo
    assert_eq!(store.correction_revision(page).unwrap(), 3);
}

fn merge_joins_the_next_article_and_its_people(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let (a, b) = (id(&store, page, "旧书市集周末开市"), id(&store, page, "社区跑团招新"));
    store.correct(a, &Edit::Merge { with: b }, "王编辑", None).unwrap();
    let after = articles(&store, page);
    assert_eq!(after.len(), 2);
    assert_eq!(after[1].paragraphs.len(), 4);
    assert!(after[1].body.ends_with("反光背心。"));
}

fn headline_byline_and_kind_are_set_and_the_people_follow(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let a = id(&store, page, "旧书市集周末开市");
    let h =
        Edit::Headline {
            kicker: Some("周末好去处".into()), title: Some("旧书市集每周开市".into()), subtitle: None
        };
    store.correct(a, &h, "王编辑", None).unwrap();
    let a = id(&store, page, "旧书市集每周开市");
    let got = store.article(a).unwrap();
    assert_eq!(got.kicker.as_deref(), Some("周末好去处"));
    assert!(!got.title_inferred);
    let byline = Edit::Byline { reporters: Some(vec!["赵小林".into()]), photographers: None, authors: None };
    store.correct(a, &byline, "王编辑", None).unwrap();
    let a = id(&store, page, "旧书市集每周开市");
    assert_eq!(store.article(a).unwrap().reporters, ["赵小林"]);
    let named: Vec<String> = store.people_of_issue(page).unwrap().into_iter().map(|(_, n)| n).collect();
    assert!(named.contains(&"赵小林".to_string()), "the people index follows the byline: {named:?}");
    store.correct(a, &Edit::Kind { kind: ArticleKind::Notice }, "王编辑", None).unwrap();
    assert_eq!(store.article(id(&store, page, "旧书市集每周开市")).unwrap().kind, "notice");
}

fn a_paragraph_moves_to_another_article_in_reading_order(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let (from, to) = (id(&store, page, "滨江步道全线贯通"), id(&store, page, "旧书市集周末开市"));
    store.correct(from, &Edit::Move { paragraph: 3, to }, "王编辑", None).unwrap();
    let after = articles(&store, page);
    assert_eq!(after[0].paragraphs.len(), 2);
    // it stood before the market's text in the raw text: it goes first
    assert!(after[1].body.starts_with("桥下新建的篮球场"), "{}", after[1].body);
    assert_eq!(after[1].paragraphs.len(), 3);
}

fn furniture_is_hidden_an_article_or_a_paragraph(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let a = id(&store, page, "社区跑团招新");
    store.correct(a, &Edit::Hide { paragraph: Some(2) }, "王编辑", None).unwrap();
    let a = id(&store, page, "社区跑团招新");
    assert_eq!(store.article(a).unwrap().paragraphs.len(), 1);
    let hidden = store.correct(a, &Edit::Hide { paragraph: None }, "王编辑", None).unwrap();
    assert_eq!(titles(&store, page), ["滨江步道全线贯通", "旧书市集周末开市"]);
    assert_eq!(hidden.correction.kind, "hide_article");
    // the raw text keeps it all
    let v = store.versions(page).unwrap();
    assert!(store.raw_text(v[0].id).unwrap().contains("反光背心"));
}

fn corrections_survive_reparse_and_a_changed_parser(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let first = id(&store, page, "滨江步道全线贯通");
    store.correct(first, &Edit::Split { paragraph: 3, title: None }, "王编辑", None).unwrap();
    let market = id(&store, page, "旧书市集周末开市");
    let h = Edit::Headline { kicker: None, title: Some("旧书市集开市啦".into()), subtitle: None };
    store.correct(market, &h, "王编辑", None).unwrap();
    // a parser that reads the page otherwise: the first two articles as one
    let changed = |t: &str| {
        let mut i = parse(t);
        let second = i.articles.remove(1);
        i.articles[0].paragraphs.extend(second.paragraphs);
        i
    };
    assert_eq!(store.reparse(changed, "changed").unwrap(), 1);
    let now = titles(&store, page);
    assert_eq!(now.len(), 3, "{now:?}");
    assert_eq!(now[0], "滨江步道全线贯通");
    assert!(now[1].starts_with("桥下新建的篮球场"), "the split applies again: {now:?}");
    // the market's first paragraph no longer opens an article: reported, kept
    let stale = store.corrections(&Default::default()).unwrap();
    assert_eq!(stale[0].status, Status::Active);
    assert_eq!(stale[1].status, Status::Stale);
    assert!(stale[1].reason.as_deref().unwrap().contains("旧书市集周末开市"), "{:?}", stale[1].reason);
    // the parser as before: it applies again
    assert_eq!(store.reparse(parse, "test").unwrap(), 1);
    let now = titles(&store, page);
    assert_eq!(now.len(), 4, "{now:?}");
    assert!(now[1].starts_with("桥下新建的篮球场"), "{now:?}");
    assert_eq!(now[2], "旧书市集开市啦");
    assert!(store.corrections(&Default::default()).unwrap().iter().all(|c| c.status == Status::Active));
}

fn a_new_version_of_the_text_re_anchors_by_matching_and_reports_what_is_gone(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let first = id(&store, page, "滨江步道全线贯通");
    store.correct(first, &Edit::Split { paragraph: 3, title: Some("篮球场开放".into()) }, "王编辑", None).unwrap();
    let runners = id(&store, page, "社区跑团招新");
    store.correct(runners, &Edit::Hide { paragraph: Some(2) }, "王编辑", None).unwrap();
    // the new version: the court's paragraph edited at its end, the vests' gone
    let text =
        PAGE.replace("通过小程序预约使用", "电话预约").replace("\n报名者需自备跑鞋，跑团提供统一的反光背心。\n", "");
    let read = store.correction_revision(page).unwrap();
    let issue = parse(&text);
    ingest_with(&mut store, &text, &issue);
    assert_eq!(titles(&store, page)[1], "篮球场开放");
    // a correction made on the page as it was before the new version
    let first = id(&store, page, "滨江步道全线贯通");
    let err = store.correct(first, &Edit::Kind { kind: ArticleKind::Notice }, "李编辑", Some(read)).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)) && err.to_string().contains("new version"), "{err}");
    let all = store.corrections(&Default::default()).unwrap();
    assert_eq!(all[0].status, Status::Active);
    assert_eq!(all[1].status, Status::Stale);
    assert!(all[1].reason.as_deref().unwrap().contains("报名者需自备跑鞋"), "{:?}", all[1].reason);
}

fn stale_and_conflicting_corrections_are_refused_with_the_article_named(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let rev = store.correction_revision(page).unwrap();
    let market = id(&store, page, "旧书市集周末开市");
    let mine = Edit::Headline { kicker: None, title: Some("旧书市集开市".into()), subtitle: None };
    store.correct(market, &mine, "王编辑", Some(rev)).unwrap();
    // a second editor read the page before the first one's correction
    let runners = id(&store, page, "社区跑团招新");
    let kind = Edit::Kind { kind: ArticleKind::Notice };
    let err = store.correct(runners, &kind, "李编辑", Some(rev)).unwrap_err().to_string();
    assert!(err.contains("社区跑团招新") && err.contains("王编辑") && err.contains("revision"), "{err}");
    // the same field of the same article twice: undo the first
    let market = id(&store, page, "旧书市集开市");
    let theirs = Edit::Headline { kicker: None, title: Some("旧书换新书".into()), subtitle: None };
    let err = store.correct(market, &theirs, "李编辑", None).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(err.to_string().contains("旧书市集开市") && err.to_string().contains("undo"), "{err}");
    // an article replaced since it was read is gone
    let err = store.correct(runners + 1000, &kind, "李编辑", None).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    // undoing twice
    store.undo_correction(1, "李编辑", None).unwrap();
    let err = store.undo_correction(1, "李编辑", None).unwrap_err().to_string();
    assert!(err.contains("undone already"), "{err}");
}

fn impossible_corrections_are_refused_and_change_nothing(backend: Backend) {
    let (_d, mut store, page) = setup(backend);
    let a = id(&store, page, "社区跑团招新");
    let refused = |store: &mut Store, e: Edit| store.correct(a, &e, "王编辑", None).unwrap_err().to_string();
    assert!(refused(&mut store, Edit::Split { paragraph: 7, title: None }).contains("no paragraph 7"));
    assert!(refused(&mut store, Edit::Split { paragraph: 1, title: None }).contains("opens"));
    assert!(refused(&mut store, Edit::Merge { with: a }).contains("itself"));
    let empty = Edit::Headline { kicker: None, title: Some(" ".into()), subtitle: None };
    assert!(refused(&mut store, empty).contains("cannot be empty"));
    assert!(refused(&mut store, Edit::Kind { kind: ArticleKind::News }).contains("nothing to change"));
    let one = Edit::Hide { paragraph: Some(1) };
    store.correct(a, &Edit::Hide { paragraph: Some(2) }, "王编辑", None).unwrap();
    let a = id(&store, page, "社区跑团招新");
    let err = store.correct(a, &one, "王编辑", None).unwrap_err().to_string();
    assert!(err.contains("社区跑团招新") && err.contains("hide the article instead"), "{err}");
    assert!(store.correct(a, &Edit::Kind { kind: ArticleKind::Notice }, " ", None).is_err(), "an editor is named");
    assert_eq!(store.corrections(&Default::default()).unwrap().len(), 1);
}

const PDF_PAGE: &str = "# 老街焕发新活力\n\n\u{3000}\u{3000}老街改造工程日前全面完工，沿街商铺开门。\n\n\u{3000}\u{3000}夜市同日开张，小吃摊前排起长队。\n";

fn a_split_on_a_pdf_page_moves_the_hot_zones_with_the_lines(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let issue = parse(PDF_PAGE);
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].paragraphs.len(), 2);
    let mut placement = super::placement(&issue);
    placement.date = Some("2024-03-05".parse().unwrap());
    placement.page = Some(shuzibao_core::PageNo::plain(2));
    let assets =
        PageAssets { pdf_hash: "cd".repeat(32), pdf_page: 1, width: 595.0, height: 842.0, label: None, images: vec![] };
    // title (7 characters), the first paragraph (20), the second far below
    let lines = vec![vec![
        LineBox::new(30.0, 60.0, 300.0, 80.0, 0),
        LineBox::new(30.0, 90.0, 300.0, 102.0, 7),
        LineBox::new(30.0, 400.0, 300.0, 412.0, 27),
    ]];
    let regions = vec![vec![Region { x0: 30.0, y0: 60.0, x1: 300.0, y1: 412.0 }]];
    let req = IngestRequest {
        source: "page.pdf",
        encoding: "PDF",
        raw_text: PDF_PAGE,
        issue: &issue,
        placement,
        parser_version: "test",
        entities: None,
    };
    let page = store.ingest_pdf_page(&req, &assets, &regions, &lines).unwrap().issue_id;
    let a = articles(&store, page)[0].id;
    store.correct(a, &Edit::Split { paragraph: 2, title: Some("夜市开张".into()) }, "王编辑", None).unwrap();
    let after = articles(&store, page);
    assert_eq!(after.len(), 2);
    assert_eq!(after[0].regions, vec![Region { x0: 30.0, y0: 60.0, x1: 300.0, y1: 102.0 }]);
    assert_eq!(after[1].regions, vec![Region { x0: 30.0, y0: 400.0, x1: 300.0, y1: 412.0 }]);
    let moved = store.article_lines(after[1].id).unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].start, 4, "the line starts after the new title 夜市开张");
    // undo: one zone again, as the layout drew it
    store.undo_correction(1, "王编辑", None).unwrap();
    assert_eq!(articles(&store, page)[0].regions, regions[0]);
}

/// A front page whose article is continued on page 2 (下转第2版).
const FRONT: &str = "准印证号(B)0999 / 第12期(总第1200期) / 2023年3月20日 星期一\n\n## 社区食堂开到家门口\n\n● 记者 陈静\n\n本报讯 近日，北街街道第三家社区食堂开门迎客，老人就餐可享受九折优惠。\n\n(下转第2版)\n";
/// Page 2 with the continuation (上接第1版) and an article of its own.
const INNER: &str = "（上接第1版）\n\n食堂负责人介绍，下一步将推出送餐上门服务。\n\n## 区图书馆推出夜间阅读服务\n\n本报讯 从3月起，区图书馆每周五开放时间延长至晚上九点。\n";

fn a_corrected_page_keeps_its_continuations_linked(backend: Backend) {
    let dir = Archive::new(backend);
    let mut store = dir.open();
    let front = ingest_with(&mut store, FRONT, &parse(FRONT));
    let inner_issue = parse(INNER);
    let inner = store
        .ingest(&IngestRequest {
            source: "p2.txt",
            encoding: "UTF-8",
            raw_text: INNER,
            issue: &inner_issue,
            placement: shuzibao_store::Placement {
                paper: "示例区报".into(),
                date: "2023-03-20".parse().ok(),
                page: Some(shuzibao_core::PageNo::plain(2)),
                ..Default::default()
            },
            parser_version: "test",
            entities: None,
        })
        .unwrap()
        .issue_id;
    let head = articles(&store, front)[0].id;
    let h = Edit::Headline { kicker: None, title: Some("社区食堂开到了家门口".into()), subtitle: None };
    store.correct(head, &h, "王编辑", None).unwrap();
    let head = &articles(&store, front)[0];
    let tail = &articles(&store, inner)[0];
    assert_eq!(tail.continues, Some(head.id), "the tail follows its corrected head");
    assert_eq!(head.continued_by, Some(tail.id));
    // and a correction of the tail's page too
    let other = articles(&store, inner)[1].id;
    store.correct(other, &Edit::Kind { kind: ArticleKind::Notice }, "王编辑", None).unwrap();
    let tail = &articles(&store, inner)[0];
    assert_eq!(tail.continues, Some(articles(&store, front)[0].id));
}

crate::on_both_backends!(
    split_at_a_paragraph_makes_two_articles_and_undo_restores_one,
    merge_joins_the_next_article_and_its_people,
    headline_byline_and_kind_are_set_and_the_people_follow,
    a_paragraph_moves_to_another_article_in_reading_order,
    furniture_is_hidden_an_article_or_a_paragraph,
    corrections_survive_reparse_and_a_changed_parser,
    a_new_version_of_the_text_re_anchors_by_matching_and_reports_what_is_gone,
    stale_and_conflicting_corrections_are_refused_with_the_article_named,
    impossible_corrections_are_refused_and_change_nothing,
    a_split_on_a_pdf_page_moves_the_hot_zones_with_the_lines,
    a_corrected_page_keeps_its_continuations_linked,
);
