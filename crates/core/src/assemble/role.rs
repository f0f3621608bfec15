//! What a headline-like line is, given what stands around it: the start of
//! an article, a sub-heading, a piece of a sentence a column break cut, a
//! notice's 落款, or the headline of a feature's next part. Only the
//! decision (and the sign that made it, for the confidence); building the
//! drafts is `build.rs`, the parts of a feature `parts.rs`.

use super::*;

/// What a headline-like line turns out to be, given what stands around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadRole {
    /// It opens a new article.
    Start,
    /// A sub-heading inside the current article.
    Sub,
    /// A piece of a sentence that a column break cut off.
    Fragment,
    /// The signing body at the foot of a notice or letter (落款).
    SignOff,
    /// A headline group inside the current article, up to the index given
    /// (sub-headings set alike, or the headline of a feature's next part):
    /// its lines are sub-headings.
    Part(usize),
    /// The title, up to the index given, of the next letter in a column of
    /// readers' letters: the current article becomes the column (its label
    /// its title, each letter's title a sub-heading).
    Letter(usize),
}

impl Assembler<'_> {
    /// Whether what follows the group `i..j` marks it as an article's headline:
    /// a byline, a dateline, a continuation from another page.
    pub(super) fn strong_start(&self, i: usize) -> bool {
        let j = self.group_end(i);
        let k = self.bylines_end(j);
        if k > j {
            return true;
        }
        match self.units.get(k) {
            Some(u) if u.kind == UnitKind::Text || u.kind == UnitKind::Item => {
                starts_with_dateline(&u.text)
                    || opens_cut_dateline(&u.text)
                    || OPENING_BOXES.iter().any(|b| u.text.starts_with(b))
            }
            Some(u) if u.kind == UnitKind::BoxLabel => OPENING_BOXES.iter().any(|b| u.text.contains(b)),
            Some(u) => matches!(u.kind, UnitKind::ContinuedFrom(_)),
            None => false,
        }
    }

    pub(super) fn head_role(&self, i: usize) -> HeadRole {
        let u = &self.units[i];
        let Some(cur) = self.drafts.last() else {
            self.sign.set(Sign::First);
            return HeadRole::Start;
        };
        // An item's title in a column of briefs (`新闻速递` / title / text /
        // title / text): the column goes on while its items stay short and
        // titled (after bulleted items, a headline heads the next article).
        let in_briefs = matches!(self.column, Some((ArticleKind::Briefs, _))) && cur.column.is_some();
        let titled = cur.paras.is_empty() || cur.paras.iter().any(|p| p.role == ParagraphRole::Subheading);
        if in_briefs && titled && !cur.closed && u.level == 0 {
            let j = self.group_end(i);
            if self.brief_follows(j) {
                self.sign.set(Sign::BriefItem);
                return HeadRole::Part(j);
            }
        }
        if self.indent_mode && !cur.closed && u.level == 0 {
            // Indented: a paragraph (perhaps a sub-heading, even one with its
            // own byline in a feature of several parts). Not indented: a headline.
            self.sign.set(if u.indented { Sign::IndentedText } else { Sign::Unindented });
            return if u.indented { HeadRole::Sub } else { HeadRole::Start };
        }
        // a line that ends where no headline ends is a paragraph's first
        // piece, cut by a column break: text, never a sub-heading
        let text_follows = self.units.get(i + 1).is_some_and(|n| matches!(n.kind, UnitKind::Text | UnitKind::Head));
        // and so is a line whose next line goes on with its sentence (opens
        // with a mark no sentence opens with, or closes a bracket it did not open)
        let next_goes_on =
            self.units.get(i + 1).is_some_and(|n| n.kind == UnitKind::Text && cut::goes_on_from_cut_line(&n.text))
                || self.runs_on_at(i);
        let cut_here = cut::cut_at_column_end(&u.text) || next_goes_on;
        if !cur.closed && u.level == 0 && !u.bold && text_follows && cut_here {
            self.sign.set(Sign::OpenSentence);
            return HeadRole::Fragment;
        }
        // the headline printed again as the first line of its text (the
        // title of a document printed in full): a sub-heading of the text
        if cur.paras.is_empty() && !cur.closed && u.level == 0 && cur.heads.iter().any(|h| same_text(&h.text, &u.text))
        {
            self.sign.set(Sign::Repeat);
            return HeadRole::Sub;
        }
        // the editors signing their note (`——编 者`) close it, whatever follows
        if u.level == 0 && u.text.trim_start().starts_with('—') && is_editors_note(&u.text) && !cur.paras.is_empty() {
            self.sign.set(Sign::EditorsNote);
            return HeadRole::Sub;
        }
        if let Some(j) = self.next_part(cur, i).or_else(|| self.first_part(cur, i)) {
            self.sign.set(Sign::FeaturePart);
            return HeadRole::Part(j);
        }
        // the title of a box inside the text (`记者手记` / `真调研 说实话`)
        if i > 0 && self.units[i - 1].kind == UnitKind::BoxLabel && !cur.closed && !self.strong_start(i) {
            self.sign.set(Sign::BoxTitle);
            return HeadRole::Sub;
        }
        // a document's title over the date it was adopted, then its text
        let j = self.group_end(i);
        let dated = self.units.get(j).is_some_and(|d| DOCUMENT_DATE.is_match(d.text.trim()));
        if dated && self.units.get(j + 1).is_some_and(|t| t.kind == UnitKind::Text) {
            self.sign.set(Sign::DocumentTitle);
            return HeadRole::Start;
        }
        // An exclamation or a question closing a text, right over the next
        // article's headline and byline (`大伙儿都笑了！` / `渔村新港 渔船满载`
        // / `本报记者 …`), is the last sentence of the text, not a kicker.
        // Under a byline, one opens it.
        let under_byline = i > 0
            && matches!(self.units[i - 1].kind, UnitKind::Byline(_) | UnitKind::Names(_) | UnitKind::Signature(_));
        if !cur.closed && exclaims(&u.text) {
            let j = self.group_end(i);
            if !cur.paras.is_empty() && j > i + 1 && self.strong_start(i + 1) || under_byline && j == i + 1 {
                self.sign.set(Sign::Exclaim);
                return HeadRole::Fragment;
            }
        }
        // After a notice's closing formula (`特此通告。`), or at the foot of a
        // text under a notice's title, a short line naming no sentence is the
        // signing body (落款), even with no date under it: never the next
        // article's headline.
        if cur.byline.authors.is_empty()
            && !cur.ended
            && char_len(&u.text) <= SIGNER_CHARS
            && !ends_sentence(&u.text)
            && !has_column_tag(&u.text)
            && !cur.closed
            && u.level == 0
            && closes_notice(cur)
        {
            self.sign.set(Sign::FootLine);
            return HeadRole::SignOff;
        }
        if let Some(j) = self.next_letter(cur, i) {
            self.sign.set(Sign::FeaturePart);
            return HeadRole::Letter(j);
        }
        // as strong: bulleted points summing a report up over its dateline,
        // unless the sentence before is open (a point a column break cut)
        let points = || !cur.open && self.points_over_dateline(self.group_end(i));
        if cur.closed || u.level > 0 || self.strong_start(i) || points() {
            self.sign.set(Sign::Strong);
            return HeadRole::Start;
        }
        if cur.paras.is_empty() {
            // Under a headline or a column label whose text has not begun, a
            // line that did not join the headline group opens the text
            // (a summary, 提要); under a lone byline it is a headline, and
            // under a photo column's label it titles the first photo.
            let photo_label = cur.heads.is_empty() && matches!(self.column, Some((ArticleKind::Photo, _)));
            self.sign.set(Sign::UnderHead);
            return if (cur.heads.is_empty() && cur.column.is_none()) || photo_label {
                HeadRole::Start
            } else {
                HeadRole::Fragment
            };
        }
        // A short line with a date under it at the foot of a text: the 落款.
        if self.group_end(i) == i + 1
            && char_len(&u.text) <= 24
            && self.units.get(i + 1).is_some_and(|n| n.kind == UnitKind::Date)
        {
            self.sign.set(Sign::FootLine);
            return HeadRole::SignOff;
        }
        // A sentence cut by a column break does not end in a column's tag.
        if cur.open && !has_column_tag(&u.text) {
            self.sign.set(Sign::OpenSentence);
            return HeadRole::Fragment;
        }
        let j = self.group_end(i);
        // The line after a lead-in sub-heading (`城北小学三年级李小雨——`) is its second half.
        let after_lead_in = cur.paras.last().is_some_and(|p| p.role == ParagraphRole::Subheading)
            && cur.sub_shapes.last() == Some(&Shape::LeadIn);
        if after_lead_in {
            self.sign.set(Sign::AfterLeadIn);
            return HeadRole::Sub;
        }
        let group = &self.units[i..j];
        // A commentary (a title with its column's tag, `（…论）`) is short
        // and runs unbroken: a headline-like line after a commentary's full
        // length of text with no sub-heading heads the next article, even
        // when later lines are set like it (short articles that follow it).
        if !self.columns_cut && group.len() == 1 && self.commentary_done(cur, &u.text) {
            self.sign.set(Sign::CommentaryEnd);
            return HeadRole::Start;
        }
        // Of those short articles, each headline is set like the last one's.
        if !self.columns_cut && self.set_like_own_title(cur, group) {
            self.sign.set(Sign::CommentaryEnd);
            return HeadRole::Start;
        }
        if group.len() == 1 && self.opens_signed_parts(cur, i) {
            self.sign.set(Sign::FeaturePart);
            return HeadRole::Start;
        }
        let photo_column = matches!(self.column, Some((ArticleKind::Photo, _)));
        if !cur.ended && !photo_column && column_kind(&u.text).is_none() && self.has_sibling(cur, i, j) {
            self.sign.set(Sign::Sibling);
            return HeadRole::Part(j);
        }
        let subtitled = group.iter().skip(1).any(|g| g.text.starts_with('—'));
        let tagged = group.iter().any(|g| has_column_tag(&g.text));
        if subtitled || tagged {
            self.sign.set(Sign::Tagged);
            return HeadRole::Start;
        }
        if group.len() == 1 && has_spaced_halves(&u.text) && !is_enumerated(&u.text) {
            self.sign.set(Sign::SpacedHalves);
            return HeadRole::Start;
        }
        // A kicker ending in `——` over a title reads like a headline group,
        // unless the text after it stays on the article's subject; a kicker
        // that is a sentence of its own (`这场展览在全市各界群众中引起了热烈反响——`),
        // longer than a lead-in naming a person or a place, always does.
        let kicker = group.len() >= 2 && group[0].text.ends_with('—');
        let long_kicker = kicker && line_shape(&group[0].text).is_none();
        if long_kicker || kicker && cohesion(cur, &self.units[j..]) < 2.0 * NEW_TOPIC {
            self.sign.set(Sign::Kicker);
            return HeadRole::Start;
        }
        // After a closing byline, source or credits, or right under the
        // sentence naming who attended, even a line set like a sub-heading
        // (`讲好故事，让电影走进观众心里`) heads the next article.
        if cur.ended || self.under_attendees(cur, i) {
            self.sign.set(Sign::AfterEnd);
            return HeadRole::Start;
        }
        // A report under a dateline sets its sub-headings, if any, one line
        // each: a group of two headline lines or more (a kicker over a
        // title) before its first sub-heading heads the next report.
        if self.report_without_subheadings(cur) && group.len() >= 2 {
            self.sign.set(Sign::ReportHead);
            return HeadRole::Start;
        }
        if u.bold || looks_like_subheading(&u.text) {
            self.sign.set(Sign::SubLook);
            return HeadRole::Sub;
        }
        if column_kind(&u.text).is_some() {
            self.sign.set(Sign::ColumnLabel);
            return HeadRole::Start;
        }
        if let Some((ArticleKind::Photo, _)) = self.column {
            self.sign.set(Sign::PhotoColumn);
            return HeadRole::Start;
        }
        // A short caption that opens with its date: a photo with its title.
        if self.caption_follows(j) && self.units.get(j).is_some_and(|n| DATED.is_match(&n.text)) {
            self.sign.set(Sign::Caption);
            return HeadRole::Start;
        }
        // No sign either way: a text that goes on about the same things is
        // the same article under a sub-heading; one that shares next to no
        // words with it is a new article (lexical cohesion). The reports of
        // one page often share a theme, so a text whose first sentence says
        // when and where, as a report's lead does, may share more.
        // So may a title over its subtitle (both are read only when needed),
        // and, a little more, a line set unlike the article's sub-headings.
        let c = cohesion(cur, &self.units[j..]);
        self.sign.set(Sign::Cohesion(c));
        let lead = || self.units.get(j).is_some_and(|n| n.kind == UnitKind::Text && opens_as_lead(&n.text));
        // A report under a dateline (`本报北京3月1日电`) is not cut into parts:
        // its first line left to cohesion heads the next article (unless
        // column breaks cut the page's paragraphs: then it is often a piece).
        let report = self.report_without_subheadings(cur) && !self.columns_cut;
        if report
            || c < NEW_TOPIC
            || c < 2.0 * NEW_TOPIC && (lead() || reads_as_title_pair(group))
            || c < 2.5 * NEW_TOPIC && set_unlike_subheadings(cur, &u.text)
        {
            return HeadRole::Start;
        }
        HeadRole::Sub
    }

    /// Whether `cur` is a commentary under a title with a column tag that
    /// has run a commentary's length (several paragraphs, most of a thousand
    /// characters) with no sub-heading, so that `line`, set as a headline
    /// (not a closing exclamation or question, a credit, a signer's name),
    /// heads the next article.
    pub(super) fn commentary_done(&self, cur: &Draft, line: &str) -> bool {
        const PARAGRAPHS: usize = 6;
        const CHARS: usize = 750;
        let tagged = cur.heads.iter().any(|h| has_column_tag(&h.text));
        // a summary (提要) set under the title may be a sub-heading: not counted
        let subheaded = cur.paras.iter().skip(1).any(|p| p.role == ParagraphRole::Subheading);
        if !tagged || subheaded || cur.dateline.is_some() || cur.ended {
            return false;
        }
        let text: Vec<&Paragraph> = cur.paras.iter().filter(|p| p.role == ParagraphRole::Text).collect();
        let chars: usize = text.iter().map(|p| char_len(&p.text)).sum();
        let t = line.trim();
        let name = char_len(t) <= 4 && crate::lexicon::has_surname(t);
        text.len() >= PARAGRAPHS && chars >= CHARS && !exclaims(t) && !t.contains(['：', ':']) && !name
    }

    /// Whether `cur` is one of the short articles after a commentary (it
    /// was started so), with no sub-heading, and `group` is one line set
    /// like its own one-line headline: the next of them.
    pub(super) fn set_like_own_title(&self, cur: &Draft, group: &[Unit]) -> bool {
        let [line] = group else { return false };
        let [own] = cur.heads.as_slice() else { return false };
        let subheaded = cur.paras.iter().any(|p| p.role == ParagraphRole::Subheading);
        if cur.start != Sign::CommentaryEnd || subheaded || cur.paras.is_empty() {
            return false;
        }
        match (line_shape(&own.text), line_shape(&line.text)) {
            (Some(a), Some(b)) => sibling_alike(&a, &b),
            _ => false,
        }
    }

    /// Whether `cur` is a report under a dateline (`本报北京3月1日电`) with
    /// no sub-heading so far.
    pub(super) fn report_without_subheadings(&self, cur: &Draft) -> bool {
        cur.dateline.is_some() && !cur.paras.iter().any(|p| p.role == ParagraphRole::Subheading)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ParagraphRole;
    use crate::parse;

    #[test]
    fn a_kicker_over_a_title_inside_a_report_heads_the_next_report() {
        // made-up flat page: a report under a dateline, then a second one whose
        // headline is a kicker (a sentence with a comma) over a short title
        let text = "示例市春耕生产全面展开\n\n本报示例2月3日电（记者王甲）连日来，示例市各地抢抓农时，春耕生产全面展开。\n\n\
                    各地农技人员深入田间地头，指导农民科学种田，确保不误农时。\n\n\
                    示例县推广节水灌溉，亩均用水下降三成\n\n田间地头“节水账”\n\n\
                    清晨，示例县的农田里，滴灌带正在有序运转。\n\n“以前大水漫灌，现在一滴水都不浪费。”种粮大户李乙说。\n";
        let issue = parse(text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "田间地头“节水账”");
        assert!(issue.articles[0].paragraphs.iter().all(|p| p.role != ParagraphRole::Subheading));
    }

    #[test]
    fn a_dash_line_over_a_closing_byline_names_who_spoke_the_text_above() {
        // made-up flat page: a speech's words, who said them, the note of who
        // took them down, then the next article
        let text = "小事办好 大事办实（声音）\n\n办实事，要从群众最关心的事情做起，一件接着一件办。\n\n\
                    要让每一项举措都经得起群众检验。\n\n——示例市市长王甲日前在市政府全体会议上说\n\n\
                    （本报记者李乙整理）\n\n公园里的春天\n\n清晨，公园里开满了花，游人来来往往。\n";
        let issue = parse(text);
        assert!(issue.leftovers.is_empty(), "{:?}", issue.leftovers);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        let a = &issue.articles[0];
        assert!(a.body().ends_with("——示例市市长王甲日前在市政府全体会议上说"), "{}", a.body());
        assert_eq!(issue.articles[1].headline.title, "公园里的春天");
    }

    #[test]
    fn a_headline_line_after_a_whole_commentary_heads_the_next_article() {
        // made-up flat page: a commentary under a title with its column's tag,
        // six paragraphs and no sub-heading, then a short report on the same
        // theme under a one-line headline (it shares many of its words)
        let para = |lead: &str| {
            format!(
                "{lead}社区书屋开在家门口，居民下楼就能借书读书，老人孩子都爱来。\
                 书屋里的图书要常换常新，管理要跟上，服务要贴心，让书屋真正成为居民的精神家园。\
                 各地在建设社区书屋时，要多听居民意见，把好事办好、实事办实。\
                 有的书屋还开展读书会、亲子阅读等活动，办得有声有色。\n\n"
            )
        };
        let mut text = String::from("让社区书屋亮起来（示例论）\n\n");
        for lead in ["近年来，", "有居民说，", "也要看到，", "说到底，", "建好书屋，", "归根结底，"]
        {
            text.push_str(&para(lead));
        }
        text.push_str(
            "村里的书屋热闹了\n\n走进示例村的书屋，十几位村民正在读书，孩子们围坐在一起看图书。\n\n\
             村支书说，书屋的图书常换常新，村民下地回来就来借书。\n",
        );
        let issue = parse(&text);
        assert_eq!(issue.articles.len(), 2, "{:#?}", issue.articles);
        assert_eq!(issue.articles[1].headline.title, "村里的书屋热闹了");
        assert!(issue.articles[0].paragraphs.iter().all(|p| p.role != ParagraphRole::Subheading));
    }

    #[test]
    fn short_articles_set_alike_after_a_commentary_are_articles_not_its_parts() {
        // made-up flat page: a commentary with its column's tag, then three
        // short pieces on the same theme under one-line titles set alike
        let mut text = String::from("春天里的好日子（示例论）\n\n");
        for lead in ["新春佳节，", "这些年来，", "走进乡村，", "说到底，", "放眼各地，", "新的一年，"]
        {
            text.push_str(&format!(
                "{lead}家家户户的日子越过越红火，村里的路宽了，灯亮了，水清了，乡亲们的笑容也多了。\
                 好日子是干出来的，每一份幸福的背后，都有一代代人的辛勤奋斗。\
                 我们要珍惜今天的好日子，撸起袖子加油干，把家乡建设得更加美好。\
                 只要大家心往一处想、劲往一处使，明天的日子一定会更好。\n\n"
            ));
        }
        text.push_str(
            "村口修了新路\n\n示例村的新路修到了家门口，乡亲们出门再也不怕下雨天。\n\n\
             村民王甲说，路通了，日子也越过越红火。\n\n\
             村里开了书屋\n\n示例村的书屋开张了，乡亲们闲下来就来读书看报。\n\n\
             村民李乙说，书屋让村里的日子更有滋味。\n\n\
             河边建了公园\n\n示例村的河边建起了公园，乡亲们傍晚都来散步。\n\n\
             村民张丙说，河水清了，村里的日子更美好。\n",
        );
        let issue = parse(&text);
        let titles: Vec<&str> = issue.articles.iter().map(|a| a.headline.title.as_str()).collect();
        assert_eq!(titles, ["春天里的好日子（示例论）", "村口修了新路", "村里开了书屋", "河边建了公园"]);
    }
}
