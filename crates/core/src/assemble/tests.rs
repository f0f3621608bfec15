//! Unit tests of assembly, each on made-up text.

use super::{set_unlike_subheadings, Draft};
use crate::model::{Paragraph, ParagraphRole, Span};
use crate::parse;

/// The sub-headings of an article, in order (shared by the assembly tests).
pub(super) fn subheadings(a: &crate::model::Article) -> Vec<&str> {
    a.paragraphs.iter().filter(|p| p.role == ParagraphRole::Subheading).map(|p| p.text.as_str()).collect()
}

#[test]
fn an_indented_lead_before_the_dateline_is_text_where_paragraphs_are_indented() {
    let text = "# 示例区夜市人气旺\n\n\u{3000}\u{3000}国庆假期示例区夜市客流同比增长三成，小吃摊位前排起长队，夜市管理方延长营业时间、增设临时停车位，周边商户也推出了各类优惠活动吸引游客前来消费\n                    \u{3000}\u{3000}本报示例10月8日电 （记者张三）假期里，示例区夜市迎来客流高峰。\n                    \u{3000}\u{3000}夜市管理方表示，将继续延长营业时间。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "示例区夜市人气旺");
    assert!(a.body().starts_with("国庆假期示例区夜市客流"), "{}", a.body());
}

#[test]
fn sub_headings_set_alike_stay_in_their_article() {
    let text = "老茶馆 新茶客\n\n老街口的茶馆开了六十年，一壶茶泡出半条街的故事。\n\n竹椅木桌 原汁原味\n\n茶馆里的陈设，几十年没怎么变过。\n\n\
                新茶新客 热闹依旧\n\n年轻人也爱来这里喝盖碗茶。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]), ["竹椅木桌原汁原味", "新茶新客热闹依旧"]);
}

#[test]
fn lead_ins_set_alike_stay_in_their_article() {
    let text = "假期里的忙碌\n\n放假了，孩子们各有各的安排。\n\n城北小学三年级李小雨——\n\n“我在学做剪纸”\n\n\
                她跟着奶奶学了一个月。\n\n城南中学初二王子涵——\n\n“我想造一个机器人”\n\n他每天都去少年宫。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]).len(), 4);
}

#[test]
fn a_line_set_unlike_the_others_with_a_new_subject_starts_an_article() {
    let text = "老茶馆 新茶客\n\n老街口的茶馆开了六十年，一壶茶泡出半条街的故事。\n\n竹椅木桌 原汁原味\n\n茶馆里的陈设，几十年没怎么变过。\n\n\
                新茶新客 热闹依旧\n\n年轻人也爱来这里喝盖碗茶。\n\n\
                北极海冰面积创新低\n\n九月中旬，卫星观测显示，北冰洋的海冰面积降到有记录以来的第二低。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
}

#[test]
fn the_parts_of_a_feature_with_their_own_bylines_are_one_article() {
    let text = "节日走一线 岗位见真情\n\n山村邮路 一人一车\n\n本报记者 杜明远\n\n春节这几天，乡邮员照常出班。\n\n\
                地铁检修 通宵作业\n\n本报记者 孙悦\n\n记者走进车辆段，检修工正在检查列车。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "节日走一线 岗位见真情");
    assert_eq!(a.byline.reporters, ["杜明远", "孙悦"]);
    assert_eq!(subheadings(a), ["山村邮路一人一车", "地铁检修通宵作业"]);
}

#[test]
fn news_items_with_their_own_datelines_are_not_parts() {
    let text = "节日走一线 岗位见真情\n\n山村邮路 一人一车\n\n本报记者 杜明远\n\n春节这几天，乡邮员照常出班。\n\n\
                地铁检修 通宵作业\n\n本报记者 孙悦\n\n本报南京2月14日电 记者走进车辆段，检修工正在检查列车。\n";
    assert_eq!(parse(text).articles.len(), 2);
}

#[test]
fn labels_over_titles_set_alike_are_sub_headings() {
    let text =
        "假日消费新气象\n\n今年假日消费有了新变化。\n\n看展新去处\n\n走进场馆 品味艺术\n\n美术馆里排起了长队。\n\n\
                吃饭新花样\n\n网上订餐 上桌更快\n\n不少家庭选择网上订年夜饭。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]).len(), 4);
}

