//! Hand-written facts about the sample issues: the things a reader of the
//! archive would notice first if they broke.

use crate::common::{cases, sample};
use shuzibao_core::{parse, ArticleKind};

fn body(a: &shuzibao_core::Article) -> String {
    a.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn masthead_on_one_line() {
    let issue = parse(&sample("xuhuibao-2022-01-17"));
    let m = issue.masthead.expect("a front page has a masthead");
    assert_eq!(m.paper.as_deref(), Some("徐汇报"));
    assert_eq!((m.issue_no, m.total_issue_no), (Some(3), Some(1657)));
    assert_eq!(m.date.unwrap().to_string(), "2022-01-17");
    assert_eq!(m.page_count, None);
    assert_eq!(m.permit.as_deref(), Some("(B)0150"));
    assert!(m.furniture.iter().any(|f| f.contains("APP")), "app names are kept as furniture: {:?}", m.furniture);
}

#[test]
fn masthead_one_field_a_line_traditional_name() {
    let m = parse(&sample("xuhuibao-2024-01-01")).masthead.unwrap();
    assert_eq!(m.paper.as_deref(), Some("徐汇报"));
    assert_eq!((m.issue_no, m.total_issue_no, m.page_count), (Some(1), Some(1759), Some(16)));
    assert_eq!(m.date.unwrap().to_string(), "2024-01-01");
    assert_eq!(m.lunar_date.as_deref(), Some("癸卯年十一月二十"));
}

#[test]
fn kicker_and_title_and_the_brief_column() {
    let issue = parse(&sample("xuhuibao-2022-01-17"));
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(issue.articles.len(), 5, "{titles:?}");
    let first = &issue.articles[0];
    assert!(first.headline.kicker.as_deref().unwrap().starts_with("从党史中汲取力量"));
    assert_eq!(first.byline.reporters, ["刘坤"]);
    // 党 / 员 were split by a column break
    assert!(body(first).contains("全区党员、干部"));
    let briefs = &issue.articles[1];
    assert_eq!(briefs.kind, ArticleKind::Briefs);
    assert_eq!(briefs.headline.title, "大字新闻");
    assert_eq!(briefs.paragraphs.len(), 2);
    assert!(!body(briefs).contains('□'), "the bullet is not text");
    assert_eq!(issue.articles[4].continued_to_page, Some(4));
}

#[test]
fn headline_after_its_text_goes_back_to_it() {
    let issue = parse(&sample("xuhuibao-2023-09-18"));
    assert_eq!(issue.articles.len(), 3);
    let second = &issue.articles[1];
    assert!(second.headline.title.ends_with("第一次会议举行"), "{}", second.headline.title);
    assert!(body(second).starts_with("9月13日上午"));
    assert_eq!(second.byline.reporters, ["刘坤", "陆海捷"]);
    assert_eq!(issue.articles[0].continued_to_page, Some(2));
    assert!(!body(&issue.articles[0]).contains("下转"));
}

#[test]
fn headline_in_the_middle_of_a_letter() {
    let issue = parse(&sample("xuhuibao-2024-01-01"));
    assert_eq!(issue.articles.len(), 2);
    let letter = &issue.articles[1];
    assert_eq!(letter.kind, ArticleKind::Letter);
    assert_eq!(letter.headline.title, "2024年新年贺词");
    assert_eq!(letter.byline.authors[0].name, "钟晓咏");
    assert_eq!(letter.byline.authors[0].role.as_deref(), Some("徐汇区区长"));
    let text = body(letter);
    assert!(text.starts_with("居民朋友们"));
    assert!(text.contains("世界极限运冬巡回赛"), "the text around the headline is joined again");
    assert!(!text.contains("新年贺词"));
}

#[test]
fn fixtures_teasers_photos_notice() {
    let (_, text) = cases().into_iter().find(|(n, _)| n == "front-page-teasers-photo-notice").unwrap();
    let issue = parse(&text);
    let teasers: Vec<(Vec<u32>, &str)> = issue.teasers.iter().map(|t| (t.pages.clone(), t.title.as_str())).collect();
    assert_eq!(teasers, [(vec![10, 11], "城市更新让老小区焕发新生机"), (vec![7], "北街片区旧住房改造项目正式启动")]);
    let photos: Vec<_> = issue.articles.iter().filter(|a| a.kind == ArticleKind::Photo).collect();
    assert_eq!(photos.len(), 2);
    assert_eq!(photos[0].column.as_deref(), Some("图片新闻"));
    assert_eq!(photos[0].byline.photographers, ["赵强"]);
    let notice = issue.articles.iter().find(|a| a.kind == ArticleKind::Notice).unwrap();
    assert_eq!(notice.byline.authors[0].name, "示例区融媒体中心");
    assert_eq!(notice.signed_date.as_deref(), Some("2023年3月20日"));
    assert_eq!(notice.paragraphs.len(), 1, "the 落款 is not running text");
    assert_eq!(issue.articles[0].source.as_deref(), Some("区绿化市容局"));
    assert_eq!(issue.articles[0].byline.correspondents, ["李华"]);
    assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
}
