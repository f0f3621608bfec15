//! One test per parser bug, named after what broke, with the input that broke it.

use shuzibao_core::parse;

/// `本报讯 1月11日` lost the space after the dateline when spaces between
/// Han characters and digits were removed.
#[test]
fn dateline_keeps_its_space() {
    let issue = parse("会议召开\n\n本报讯 1月11日上午，两区召开合作会议。\n");
    assert_eq!(issue.articles[0].paragraphs[0].text, "本报讯 1月11日上午，两区召开合作会议。");
}

/// `(下转第 2 版)` was read as a teaser pointing to page 2 titled `(下`.
#[test]
fn continuation_marker_is_not_a_teaser() {
    let issue = parse("第3期 2022年1月17日\n\n标题\n\n本报讯 正文很长很长的一段话，足够长。\n\n(下转第 2 版)\n");
    assert!(issue.teasers.is_empty(), "{:?}", issue.teasers);
    assert_eq!(issue.articles[0].continued_to_page, Some(2));
}

/// `07 张家弄…`: the measure-word guard took `张` (a family name and a place
/// name's first character) for the measure word 张.
#[test]
fn teaser_title_may_start_with_zhang() {
    let issue = parse("第3期 2022年1月17日\n\n07 张家弄片区房屋征收项目\n\n标题\n\n本报讯 正文。\n");
    assert_eq!(issue.teasers.len(), 1);
}

/// In a page that indents its paragraphs, a feature's parts with their own
/// sub-headline and byline (`千盏彩灯照古城` / `本报记者 李明`) were split
/// into articles of their own.
#[test]
fn indented_parts_of_a_feature_stay_together() {
    let text = "年货市场见闻\n\u{3000}\u{3000}花市\n\u{3000}\u{3000}本报记者 王明\n\u{3000}\u{3000}花市里人来人往。\n\u{3000}\u{3000}灯会\n\u{3000}\u{3000}本报记者 李华\n\u{3000}\u{3000}灯会上游人如织。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(issue.articles[0].byline.reporters, ["王明", "李华"]);
}

/// `（本报记者 杨帆 参与采写）` gave a reporter named `参与采写`.
#[test]
fn words_after_a_name_in_brackets_are_not_a_reporter() {
    let issue = parse("标题\n\n本报讯 正文一句。（本报记者 杨帆 参与采写）\n");
    assert!(!issue.articles[0].byline.reporters.iter().any(|r| r == "参与采写"));
}

/// Found by `cargo fuzz` (fuzz/artifacts/parse): `（上接第1版）` followed by a
/// headline was neither the article's `continued_from_page` nor a leftover
/// (the marker's draft was dropped when the headline opened a new one).
#[test]
fn continued_from_marker_before_a_headline_belongs_to_its_article() {
    let text = "（上接第1版）\n\n食堂负责人介绍新菜单\n食堂负责人介绍，下一步将根据居民口味调整菜单，今年还将新开社区食堂八家。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].continued_from_page, Some(1));
    assert_eq!(issue.articles[0].span.start, 0, "the marker is inside the article's span");
    // a marker with nothing after it is a leftover, not dropped
    let issue = parse("（上接第1版）\n");
    assert_eq!(issue.leftovers.len(), 1);
    assert_eq!(issue.leftovers[0].text, "（上接第1版）");
}

/// Found by `cargo fuzz` (fuzz/artifacts/parse): a headline group with
/// nothing under it was kept as one leftover per unit, and a line the
/// classifier had cut in two (`本报 本报…讯 …`) lay in no single span.
#[test]
fn a_headline_group_with_no_text_is_one_leftover_covering_its_lines() {
    let text = "区里议事\n\n本报\u{3000}本报3月18日讯 区政府3月17日召开常务会议召开常务会议\n\n本报记者 杨帆\n\n\
                \u{3000}\u{3000}本报3月\n\n\u{3000}\u{3000}本报3月18日召开常务会议，研究部署春季安全生产工作。\n\n\
                \u{3000}\u{3000}会议要求，各部门要压实责任。\n";
    let issue = parse(text);
    for line in shuzibao_core::lines::split_lines(text) {
        assert!(
            issue
                .articles
                .iter()
                .map(|a| a.span)
                .chain(issue.leftovers.iter().map(|l| l.span))
                .any(|s| s.start <= line.span.start && line.span.end <= s.end),
            "line {:?} is in nothing the parser returned: {issue:#?}",
            line.text
        );
    }
}

/// A byline with nothing under it was kept as a leftover with empty text:
/// its span was right, but a reader of the report saw nothing.
#[test]
fn a_lone_byline_is_a_leftover_shown_as_printed() {
    let issue = parse("本报记者 柯明采访整理\n");
    assert!(issue.articles.is_empty());
    assert_eq!(issue.leftovers.len(), 1);
    assert_eq!(issue.leftovers[0].text, "本报记者 柯明采访整理");
}

/// A document printed in full repeats its title as the first line of its
/// text; that line was read as the headline's subtitle, so the text seemed
/// to begin after it.
#[test]
fn a_title_printed_again_begins_the_text() {
    let text = "两部门印发\n\n关于推进社区公共服务设施建设的实施意见\n\n关于推进社区公共服务设施建设的实施意见\n\n新华社北京1月31日电 近日，中共中央办公厅、国务院办公厅印发了实施意见。\n\n社区是城市治理的基本单元。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1);
    let a = &issue.articles[0];
    assert_eq!(a.headline.subtitle, None);
    assert_eq!(a.paragraphs[0].text, "关于推进社区公共服务设施建设的实施意见");
    assert!(a.paragraphs[1].text.starts_with("新华社北京1月31日电"));
}

/// A text with no headline but a byline and a sub-heading, then a headline
/// with a byline of its own: looking for the headline's likeness among the
/// lines under the text's headline read past an empty list and panicked.
#[test]
fn a_headless_text_with_a_sub_heading_before_a_bylined_headline() {
    let text = "本报记者 王明\n\n全区上下要团结一致，共同努力推进工作。\n\n总体要求\n\n\
                全区上下要团结一致，共同努力推进工作。\n\n地铁检修 通宵作业\n\n本报记者 李华\n\n记者走进车辆段。\n";
    let issue = parse(text);
    assert!(issue.articles.iter().any(|a| a.headline.title == "地铁检修 通宵作业"), "{:#?}", issue.articles);
}

/// A page whose text opened with a sentence starting with a date range
/// (`1987年5月4日至6月1日，…`) got a masthead dated by it, and the
/// headline above was taken into the masthead and lost.
#[test]
fn a_date_in_the_first_sentence_does_not_date_the_issue() {
    let text = "示例博览会\n\n1987年5月4日至6月1日，示例市第一届花卉博览会在城东举行。\n\n展会吸引了众多市民。\n";
    let issue = parse(text);
    assert!(issue.masthead.is_none(), "{:?}", issue.masthead);
    assert_eq!(issue.articles[0].headline.title, "示例博览会");
}

/// A speech printed with its date line alone in brackets under its title
/// (`（2024年3月5日）`) gave the issue that date, a day before it came out.
#[test]
fn a_speechs_bracketed_date_line_does_not_date_the_issue() {
    let text = "在示例大会上的讲话\n（2024年3月5日）\n同志们，朋友们：\n\u{3000}\u{3000}今天，我们在这里隆重集会。\n";
    let issue = parse(text);
    assert!(issue.masthead.is_none(), "{:?}", issue.masthead);
    assert_eq!(issue.articles[0].headline.title, "在示例大会上的讲话");
}