#[test]
fn a_title_over_a_lead_that_says_when_and_where_starts_an_article_on_the_same_theme() {
    // both texts speak of flower markets; the second opens as a report does
    let text = "花市里的年味\n\n春节将至，花市里挤满了买年宵花的市民。花市的摊主说，今年的年宵花卖得好。\n\n\
                花卉电商生意旺\n\n日前，江苏省宿迁市沭阳县的花卉电商开始发货，一盆盆年宵花经快递销往全国各地，订单比往年多了三成。\n";
    let issue = parse(text);
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["花市里的年味", "花卉电商生意旺"]);
    // without the lead, the same line is a sub-heading of the first text
    let text = text.replace("日前，江苏省宿迁市沭阳县的", "");
    assert_eq!(parse(&text).articles.len(), 1);
}

#[test]
fn a_line_set_unlike_the_articles_subheadings_reads_as_a_headline() {
    let draft = |subs: &[&str]| {
        let mut d = Draft::default();
        for s in subs {
            for (text, role) in [(*s, ParagraphRole::Subheading), ("街道里的事，大家商量着办。", ParagraphRole::Text)]
            {
                d.paras.push(Paragraph { text: text.to_string(), role, span: Span::default() });
            }
        }
        d
    };
    // on a page whose articles share a theme: two sub-headings set as
    // clauses, then a line of plain words over a text about other things
    let text = "停车难题如何破\n\n本报记者走访多个小区，听居民说停车的难处。\n\n路边停车，告别乱收费\n\n\
                街道在路边施划停车位，统一收费标准，居民停车不再被乱收费。\n\n共享单车，划出停放区\n\n\
                街道为共享单车划出停放区，车辆停放整齐了，人行道畅通了。\n\n老楼加装电梯\n\n\
                老旧小区加装电梯，楼组长挨家挨户征求意见，居民投票通过后，工程队进场施工，预计年底前完工。\n";
    let titles: Vec<String> = parse(text).articles.into_iter().map(|a| a.headline.title).collect();
    assert_eq!(titles, ["停车难题如何破", "老楼加装电梯"]);
    // the same line set as a clause, like the sub-headings, stays one of them
    assert_eq!(parse(&text.replace("老楼加装电梯", "老楼加装，电梯进场")).articles.len(), 1);
    // clauses with commas, then plain words: unlike
    let clauses = draft(&["路边停车，告别乱收费", "共享单车，划出停放区"]);
    assert!(set_unlike_subheadings(&clauses, "代表走进居民区"));
    assert!(!set_unlike_subheadings(&clauses, "充电设施，还要再加强"));
    // plain words of about one length: a line far longer or shorter is unlike
    let words = draft(&["访农户问冷暖", "修水渠保灌溉", "办夜校教技术"]);
    assert!(set_unlike_subheadings(&words, "两地协作办培训班拓宽就业路"));
    assert!(set_unlike_subheadings(&words, "回声"));
    assert!(!set_unlike_subheadings(&words, "建书屋送图书"));
    assert!(!set_unlike_subheadings(&words, "山水相依 古今相望"));
    // figures or marks set a line apart in a way of its own: no sign
    assert!(!set_unlike_subheadings(&clauses, "新风·新貌"));
    // one sub-heading, or sub-headings set in different ways, show no form
    assert!(!set_unlike_subheadings(&draft(&["路边停车，告别乱收费"]), "代表走进居民区"));
    assert!(!set_unlike_subheadings(&draft(&["路边停车，告别乱收费", "访农户问冷暖"]), "代表走进居民区"));
    // a box at an article's head is no sub-heading
    assert!(!set_unlike_subheadings(&draft(&["核心阅读", "路边停车，告别乱收费"]), "代表走进居民区"));
}

#[test]
fn exclamations_in_the_text_of_signed_parts_are_sentences() {
    let text = "年味在一线 温情满人间\n\n渔村新港 渔船满载\n\n本报记者 李明\n\n老周真能干！\n\n\
                天刚亮，老周就驾着渔船出了海，回港时舱里装满了鱼。\n\n码头上的人都围过来看热闹，纷纷夸他。\n\n\
                大伙儿都笑了！\n\n山城夜市 灯火通明\n\n本报记者 王海\n\n夜幕降临，山城的夜市热闹起来。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "年味在一线 温情满人间");
    assert_eq!(a.byline.reporters, ["李明", "王海"]);
    assert_eq!(subheadings(a), ["渔村新港渔船满载", "山城夜市灯火通明"]);
    assert!(a.paragraphs.iter().any(|p| p.text == "大伙儿都笑了！"));
    // under a single article's byline too
    let issue = parse("渔村新港 渔船满载\n\n本报记者 李明\n\n老周真能干！\n\n天刚亮，老周就出了海。\n");
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue);
    assert_eq!(issue.articles[0].headline.title, "渔村新港 渔船满载");
    assert_eq!(issue.articles[0].paragraphs[0].text, "老周真能干！");
}

