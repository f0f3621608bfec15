//! The layout on a made-up page built in code: a page header and a footer, a
//! headline over three columns with a second article (a photo with its
//! caption and credit) beside it, a rule under both, then an article with a
//! vertical headline continued on page 5 and a last one with its byline;
//! the glyphs drawn in a shuffled order. Then smaller pages: an L-shaped
//! article; two blocks with centred headlines on a page without rules; a
//! front page with its masthead and a strip of teasers; a notice with its
//! dated headnote.

use shuzibao_pdf::{layout_page, Glyph, PageContent, Rect, Rule};

const BODY: f32 = 10.0;
const PITCH: f32 = 15.0;

fn glyph(c: char, x: f32, y: f32, size: f32, font: &str) -> Glyph {
    Glyph {
        text: c.to_string(),
        bbox: Rect::new(x, y, x + size, y + size),
        size,
        font: font.into(),
        bold: font.contains("Bold"),
        vertical: false,
        seq: 0,
    }
}

/// A line of text from `x` at `y`.
fn line(text: &str, x: f32, y: f32, size: f32, font: &str) -> Vec<Glyph> {
    text.chars().enumerate().map(|(k, c)| glyph(c, x + size * k as f32, y, size, font)).collect()
}

/// Paragraphs flowed into columns `(x0, x1)` from `top`, each indented by two
/// ems, one em a character; returns the glyphs and the foot of the last line.
fn flow(paras: &[&str], columns: &[(f32, f32)], top: f32, bottom: f32) -> (Vec<Glyph>, f32) {
    let mut out = Vec::new();
    let (mut col, mut y, mut foot) = (0, top, top);
    for p in paras {
        let mut chars: Vec<char> = p.chars().collect();
        let mut first = true;
        while !chars.is_empty() {
            if y + BODY > bottom {
                col += 1;
                y = top;
            }
            let (x0, x1) = columns[col];
            let indent = if first { 2.0 * BODY } else { 0.0 };
            let fit = ((x1 - x0 - indent) / BODY).floor() as usize;
            let rest = chars.split_off(fit.min(chars.len()));
            let text: String = chars.iter().collect();
            out.extend(line(&text, x0 + indent, y, BODY, "Serif"));
            foot = foot.max(y + BODY);
            chars = rest;
            first = false;
            y += PITCH;
        }
    }
    (out, foot)
}

fn iou(a: &[Rect], b: Rect) -> f32 {
    let Some(u) = a.iter().copied().reduce(|x, y| x.union(&y)) else { return 0.0 };
    let inter = u.intersection(&b).map_or(0.0, |r| r.area());
    inter / (u.area() + b.area() - inter)
}

fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
    Rule { rect: Rect::new(x0, y0, x1, y1), frame: false }
}

const A1: &str = "老街改造工程日前全面完工，沿街商铺陆续开门迎客，街巷面貌焕然一新，居民出行更加方便。";
const A2: &str =
    "据介绍，改造工程坚持修旧如旧，保留了老街原有的石板路和骑楼，又新增了休闲座椅和绿化小景，市民纷纷点赞。";
const A3: &str = "下一步，相关部门将继续推进周边街巷整治，让更多老街区焕发新活力，留住城市记忆。";
const B1: &str = "春节期间，老街举办民俗展演活动，舞龙舞狮、非遗手作吸引大批游客驻足观看。";
const C1: &str = "入夜，示例区的夜市灯火通明，小吃摊前排起长队，烟火气扑面而来，成为城市夜经济的一张名片。";
const C2: &str = "夜市管理方表示，将进一步规范经营秩序，提升食品安全水平，让市民吃得放心、逛得舒心。";
const D1: &str = "本报讯 示例区图书馆近日推出夜间开放服务，每周五、周六延长开放至晚上九点。";
const D2: &str = "开放首周，前来借阅的读者络绎不绝，不少年轻人下班后专程赶来看书学习。";

struct Page {
    content: PageContent,
    boxes: Vec<Rect>,
}

