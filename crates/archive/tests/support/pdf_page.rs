//! Made-up newspaper pages as PDFs for the tests, written with `pdf-writer`:
//! Chinese text of our own in the non-embedded `STSong-Light` (text through
//! `UniGB-UCS2-H`, one em a character), rules, several pages, page labels.
//! Shared by the archive's and the command line's tests.

#![allow(dead_code)]

use pdf_writer::types::{CidFontType, FontFlags, NumberingStyle, SystemInfo};
use pdf_writer::writers::PageLabel;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The page size (A4 portrait, points).
pub const PAGE_W: f32 = 595.0;
/// The page height.
pub const PAGE_H: f32 = 842.0;

/// What is drawn on a page, in top-left coordinates (points, `y` down).
#[derive(Debug, Clone, Default)]
pub struct PageDraw {
    /// Text: (text, left, top, size).
    pub lines: Vec<(String, f32, f32, f32)>,
    /// Filled rectangles (rules): (x0, y0, x1, y1).
    pub rules: Vec<(f32, f32, f32, f32)>,
}

impl PageDraw {
    /// Adds a line of text.
    pub fn text(&mut self, text: &str, x: f32, top: f32, size: f32) {
        self.lines.push((text.to_string(), x, top, size));
    }

    /// Adds paragraphs flowed into columns `(x0, x1)` from `top` to
    /// `bottom`, each paragraph indented two ems; returns the foot of the
    /// last line.
    pub fn flow(&mut self, paras: &[&str], columns: &[(f32, f32)], top: f32, bottom: f32, size: f32) -> f32 {
        let pitch = size * 1.5;
        let (mut col, mut y, mut foot) = (0, top, top);
        for p in paras {
            let mut chars: Vec<char> = p.chars().collect();
            let mut first = true;
            while !chars.is_empty() {
                if y + size > bottom && col + 1 < columns.len() {
                    col += 1;
                    y = top;
                }
                let (x0, x1) = columns[col];
                let indent = if first { 2.0 * size } else { 0.0 };
                let fit = ((x1 - x0 - indent) / size).floor() as usize;
                let rest = chars.split_off(fit.min(chars.len()));
                self.text(&chars.iter().collect::<String>(), x0 + indent, y, size);
                foot = foot.max(y + size);
                chars = rest;
                first = false;
                y += pitch;
            }
        }
        foot
    }

    /// Adds a full-width rule at `y`.
    pub fn rule(&mut self, y: f32) {
        self.rules.push((30.0, y, PAGE_W - 30.0, y + 0.8));
    }
}

/// The UCS-2 bytes of a text.
fn ucs2(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn content(page: &PageDraw) -> Vec<u8> {
    let mut c = Content::new();
    for (text, x, top, size) in &page.lines {
        // the em box's top at `top`: the baseline 0.88 em below it
        let baseline = PAGE_H - (top + 0.88 * size);
        c.begin_text()
            .set_font(Name(b"F1"), 1.0)
            .set_text_matrix([*size, 0.0, 0.0, *size, *x, baseline])
            .show(Str(&ucs2(text)))
            .end_text();
    }
    for (x0, y0, x1, y1) in &page.rules {
        c.rect(*x0, PAGE_H - y1, x1 - x0, y1 - y0).fill_nonzero();
    }
    c.finish().into_vec()
}

/// A PDF of these pages; `labels`, when given, labels them (one prefix per
/// page, each numbered from 1: `["A", "B"]` labels the pages A1, B1).
pub fn pdf(pages: &[PageDraw], labels: Option<&[&str]>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, tree, font, cid, desc) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4), Ref::new(5));
    pdf.type0_font(font)
        .base_font(Name(b"STSong-Light"))
        .encoding_predefined(Name(b"UniGB-UCS2-H"))
        .descendant_font(cid);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"STSong-Light"))
        .system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"GB1"), supplement: 4 })
        .font_descriptor(desc)
        .default_width(1000.0);
    pdf.font_descriptor(desc)
        .name(Name(b"STSong-Light"))
        .flags(FontFlags::SERIF | FontFlags::SYMBOLIC)
        .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(880.0)
        .stem_v(93.0);
    let mut next = 5;
    let mut ids = Vec::new();
    for p in pages {
        let (page, body) = (Ref::new(next + 1), Ref::new(next + 2));
        next += 2;
        ids.push(page);
        pdf.stream(body, &content(p));
        let mut w = pdf.page(page);
        w.parent(tree).media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).contents(body);
        w.resources().fonts().pair(Name(b"F1"), font);
        w.finish();
    }
    pdf.pages(tree).kids(ids.iter().copied()).count(ids.len() as i32);
    let mut label_refs = Vec::new();
    for prefix in labels.unwrap_or_default() {
        next += 1;
        let r = Ref::new(next);
        pdf.indirect(r).start::<PageLabel>().style(NumberingStyle::Arabic).prefix(TextStr(prefix));
        label_refs.push(r);
    }
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if !label_refs.is_empty() {
        let mut labels = cat.page_labels();
        let mut nums = labels.nums();
        for (i, r) in label_refs.iter().enumerate() {
            nums.insert(i as i32, *r);
        }
    }
    cat.finish();
    pdf.finish()
}

/// Made-up text of two articles.
pub const A_TITLE: &str = "滨河公园改造完工";
/// Its paragraphs.
pub const A_BODY: [&str; 3] = [
    "本报讯 经过半年施工，滨河公园改造工程日前完工，新建的步道和观景平台向市民开放，周边居民纷纷前来散步。",
    "据介绍，改造保留了公园原有的大树和石桥，增加了儿童游乐区和健身器材，夜间照明也全部换新。",
    "公园管理处表示，下一步将举办系列文化活动，让公园成为居民休闲的好去处。",
];
/// The second article's title.
pub const B_TITLE: &str = "社区食堂推出老年餐";
/// Its byline.
pub const B_BYLINE: &str = "记者 钱小明";
/// Its paragraphs.
pub const B_BODY: [&str; 2] = [
    "本报讯 示例街道社区食堂近日推出老年助餐服务，六十岁以上老人凭卡就餐可享受优惠，每天供应三种套餐。",
    "食堂负责人说，菜品少油少盐，口味清淡，还将根据老人的意见每周调整菜单。",
];

/// A page of two articles with its header (page `page` of 示例日报,
/// 2024年3月5日) and a footer; `header` false leaves the header out.
pub fn two_articles(page: u32, header: bool) -> PageDraw {
    let mut d = PageDraw::default();
    if header {
        d.text(&format!("第{page}版"), 30.0, 20.0, 12.0);
        d.text("要闻", 100.0, 20.0, 12.0);
        d.text("示例日报", 260.0, 20.0, 12.0);
        d.text("2024年3月5日", 440.0, 20.0, 12.0);
    }
    d.rule(40.0);
    d.text(A_TITLE, 30.0, 60.0, 24.0);
    let foot = d.flow(&A_BODY, &[(30.0, 290.0), (305.0, 565.0)], 100.0, 200.0, 10.0);
    d.rule(foot + 15.0);
    let top = foot + 30.0;
    d.text(B_TITLE, 30.0, top, 20.0);
    d.text(B_BYLINE, 30.0, top + 28.0, 10.0);
    d.flow(&B_BODY, &[(30.0, 290.0), (305.0, 565.0)], top + 46.0, top + 200.0, 10.0);
    d.rule(760.0);
    d.text("责任编辑：王五", 30.0, 770.0, 9.0);
    d
}