#[test]
fn a_series_introduced_by_its_editors_heads_its_signed_parts() {
    let text = "家门口的新变化（系列报道①）\n\n春节回乡，处处是新变化。\n\n——编 者\n\n\
                “老家的路修好了，回家更方便了。”\n\n“村里办起了合作社。”\n\n——村民\n\n\
                山路弯弯\n\n通到家\n\n本报记者 王海\n\n沿着山路往北走，就到了村口。\n\n\
                祖孙两辈\n\n说变化\n\n本报记者 李明采访整理\n\n忙碌了一年，一家人围坐在一起。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(issue.articles[0].byline.reporters, ["王海", "李明"]);
    // without the editors' signature, so long an opening is an article of its own
    let issue = parse(&text.replace("——编 者", "——村干部"));
    assert_eq!(issue.articles.len(), 3, "{:#?}", issue.articles);
}

#[test]
fn a_sub_heading_inside_a_signed_part_does_not_hide_the_next_part() {
    let text = "年货市场探访\n\n编者的话\n\n年货备得怎么样？记者走进各地市场。\n\n\
                江城扩大货源\n\n鲜鱼品种更多了\n\n本报记者 李明\n\n清早，江边的鱼市就热闹起来，摊主忙着卸货，鲜鱼一筐筐摆上摊位。\n\n\
                摊位前排起长队\n\n鱼市的摊位前，顾客排着长队，摊主忙着称重，鲜鱼卖得快。\n\n\
                山城稳定价格\n\n腊肉价格不涨反降\n\n本报记者 王海\n\n山城的腊肉铺前，顾客挑挑拣拣。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(issue.articles[0].byline.reporters, ["李明", "王海"]);
    assert!(subheadings(&issue.articles[0]).contains(&"摊位前排起长队"));
}

#[test]
fn signed_parts_under_a_series_title_however_their_headlines_are_set() {
    let one = |text: &str| {
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
        assert!(issue.leftovers.is_empty(), "{:#?}", issue.leftovers);
        issue.articles.into_iter().next().map(|a| a.headline.title).unwrap_or_default()
    };
    // a part's headline pointing to its photo
    let text = "节日一线·坚守岗位\n\n巡检管道 守护安全（见图）\n\n本报记者 李明摄影报道\n\n\
                除夕夜，巡检员沿着管道一站站检查。\n\n随车出行 保障平安\n\n王海 赵平\n\n\
                大年三十，列车机械师在车厢里巡视。\n";
    assert_eq!(one(text), "节日一线·坚守岗位");
    // a series title of two lines over the first part's, in one group
    let text = text.replace("节日一线·坚守岗位", "节日一线\n\n坚守岗位 服务群众");
    assert_eq!(one(&text), "坚守岗位 服务群众");
    // a title with its column's tag and a subtitle over the first part
    let text = "一线暗访 履职尽责（深度观察）\n\n——基层干部工作日见闻\n\n直奔现场查看实情\n\n\
                本报记者 李明\n\n检查组一早就出发了。\n\n翻山越岭督导工作\n\n本报记者 王海\n\n\
                山路弯弯，督导组走进村里。\n";
    assert_eq!(one(text), "一线暗访 履职尽责（深度观察）");
    // parts headed by the hour and the place over a quotation
    let text = "节后第一天 干劲足（基层观察）\n\n核心阅读\n\n节后第一天，干部们状态如何？\n\n\
                9时 城东街道服务中心\n\n“窗口准时开门，群众不用等”\n\n本报记者 李明\n\n\
                一大早，服务中心门口就排起了队。\n\n11时 城西煤矿\n\n“吃完饭接着下井”\n\n\
                王海 赵平\n\n矿工们换好工装，坐上了下井的车。\n\n15时 高新区路口\n\n\
                “今天车多，得盯紧点”\n\n本报记者 周阳\n\n路口车流不断，交警指挥着车辆。\n";
    assert_eq!(one(text), "节后第一天 干劲足（基层观察）");
}

#[test]
fn the_editors_signature_over_a_box_stays_in_its_article() {
    let text = "扶一把 走得稳（政策解读①）\n\n企业遇到了困难，政策如何帮一把？本版推出系列报道。\n\n——编  者\n\n\
                核心阅读\n\n减税降费，企业负担轻了。\n\n走进一家工厂，车间里机器轰鸣。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert!(subheadings(&issue.articles[0]).contains(&"——编者"));
}