fn page() -> Page {
    let mut g = Vec::new();
    let mut rules = Vec::new();
    // page header and footer, closed off by full-width rules
    g.extend(line("第2版", 30.0, 20.0, 12.0, "Sans"));
    g.extend(line("要闻", 100.0, 20.0, 12.0, "Sans"));
    g.extend(line("示例日报", 260.0, 20.0, 12.0, "Sans"));
    g.extend(line("2024年3月5日", 440.0, 20.0, 12.0, "Sans"));
    rules.push(rule(30.0, 40.0, 570.0, 40.5));
    rules.push(rule(30.0, 760.0, 570.0, 760.5));
    g.extend(line("责任编辑：王五", 30.0, 770.0, 9.0, "Sans"));
    // A: headline over three columns
    g.extend(line("老街焕发新活力", 30.0, 60.0, 24.0, "Serif-Bold"));
    let (body, a_foot) = flow(&[A1, A2, A3], &[(30.0, 130.0), (145.0, 245.0), (260.0, 360.0)], 100.0, 200.0);
    g.extend(body);
    // B beside it: headline, photo, caption and credit, text
    rules.push(rule(370.0, 60.0, 370.5, 400.0));
    g.extend(line("民俗展演迎新春", 380.0, 60.0, 20.0, "Serif-Bold"));
    let photo = Rect::new(380.0, 90.0, 570.0, 200.0);
    g.extend(line("图为游客观看舞龙表演。", 380.0, 204.0, 9.0, "Kai"));
    g.extend(line("李四摄", 516.0, 216.0, 9.0, "Kai"));
    let (body, b_foot) = flow(&[B1], &[(380.0, 570.0)], 235.0, 400.0);
    g.extend(body);
    rules.push(rule(30.0, 410.0, 570.0, 410.5));
    // C: a vertical headline in a narrow strip left of its text, continued
    for (k, c) in "夜市烟火".chars().enumerate() {
        g.push(glyph(c, 30.0, 425.0 + 22.0 * k as f32, 20.0, "Serif-Bold"));
    }
    let (body, _) = flow(&[C1, C2], &[(60.0, 200.0), (215.0, 355.0)], 425.0, 520.0);
    g.extend(body);
    g.extend(line("（下转第5版）", 285.0, 505.0, BODY, "Serif"));
    let c_foot = 515.0;
    // D: headline, byline, text
    rules.push(rule(370.0, 420.0, 370.5, 740.0));
    g.extend(line("图书馆开启夜间模式", 380.0, 425.0, 18.0, "Serif-Bold"));
    g.extend(line("记者 赵六", 380.0, 450.0, BODY, "Serif"));
    let (body, d_foot) = flow(&[D1, D2], &[(380.0, 570.0)], 468.0, 740.0);
    g.extend(body);
    // drawn in a shuffled order
    let n = g.len() as u32;
    for (k, gl) in g.iter_mut().enumerate() {
        gl.seq = (k as u32 * 7919) % n;
    }
    g.sort_by_key(|gl| gl.seq);
    let content = PageContent {
        index: 1,
        label: None,
        width: 600.0,
        height: 800.0,
        glyphs: g,
        rules,
        images: vec![photo],
        warnings: vec![],
    };
    let boxes = vec![
        Rect::new(30.0, 60.0, 360.0, a_foot),
        Rect::new(380.0, 60.0, 570.0, b_foot),
        Rect::new(30.0, 425.0, 355.0, c_foot),
        Rect::new(380.0, 425.0, 570.0, d_foot),
    ];
    Page { content, boxes }
}

