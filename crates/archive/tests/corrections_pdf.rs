//! Corrections of a page read from a PDF (a made-up page): an article split
//! at a paragraph takes its lines with each part and its hot zones drawn
//! again around them, inside the zone the layout drew; a merge joins them;
//! an undo gives the layout's zones back; the search index follows.

#![allow(clippy::unwrap_used)]

#[path = "support/pdf_page.rs"]
mod pdf_page;

use pdf_page::{pdf, two_articles, A_TITLE};
use shuzibao_archive::ingest::Input;
use shuzibao_archive::place::Given;
use shuzibao_archive::Archive;
use shuzibao_store::corrections::Edit;
use shuzibao_store::{LineBox, Region};

fn inside(l: &LineBox, rs: &[Region]) -> bool {
    let (cx, cy) = ((f32::from(l.x0) + f32::from(l.x1)) / 2.0, (f32::from(l.y0) + f32::from(l.y1)) / 2.0);
    rs.iter().any(|r| cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1)
}

fn bounds(rs: &[Region]) -> Region {
    rs.iter().fold(Region { x0: f32::MAX, y0: f32::MAX, x1: f32::MIN, y1: f32::MIN }, |a, r| Region {
        x0: a.x0.min(r.x0),
        y0: a.y0.min(r.y0),
        x1: a.x1.max(r.x1),
        y1: a.y1.max(r.y1),
    })
}

#[test]
fn a_split_moves_the_hot_zones_with_the_lines_and_undo_gives_them_back() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("page.pdf");
    std::fs::write(&file, pdf(&[two_articles(2, true)], None)).unwrap();
    let mut archive = Archive::open(&tmp.path().join("data")).unwrap();
    let summary = archive.ingest_all(&[Input::file(&file, Given::default())], |_| {}).unwrap();
    let page = summary.pages[0].report.issue_id;
    let before = archive.store().articles_of_issue(page).unwrap();
    let a = before.iter().find(|a| a.title == A_TITLE).unwrap().clone();
    assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
    let lines = archive.store().article_lines(a.id).unwrap();
    assert!(lines.len() >= 3, "{lines:?}");
    let edit = Edit::Split { paragraph: 3, title: Some("公园将办文化活动".into()) };
    let done = archive.correct(a.id, &edit, "王编辑", None).unwrap();
    assert_eq!(done.articles.len(), before.len() + 1);
    let after = archive.store().articles_of_issue(page).unwrap();
    let (one, two) = (&after[a.seq as usize - 1], &after[a.seq as usize]);
    assert_eq!(two.title, "公园将办文化活动");
    let (l1, l2) = (archive.store().article_lines(one.id).unwrap(), archive.store().article_lines(two.id).unwrap());
    assert_eq!(l1.len() + l2.len(), lines.len(), "every line goes with its paragraph");
    assert!(!l2.is_empty() && !two.regions.is_empty());
    assert!(l1.iter().all(|l| inside(l, &one.regions)), "{:?} {:?}", one.regions, l1);
    assert!(l2.iter().all(|l| inside(l, &two.regions)), "{:?} {:?}", two.regions, l2);
    let (was, now) = (bounds(&a.regions), bounds(&two.regions));
    assert!(now.x0 >= was.x0 - 1.0 && now.y0 >= was.y0 - 1.0 && now.x1 <= was.x1 + 1.0 && now.y1 <= was.y1 + 1.0);
    assert!(l2.iter().all(|l| !inside(l, &one.regions)), "the first part's zone leaves the second's lines out");
    // the index has a document per article
    assert_eq!(archive.index().num_docs() as usize, after.len());
    // merged again: one zone set around every line
    let merged = archive.correct(one.id, &Edit::Merge { with: two.id }, "李编辑", None).unwrap();
    let whole = &archive.store().articles_of_issue(page).unwrap()[a.seq as usize - 1];
    assert!(lines.iter().all(|l| inside(l, &whole.regions)), "{:?}", whole.regions);
    archive.undo_correction(merged.correction.id, "李编辑", None).unwrap();
    // undo: the layout's zones again
    archive.undo_correction(done.correction.id, "王编辑", None).unwrap();
    let again = archive.store().articles_of_issue(page).unwrap();
    assert_eq!(again[a.seq as usize - 1].regions, a.regions);
    assert_eq!(archive.store().article_lines(again[a.seq as usize - 1].id).unwrap(), lines);
}