#[test]
fn places_over_titles_are_the_parts_of_one_feature() {
    let text = "海外过大年\n\n世界各地举办活动，欢度中国春节。\n\n柏林\n\n音乐会奏响民乐\n\n\
                音乐厅里，乐团奏起二胡曲，台下观众跟着打拍子。\n\n悉尼\n\n港湾里舞龙舞狮\n\n\
                海边步道挂起红灯笼，小朋友学写福字。\n\n开罗\n\n尼罗河畔赏彩灯，孩子们提灯奔跑\n\n\
                日前，开罗市民在尼罗河边观赏彩灯，孩子们提着灯笼奔跑。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]).len(), 6);
}

#[test]
fn a_series_title_over_parts_under_place_labels_heads_them_all() {
    let text = "年货·灯会\n\n四川自贡\n\n千盏彩灯照古城\n\n本报记者 李明\n\n灯会开幕当晚，游人如织。\n\n\
                河北邢台\n\n老手艺扎出新花灯\n\n本报记者 王海\n\n作坊里，匠人们忙着扎灯架。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "年货·灯会");
    assert_eq!(a.paragraphs[0].text, "四川自贡");
    assert_eq!(a.byline.reporters, ["李明", "王海"]);
}

#[test]
fn a_numbered_chapter_heading_with_spaced_halves_stays_in_its_document() {
    let text = "城市发展规划纲要\n\n为推动城市高质量发展，编制本规划。\n\n第二节 建设生态廊道、完善绿地系统\n\n\
                沿河建设绿道，连通公园和郊野。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]), ["第二节建设生态廊道、完善绿地系统"]);
}

#[test]
fn a_line_after_credits_heads_the_next_article() {
    let text = "暑期档观察\n\n多部国产影片深受观众欢迎。\n\n制图：张晓\n\n讲好故事，让电影走进观众心里\n\n去年冬天，我们接到一个任务。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    assert_eq!(issue.articles[1].headline.title, "讲好故事，让电影走进观众心里");
}

#[test]
fn a_series_title_over_parts_with_lead_ins_heads_them_all() {
    let text = "节日走一线 岗位见真情\n\n城西火车站32名客运员——\n\n全员不休假\n\n早起迎旅客\n\n本报记者 钱立\n\n\
                大年初三，候车室里已坐满了人。\n\n湖北宜昌滨江社区——\n\n“这个年，过得踏实！”\n\n本报记者 吴桐\n\n\
                社区食堂里飘着饭菜香。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "节日走一线 岗位见真情");
    assert_eq!(a.paragraphs[0].text, "城西火车站32名客运员——");
    assert_eq!(a.byline.reporters, ["钱立", "吴桐"]);
}

#[test]
fn a_series_title_over_unsigned_parts_with_lead_ins_heads_them_all() {
    let text = "守在岗位上的人\n\n云南，高山气象站——\n\n“风雪再大，观测一次也不能少”\n\n\
                站里的三名观测员轮流值守，每小时记录一次数据。\n\n江苏，长江引航站——\n\n“船开到哪里，我们就守到哪里”\n\n\
                大年初一凌晨，引航员登上一艘货轮。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "守在岗位上的人");
    assert_eq!(a.paragraphs[0].text, "云南，高山气象站——");
    assert_eq!(subheadings(a).len(), 4);
}

#[test]
fn titled_items_under_a_briefs_label_are_one_article_until_a_long_text() {
    let long = "新操场铺上了塑胶跑道，孩子们第一次在平整的跑道上赛跑。".repeat(20);
    let text = format!(
        "新闻速递\n\n老街区改造完工\n\n本报讯 日前，城东老街区改造完工，二十栋楼换了新貌。\n\n（记者 王明）\n\n\
         社区食堂开业\n\n本报讯 社区食堂昨日开业，每天供应三餐。\n\n午餐有六个菜。\n\n晚餐有粥和面点。\n\n老人吃饭打八折。\n\n（记者 李华）\n\n山区学校的新操场\n\n{long}\n"
    );
    let issue = parse(&text);
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["新闻速递", "山区学校的新操场"], "{:#?}", issue.articles);
    assert_eq!(issue.articles[0].kind, crate::model::ArticleKind::Briefs);
    assert_eq!(subheadings(&issue.articles[0]), ["老街区改造完工", "社区食堂开业"]);
    assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
}

#[test]
fn a_series_title_with_an_introduction_heads_signed_parts_set_alike() {
    let text = "家乡的早点\n\n一碗热汤，一笼包子，是游子心里最长久的味道。\n\n\
                巷口“豆花摊”\n\n甜咸都相宜\n\n本报记者 周文\n\n天刚亮，摊主就支起了锅。\n\n\
                老街小笼包\n\n一口一个鲜\n\n本报记者 韩雪\n\n蒸笼一掀，热气扑面。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "家乡的早点");
    assert_eq!(a.byline.reporters, ["周文", "韩雪"]);
    assert_eq!(subheadings(a).len(), 4);
}