#[test]
fn a_made_up_page_is_laid_out_into_its_articles() {
    let p = page();
    let laid = layout_page(&p.content);
    let issue = &laid.issue;
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["老街焕发新活力", "民俗展演迎新春", "夜市烟火", "图书馆开启夜间模式"], "{}", laid.text);
    // paragraphs whole again across column breaks
    let a = &issue.articles[0];
    let bodies: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(bodies, [A1, A2, A3]);
    // the photo's credit and caption stay with its article
    let b = &issue.articles[1];
    assert_eq!(b.byline.photographers, ["李四"]);
    assert!(b.body().starts_with(B1), "{}", b.body());
    assert!(b.body().contains("图为游客观看舞龙表演。"));
    // continued on page 5
    let c = &issue.articles[2];
    assert_eq!(c.continued_to_page, Some(5), "{}", laid.text);
    assert_eq!(c.body(), format!("{C1}\n{C2}"));
    let d = &issue.articles[3];
    assert_eq!(d.byline.reporters, ["赵六"], "{}", laid.text);
    assert_eq!(d.dateline.as_deref(), Some("本报讯"));
    // furniture set apart
    let h = issue.page_header.as_ref().expect("a page header");
    assert_eq!(h.page.as_ref().map(|p| p.to_string()).as_deref(), Some("2"));
    assert!(issue.articles.iter().all(|a| !a.body().contains("责任编辑")));
    // regions
    assert_eq!(laid.regions.len(), 4);
    for (k, (r, truth)) in laid.regions.iter().zip(&p.boxes).enumerate() {
        let v = iou(r, *truth);
        assert!(v >= 0.9, "article {k}: {r:?} against {truth:?}: IoU {v}");
    }
}

#[test]
fn an_l_shaped_article_gets_two_regions_and_is_read_first() {
    // A across the page with its last column running down beside B
    let mut g = Vec::new();
    g.extend(line("老街焕发新活力", 30.0, 20.0, 24.0, "Serif-Bold"));
    let (body, _) = flow(&[A1, A2], &[(30.0, 130.0), (145.0, 245.0)], 60.0, 160.0);
    g.extend(body);
    let (body, a_foot) = flow(&[A3, A3, A3, A3], &[(260.0, 360.0)], 60.0, 420.0);
    g.extend(body);
    let rules = vec![rule(30.0, 170.0, 245.0, 170.5), rule(252.0, 175.0, 252.5, 420.0)];
    g.extend(line("民俗展演迎新春", 30.0, 180.0, 20.0, "Serif-Bold"));
    let (body, b_foot) = flow(&[B1, B1], &[(30.0, 130.0), (145.0, 245.0)], 210.0, 330.0);
    g.extend(body);
    g.reverse();
    let content = PageContent { index: 1, width: 400.0, height: 450.0, glyphs: g, rules, ..PageContent::default() };
    let laid = layout_page(&content);
    let titles: Vec<&str> = laid.issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["老街焕发新活力", "民俗展演迎新春"], "{}", laid.text);
    assert_eq!(laid.regions[0].len(), 2, "{:?}", laid.regions[0]);
    // its text fits in its first column, under a headline wider than it; its
    // block takes the white beside it up to a gutter off the L's column
    let truth_b = Rect::new(30.0, 180.0, 245.0, b_foot);
    assert!(iou(&laid.regions[1], truth_b) >= 0.9, "{:?}", laid.regions[1]);
    assert!(laid.regions[0].iter().all(|r| r.intersection(&truth_b).is_none()));
    assert!(laid.regions[0].iter().any(|r| (r.y1 - a_foot).abs() < 1.0));
    assert_eq!(laid.issue.articles[0].body(), format!("{A1}\n{A2}\n{A3}\n{A3}\n{A3}\n{A3}"));
}

#[test]
fn centred_headlines_on_a_page_without_rules_claim_the_columns_under_their_blocks() {
    // two blocks side by side, no rules, one gutter apart as their columns
    // are; each headline centred over its block, so the right block's first
    // column stands under no headline and its body starts a point lower
    let mut g = Vec::new();
    g.extend(line("老街焕发新活力", 53.5, 20.0, 24.0, "Serif-Bold"));
    let (body, a_foot) = flow(&[A1, A2], &[(30.0, 130.0), (145.0, 245.0)], 60.0, 160.0);
    g.extend(body);
    g.extend(line("民俗展演迎新春", 355.0, 20.0, 20.0, "Serif-Bold"));
    let (body, b_foot) = flow(&[C1, C2, D2], &[(260.0, 360.0), (375.0, 475.0), (490.0, 590.0)], 61.0, 160.0);
    g.extend(body);
    g.reverse();
    let content = PageContent { index: 1, width: 620.0, height: 200.0, glyphs: g, ..PageContent::default() };
    let laid = layout_page(&content);
    let titles: Vec<&str> = laid.issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["老街焕发新活力", "民俗展演迎新春"], "{}", laid.text);
    assert_eq!(laid.issue.articles[0].body(), format!("{A1}\n{A2}"));
    assert_eq!(laid.issue.articles[1].body(), format!("{C1}\n{C2}\n{D2}"));
    let truth = [Rect::new(30.0, 20.0, 245.0, a_foot), Rect::new(260.0, 20.0, 590.0, b_foot)];
    for (k, (r, t)) in laid.regions.iter().zip(truth).enumerate() {
        let v = iou(r, t);
        assert!(v >= 0.9, "article {k}: {r:?} against {t:?}: IoU {v}");
    }
}