#[test]
fn sections_set_alike_with_dashed_subtitles_stay_in_their_article() {
    let text =
        "山乡十年\n\n十年来，山村的面貌变了。\n\n变化的山村\n\n——从泥巴路到柏油路\n\n过去进村只有一条泥巴路。\n\n\
                奋斗的人们\n\n——从外出打工到回乡创业\n\n越来越多的年轻人回到了村里。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]).len(), 4);
}

#[test]
fn a_series_title_heads_signed_parts_whose_titles_are_as_long() {
    let text = "社区里的新生活\n\n饭菜可口\n\n周文 韩雪\n\n社区食堂每天中午开饭。\n\n\
                健身方便\n\n本报记者 李明\n\n小区里新建了健身步道。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "社区里的新生活");
    assert_eq!(a.byline.reporters, ["周文", "韩雪", "李明"]);
    assert_eq!(subheadings(a), ["饭菜可口", "健身方便"]);
}

#[test]
fn a_title_over_its_subtitle_starts_an_article_on_the_same_theme() {
    let text = "社区养老新探索\n\n城东街道办起了社区食堂，老人吃饭不用愁。食堂每天供应午餐和晚餐，菜品荤素搭配。\
                街道还组织志愿者为行动不便的老人送餐上门。\n\n养老院里添了康复中心\n\n老人不出社区做理疗\n\n\
                城西的一家养老院新建了康复中心，老人可以在这里做理疗。院长介绍，康复中心配备了专业医生和护士。\n";
    let titles = |text: &str| -> Vec<String> { parse(text).articles.into_iter().map(|a| a.headline.title).collect() };
    assert_eq!(titles(text), ["社区养老新探索", "老人不出社区做理疗"]);
    // two halves of one parallel phrase are a sub-heading
    let text = text.replace("养老院里添了康复中心\n\n老人不出社区做理疗", "吃得放心\n\n吃得舒心");
    assert_eq!(titles(&text), ["社区养老新探索"]);
}

#[test]
fn short_sub_headings_set_alike_stay_in_their_article() {
    let text = "家乡三件宝\n\n说起家乡，人人都有话讲。\n\n一座桥\n\n石拱桥横跨小河，已有三百多年。\n\n\
                一口井\n\n井水清甜，夏天冰凉解暑。\n\n一棵树\n\n村口的老槐树要三个人才能合抱。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    assert_eq!(subheadings(&issue.articles[0]), ["一座桥", "一口井", "一棵树"]);
}

#[test]
fn a_series_label_heads_signed_parts_each_under_a_kicker_and_a_title() {
    let text = "节日走一线\n\n城东高铁站客运值班员坚守岗位保障旅客平安出行\n\n守好站台 送客回家\n\n本报记者 钱立\n\n\
                大年初三，候车室里已坐满了人。\n\n地铁车辆段里的“夜班组”\n\n守护每一趟列车\n\n本报记者 吴桐\n\n\
                凌晨一点，检修工还在车底忙碌。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "节日走一线");
    assert_eq!(a.byline.reporters, ["钱立", "吴桐"]);
}

#[test]
fn a_cartoons_credits_stay_with_it_and_close_it() {
    let text = "图说窗口服务\n\n努力改善服务，方能擦亮招牌。\n\n方  晓图  林  川文\n\n立足岗位抓好服务\n\n\
                服务是窗口单位的生命线，擦亮招牌靠的是服务。\n";
    let issue = parse(text);
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["图说窗口服务", "立足岗位抓好服务"], "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.byline.photographers, ["方晓"]);
    assert_eq!(a.paragraphs.last().map(|p| p.text.as_str()), Some("方晓图林川文"));
}

#[test]
fn a_document_title_over_its_date_starts_an_article() {
    let text = "乡村纪实\n\n改厕后，河水变清了。\n\n关于加强社区养老服务的意见\n\n（2023年3月1日）\n\n\
                为更好满足老年人的需求，现提出如下意见。\n\n一、总体要求\n\n坚持以人民为中心。\n";
    let issue = parse(text);
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert_eq!(titles, ["乡村纪实", "关于加强社区养老服务的意见"]);
    assert_eq!(subheadings(&issue.articles[1]), ["一、总体要求"]);
    // dated by the month, or in Chinese numerals, after a text on the same subject
    let text = "社区养老见闻\n\n社区养老服务中心开张了，老年人在这里吃饭、看病、聊天，养老服务更方便了。\n\n\
                关于加强社区养老服务的意见\n\n（2023年3月1日）\n\n\
                为更好满足老年人的养老服务需求，社区养老服务中心要方便老年人吃饭、看病，现提出如下意见。\n";
    for date in ["（2023年3月1日）", "（2023年3月）", "（二〇二三年三月一日）"] {
        let issue = parse(&text.replace("（2023年3月1日）", date));
        assert_eq!(issue.articles.len(), 2, "{date}: {:#?}", issue.articles);
    }
}

#[test]
fn a_box_label_keeps_its_title_in_the_article() {
    let text = "全国人大代表林秋\n\n她走遍山区调研乡村学校。\n\n记者手记\n\n多走路 听实话\n\n下基层，多走路；听民声，说实话。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
}

#[test]
fn sub_headings_in_as_many_spaced_parts_are_alike() {
    let text = "敬老月\n\n城市已迈入人口老龄化阶段。\n\n政府牵头  社会参与\n\n敬老活动如期举行。\n\n\
                有人陪伴  晚年更安心\n\n社区建立了助餐点。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
}

#[test]
fn a_box_goes_on_after_a_closing_note() {
    let text =
        "守护信息安全\n\n公安机关呼吁群众提高警惕。\n\n（文中漫画来自本报资料库）\n\n延伸阅读\n\n这些红线不能踩\n\n\
                案例一：内鬼窃取个人信息触犯刑法\n\n某员工利用职务便利窃取信息。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
}

#[test]
fn a_kicker_that_is_a_sentence_heads_a_new_article() {
    let text = "外国友人祝贺新年\n\n多国友人发来贺信，祝愿城市繁荣发展。\n\n\
                《山河新貌》摄影展览在全市各界群众中引起热烈反响——\n\n让美好生活看得见\n\n展览在观众中引起强烈反响，友人纷纷祝贺。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    assert_eq!(issue.articles[1].headline.title, "让美好生活看得见");
}

#[test]
fn a_title_with_its_column_tag_is_no_fragment() {
    // the line before it ends without a full stop, as credits do
    let text = "开卷有益\n\n书香满城，读书的人多了。\n\n林一文 周小石\n\n做一块发光的基石（时代楷模·奋斗者（上））\n\n\
                常听人说，平凡岗位也能发光。\n";
    let issue = parse(text);
    let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
    assert!(titles.contains(&"做一块发光的基石（时代楷模·奋斗者（上））"), "{titles:?}");
}

#[test]
fn a_closing_credit_compiled_from_reports_stays_the_last_paragraph() {
    // made-up text: a roundup closed by a credit naming the reports it draws on
    let text = "示例城市迎来降雪\n　　连日来，示例城市迎来降雪，各部门连夜除雪保畅通。\n　　公交线路今天上午恢复正常运行。\n　　（综合本报记者王甲、李乙、赵丙报道）\n另一篇示例报道的标题\n　　示例区今天举行了植树活动。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert!(a.byline.reporters.is_empty(), "{:?}", a.byline);
    assert!(a.paragraphs.last().is_some_and(|p| p.text.starts_with("（综合本报记者")), "{}", a.body());
    // flat, as text from a PDF page
    let flat = text.replace('　', "").replace('\n', "\n\n");
    let a = &parse(&flat).articles[0];
    assert!(a.byline.reporters.is_empty(), "{:?}", a.byline);
    assert!(a.body().contains("（综合本报记者王甲"), "{}", a.body());
}

#[test]
fn a_notices_signer_with_no_date_under_it_is_its_sign_off_not_the_next_headline() {
    // made-up notice closed by its formula and its signing body, then a report
    let text = "关于示例路段临时封闭施工的通告\n\n因道路改造需要，示例路将于1月10日起封闭施工，请过往车辆绕行。\n\n特此通告。\n\n\
                示例区建设管理委员会\n\n社区食堂开到家门口\n\n本报讯 近日，示例街道第三家社区食堂开门迎客。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    let notice = &issue.articles[0];
    assert_eq!(notice.byline.authors.first().map(|a| a.name.as_str()), Some("示例区建设管理委员会"));
    let next = &issue.articles[1];
    assert_eq!(next.headline.kicker, None);
    assert_eq!(next.headline.title, "社区食堂开到家门口");
    // with its date under it, as before
    let dated = parse(&text.replace("示例区建设管理委员会\n\n", "示例区建设管理委员会\n\n2024年1月5日\n\n"));
    assert_eq!(dated.articles.len(), 2, "{:#?}", dated.articles);
    assert_eq!(dated.articles[0].signed_date.as_deref(), Some("2024年1月5日"));
    assert_eq!(dated.articles[1].headline.kicker, None);
}