#[test]
fn a_front_page_reads_its_masthead_and_a_strip_of_teasers() {
    let mut g = Vec::new();
    g.extend(line("示例日报", 30.0, 20.0, 60.0, "Serif-Bold"));
    g.extend(line("2024年3月5日", 300.0, 24.0, 11.0, "Sans"));
    g.extend(line("星期二", 440.0, 24.0, 11.0, "Sans"));
    g.extend(line("第12345期", 300.0, 40.0, 11.0, "Sans"));
    g.extend(line("今日8版", 300.0, 56.0, 11.0, "Sans"));
    g.extend(line("第1版", 300.0, 72.0, 11.0, "Sans"));
    // the strip: a bold label, then teasers with the page after the title
    g.extend(line("导读", 30.0, 100.0, 12.0, "Sans-Bold"));
    g.extend(line("◆河畔新绿访古镇（2版）", 60.0, 100.0, 9.0, "Sans"));
    g.extend(line("◆山村书屋亮灯了（3版）", 300.0, 100.0, 9.0, "Sans"));
    let rules = vec![rule(30.0, 118.0, 570.0, 118.5)];
    g.extend(line("老街焕发新活力", 30.0, 130.0, 24.0, "Serif-Bold"));
    let (body, _) = flow(&[A1, A2, A3], &[(30.0, 130.0), (145.0, 245.0), (260.0, 360.0)], 170.0, 270.0);
    g.extend(body);
    let content = PageContent { index: 1, width: 600.0, height: 800.0, glyphs: g, rules, ..PageContent::default() };
    let laid = layout_page(&content);
    let issue = &laid.issue;
    let Some(m) = issue.masthead.as_ref() else { panic!("no masthead in {}", laid.text) };
    assert_eq!(m.paper.as_deref(), Some("示例日报"), "{}", laid.text);
    let teasers: Vec<(Vec<u32>, &str)> = issue.teasers.iter().map(|t| (t.pages.clone(), t.title.as_str())).collect();
    assert_eq!(teasers, [(vec![2], "河畔新绿访古镇"), (vec![3], "山村书屋亮灯了")], "{}", laid.text);
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].body(), format!("{A1}\n{A2}\n{A3}"));
}

#[test]
fn a_notice_keeps_its_dated_headnote_out_of_its_text() {
    // the headnote is set in the body type, right under the title
    let mut g = Vec::new();
    g.extend(line("示例区人民代表大会常务委员会任免名单", 30.0, 20.0, 14.0, "Serif-Bold"));
    g.extend(line("（2024年3月1日示例区第五届人民代表大会常务委员会", 30.0, 42.0, BODY, "Serif"));
    g.extend(line("第九次会议通过）", 30.0, 55.0, BODY, "Serif"));
    let items = ["一、任命张三为示例区教育局局长。", "二、免去李四的示例区文化局局长职务。"];
    let (body, _) = flow(&items, &[(30.0, 300.0)], 75.0, 200.0);
    g.extend(body);
    let content = PageContent { index: 1, width: 330.0, height: 220.0, glyphs: g, ..PageContent::default() };
    let laid = layout_page(&content);
    let a = &laid.issue.articles[0];
    assert_eq!(a.headline.title, "示例区人民代表大会常务委员会任免名单", "{}", laid.text);
    assert!(a.body().starts_with("一、任命张三"), "{}", laid.text);
}