#[test]
fn a_writer_s_place_and_name_sign_a_text_and_never_head_the_next() {
    // made-up flat page of readers' letters: a signature under a title is
    // its byline; at the foot of a text, the text's last line
    let text = "公交站牌该更新了\n\n示例市东城区 王小明\n\n家门口的公交站牌多年未换，线路早已调整，站牌上却还是老样子。\n\n\
                希望有关部门尽快更新。\n\n示例县 李 丽\n\n菜市场早市何时开\n\n清晨，菜市场门口排起长队，居民们盼着早市早点开门。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    let (a, b) = (&issue.articles[0], &issue.articles[1]);
    assert_eq!(a.headline.title, "公交站牌该更新了");
    assert_eq!(a.byline.authors.first().map(|x| x.name.as_str()), Some("王小明"));
    let last = a.paragraphs.last().map(|p| p.text.split_whitespace().collect::<String>());
    assert_eq!(last.as_deref(), Some("示例县李丽"), "{:#?}", a.paragraphs);
    assert_eq!((b.headline.kicker.as_deref(), b.headline.title.as_str()), (None, "菜市场早市何时开"));
}

#[test]
fn a_headline_under_the_sentence_naming_who_attended_starts_a_report() {
    // The first report closes with who else attended; the next one, on the
    // same meeting's theme, shares many of its words.
    let text = "示例市长会见外国客人\n\n本报示例3月1日电 示例市长王甲今天在市政府会见外国客人，双方就示例市和友好城市的合作交换意见。\n\n\
                王甲表示，示例市愿同友好城市深化合作，推动经贸、文化交流。\n\n李乙、张丙参加会见。\n\n\
                示例市召开合作交流会议\n\n示例市长王甲今天主持召开会议，研究深化同友好城市的合作，推动经贸、文化交流。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    assert_eq!(issue.articles[1].headline.title, "示例市召开合作交流会议");
    assert!(issue.articles[0].body().ends_with("李乙、张丙参加会见。"), "{}", issue.articles[0].body());
}

#[test]
fn the_sentence_naming_who_attended_may_follow_the_lead() {
    assert!(super::names_attendees("国务院副总理王甲、国务委员李乙等参加会见。"));
    assert!(!super::names_attendees("会见后，王甲陪同客人参观了展览。"));
    // after the lead, text goes on: the line under it is no headline
    let text = "示例市长会见外国客人\n\n本报示例3月1日电 示例市长王甲今天在市政府会见外国客人。\n\n李乙参加会见。\n\n\
                王甲表示，示例市愿同友好城市深化合作。\n\n双方签署了合作协议。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 1, "{:#?}", issue.articles);
}

#[test]
fn a_headline_over_bulleted_points_and_a_dateline_starts_a_report() {
    // The second report shares the first one's theme; its headline stands
    // over two bulleted points that sum it up, then its dateline.
    let text = "示例市春节客流创新高\n\n本报示例2月10日电 示例市春节假期客流创新高，地铁、公交客流同比增长两成。\n\n\
                示例市交通部门表示，春节假期地铁、公交运行平稳。\n\n示例市春节消费红火\n\n■ 商场客流同比增长两成\n\n■ 餐饮收入超过十亿元\n\n\
                本报示例2月10日电 示例市春节假期消费红火，商场、地铁、公交客流同比增长两成。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    assert_eq!(issue.articles[1].headline.title, "示例市春节消费红火");
}

#[test]
fn a_line_under_a_datelined_report_on_an_uncut_page_starts_an_article() {
    // A report under a dateline has no sub-headings: the line after it,
    // though the next text shares its theme, heads an article of its own.
    let text = "示例市春季植树活动启动\n\n本报示例3月12日电 示例市春季义务植树活动今天启动，市民在城郊植树造林。\n\n\
                今年示例市计划新增造林面积一万亩，植树活动将持续到四月。\n\n城郊新添一片林\n\n\
                清晨，示例市城郊的植树现场人头攒动，市民们挥锹培土，新增造林面积的计划让市民干劲十足。\n";
    let issue = parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    assert_eq!(issue.articles[1].headline.title, "城郊新添一片林");
}

#[test]
fn a_markdown_section_over_deeper_headed_stories_is_their_column() {
    // a made-up web archive page: a summary, then a section of stories
    let text = "# 《示例新闻》 (20240105)\n\n## 内容提要\n\n今天的主要内容有两条。\n\n## 详细报道\n\n### 示例区新建口袋公园\n\n\
                示例区新建的三座口袋公园今天向市民开放。\n\n### 示例图书馆延长开放时间\n\n示例图书馆从下月起每天开放到晚上九点。\n\n\
                ## 天气\n\n明天多云。\n";
    let issue = crate::parse(text);
    let heads: Vec<(&str, Option<&str>)> =
        issue.articles.iter().map(|a| (a.headline.title.as_str(), a.column.as_deref())).collect();
    assert_eq!(
        heads,
        [
            ("内容提要", None),
            ("示例区新建口袋公园", Some("详细报道")),
            ("示例图书馆延长开放时间", Some("详细报道")),
            ("天气", None)
        ],
        "{:#?}",
        issue.articles
    );
    assert!(issue.articles[1].headline.subtitle.is_none() && issue.leftovers.is_empty(), "{:#?}", issue);
    // the section's heading is traced to its first story
    assert!(&text[issue.articles[1].span.start..issue.articles[1].span.end].starts_with("详细报道"));
    // a title over its subtitle a level deeper, then headings of that level: no section
    let parts = crate::parse(
        "## 示例区的口袋公园\n\n### ——示例区推进城市更新\n\n示例区新建了三座口袋公园。\n\n\
         ### 公园里的花\n\n公园里种了很多花草。\n\n### 公园里的路\n\n公园里铺了新的步道。\n",
    );
    assert_eq!(parts.articles[0].headline.title, "示例区的口袋公园", "{:#?}", parts.articles);
    assert!(parts.articles[0].headline.subtitle.is_some());
    assert!(parts.articles.iter().all(|a| a.column.is_none()), "{:#?}", parts.articles);
    // one story under a heading of a higher level: a kicker and its title, no section
    let one = crate::parse("## 示例区民生实事\n\n### 示例区新建口袋公园\n\n示例区新建的三座口袋公园今天向市民开放。\n");
    assert_eq!(one.articles.len(), 1);
    assert!(one.articles[0].column.is_none(), "{:#?}", one.articles[0]);
}

#[test]
fn a_line_that_is_only_a_link_says_where_the_story_came_from() {
    let text = "### 示例区新建口袋公园\n\n示例区新建的三座口袋公园今天向市民开放。\n\n\
                [查看原文](https://example.com/news/2024/01/05/a.shtml)\n\n### 示例图书馆延长开放时间\n\n\
                示例图书馆从下月起每天开放到晚上九点，详见[开放时间](https://example.com/hours)。\n";
    let issue = crate::parse(text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    let first = &issue.articles[0];
    assert_eq!(first.source.as_deref(), Some("https://example.com/news/2024/01/05/a.shtml"));
    assert_eq!(first.body(), "示例区新建的三座口袋公园今天向市民开放。");
    // a link inside a sentence is the sentence's: it stays as printed
    assert!(issue.articles[1].body().contains("[开放时间](https://example.com/hours)"));
    // a story whose text was lost: its headline and link are kept together, as printed
    let lost = crate::parse(&format!(
        "### 没有正文的报道\n\n[查看原文](https://example.com/b.shtml)\n\n{}",
        &text[text.find("### 示例图书馆").unwrap_or(0)..]
    ));
    assert_eq!(lost.articles.len(), 1, "{:#?}", lost.articles);
    assert!(lost.articles[0].source.is_none());
    assert_eq!(lost.leftovers.len(), 1);
    assert!(
        lost.leftovers[0].text.contains("没有正文的报道") && lost.leftovers[0].text.contains("example.com/b.shtml")
    );
}

#[test]
fn a_long_line_of_phrases_under_a_headline_is_its_subtitle() {
    // made-up flat page: a meeting's report under a headline and a subtitle
    // listing what the meeting did, phrases set apart, no pause mark
    let sub = "研究部署春耕生产和防汛准备工作 审议《示例市乡村振兴规划》《示例市河道管理办法》《示例市旧区改造方案》 市委书记王甲主持会议";
    let text = format!(
        "示例市委常委会召开会议\n\n{sub}\n\n会议指出，今年以来全市经济运行总体平稳，春耕生产有序推进。\n\n\
         会议强调，要压实责任，确保各项工作落到实处。\n\n公园里的春天\n\n清晨，公园里开满了花，游人来来往往。\n"
    );
    let issue = parse(&text);
    assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
    let a = &issue.articles[0];
    assert_eq!(a.headline.title, "示例市委常委会召开会议");
    assert!(a.headline.subtitle.as_deref().is_some_and(|s| s.ends_with("主持会议")), "{:?}", a.headline);
    assert!(a.body().starts_with("会议指出"), "{}", a.body());
    // the same line with a pause in it is running text
    let issue = parse(&text.replace("防汛准备工作 审议", "防汛准备工作，审议"));
    assert_eq!(issue.articles[0].headline.subtitle, None, "{:#?}", issue.articles);
    assert!(issue.articles[0].body().starts_with("研究部署"), "{}", issue.articles[0].body());
}
