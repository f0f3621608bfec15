//! People across the archive (人物): one record per real person, with the
//! posts they held over time, and who held a post on a given day.
//!
//! Mentions of a name are grouped into identities by the organisations of
//! their posts: `区委书记` and `徐汇区委书记` are one person; the same name
//! with posts at organisations that have nothing in common (`临港集团董事长`
//! and `区委书记`) is kept apart, with the reason. Mentions without a post
//! join the person most often mentioned under that name; reporters,
//! photographers and correspondents of the paper form their own identity.

use crate::db::{p, Backend};
use crate::error::StoreError;
use crate::{meta, set_meta, Store};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use shuzibao_core::lexicon::post_ending;
use shuzibao_people::entities::PersonRole;

// How mentions keep their kind, role and date (schema 7): small integers.
/// The kind of a person's mention.
pub(crate) const KIND_PERSON: i64 = 1;
/// The kind of an organisation's mention.
pub(crate) const KIND_ORGANIZATION: i64 = 2;
/// The kind of a place's mention.
pub(crate) const KIND_PLACE: i64 = 3;
/// The kind of an event's mention.
pub(crate) const KIND_EVENT: i64 = 4;

/// A day as mentions keep it: yyyymmdd.
pub(crate) fn day_code(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// The day of a [`day_code`].
pub(crate) fn day_of_code(code: Option<i64>) -> Option<NaiveDate> {
    let n = code?;
    NaiveDate::from_ymd_opt((n / 10_000) as i32, (n / 100 % 100) as u32, (n % 100) as u32)
}

/// A role as mentions keep it: none when only named.
pub(crate) fn role_code(role: PersonRole) -> Option<i64> {
    match role {
        PersonRole::Mentioned => None,
        PersonRole::Reporter => Some(1),
        PersonRole::Photographer => Some(2),
        PersonRole::Correspondent => Some(3),
        PersonRole::Author => Some(4),
    }
}

/// The role of a mention, by name, in SQL (of a table aliased `m`).
const ROLE_NAME: &str = "CASE m.role WHEN 1 THEN 'reporter' WHEN 2 THEN 'photographer' WHEN 3 THEN 'correspondent'
     WHEN 4 THEN 'author' ELSE 'mentioned' END";

/// One mention of a person in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRecord {
    /// The article.
    pub article_id: i64,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// The post written with the name there.
    pub post: Option<String>,
    /// mentioned, reporter, photographer, correspondent, author.
    pub role: String,
}

/// A post held, as the archive saw it: first and last mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostSpan {
    /// The post as written.
    pub post: String,
    /// First mention with it.
    pub first: Option<NaiveDate>,
    /// Last mention with it.
    pub last: Option<NaiveDate>,
    /// Mentions with it.
    pub count: usize,
}

/// One real person behind a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The name.
    pub name: String,
    /// Organisations of the posts (what tells this person from another of the same name).
    pub orgs: Vec<String>,
    /// Posts held, in order of first mention.
    pub posts: Vec<PostSpan>,
    /// Roles in the paper's bylines (记者, 摄影), if any.
    pub roles: Vec<String>,
    /// Every mention, oldest first.
    pub mentions: Vec<MentionRecord>,
    /// Why this identity is kept apart from the first one of the name.
    pub apart_because: Option<String>,
}

/// A name and how much the archive has of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonSummary {
    /// The name.
    pub name: String,
    /// Articles that name them.
    pub articles: i64,
    /// First mention.
    pub first: Option<NaiveDate>,
    /// Last mention.
    pub last: Option<NaiveDate>,
    /// The post of the last mention with one.
    pub latest_post: Option<String>,
}

/// A stretch of time in which one person held a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenure {
    /// Who.
    pub name: String,
    /// The post as written.
    pub post: String,
    /// First mention with it.
    pub first: Option<NaiveDate>,
    /// Last mention with it before someone else was mentioned with it.
    pub last: Option<NaiveDate>,
    /// Mentions in this stretch.
    pub mentions: usize,
}

/// The organisation parts of a post: `徐汇区委副书记、区长` → `徐汇区委`.
pub fn post_orgs(post: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in post.split('、') {
        let org = match post_ending(part) {
            Some(end) => part.strip_suffix(end).unwrap_or(part),
            None => part,
        };
        let org = org.trim_end_matches(['副', '常', '务', '总']);
        if org.chars().count() >= 2 && !out.iter().any(|o: &String| o == org) {
            out.push(org.to_string());
        }
    }
    out
}

/// Two organisations are the same, or one is part of the other, when one
/// name holds the other once the place is left off (`区委` and `徐汇区委`).
fn orgs_agree(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    // the party committee, government and congress of a place are the place
    let core = |o: &str| {
        let mut s = o.to_string();
        for tail in ["人民政府", "政府", "党委", "党组", "人大常委会", "政协", "委"] {
            if let Some(t) = s.strip_suffix(tail).filter(|t| !t.is_empty()) {
                s = t.to_string();
                break;
            }
        }
        s
    };
    a.iter().any(|x| {
        b.iter().any(|y| {
            let (x, y) = (core(x), core(y));
            x.contains(y.as_str()) || y.contains(x.as_str())
        })
    })
}

/// Whether a post names `wanted` itself, not its deputy: `区长` in
/// `区委副书记、区长` but not in `副区长`.
pub fn post_is(post: &str, wanted: &str) -> bool {
    post.split('、').any(|part| {
        part.strip_suffix(wanted).is_some_and(|before| !before.ends_with('副') && !before.ends_with("常务"))
    })
}

impl MentionRecord {
    /// The role in Chinese when the person wrote or photographed the
    /// article (记者, 摄影, 通讯员); `None` when only named in it.
    pub fn role_label(&self) -> Option<&'static str> {
        role_label(&self.role)
    }
}

fn role_label(role: &str) -> Option<&'static str> {
    match role {
        "reporter" => Some("记者"),
        "photographer" => Some("摄影"),
        "correspondent" => Some("通讯员"),
        _ => None,
    }
}

/// Every person whose name matches `condition` (on `m.name`, with ?1),
/// counted from the mentions: name, articles, first and last date, latest
/// post; the most named first.
fn people_sql(backend: Backend, condition: &str) -> String {
    // (a post of no date is the oldest: SQLite sorts NULL first; of two on
    // the latest day, the first article's, on both backends)
    let latest = match backend {
        Backend::Sqlite => "n.date DESC, n.article_id",
        Backend::Postgres => "n.date DESC NULLS LAST, n.article_id",
    };
    format!(
        "SELECT m.name, count(*), min(m.date), max(m.date),
                (SELECT n.post FROM mentions n WHERE n.kind = 1 AND n.name = m.name AND n.post IS NOT NULL
                 ORDER BY {latest} LIMIT 1)
         FROM mentions m WHERE m.kind = 1 AND m.name {condition}
         GROUP BY m.name ORDER BY count(*) DESC, m.name"
    )
}

/// Up to this many issues new since the summary of people was counted, only
/// their people are counted again; beyond, or when an issue was replaced,
/// everyone is.
const PEOPLE_BY_NAME: usize = 2_000;

impl Store {
    /// The names the segmenter should take as words: people named in two
    /// articles or more, of three characters or more, the most named first
    /// (at most `limit`). Read from the summary of people while it is
    /// current, counted from the mentions otherwise (nothing is written).
    pub fn names_to_learn(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let sql = if self.people_current()? {
            "SELECT name FROM people_summary WHERE articles >= 2 AND length(name) >= 3
             ORDER BY articles DESC, name LIMIT ?1"
                .to_string()
        } else {
            format!(
                "SELECT name FROM ({}) AS counted WHERE length(name) >= 3 AND count_of >= 2 LIMIT ?1",
                people_sql(self.db.backend(), "LIKE '%'").replacen("count(*),", "count(*) AS count_of,", 1)
            )
        };
        self.db.query(sql, p![limit], |r| r.get(0))
    }

    /// Whether the summary of people was counted at the archive's last change.
    fn people_current(&self) -> Result<bool, StoreError> {
        Ok(self.people_counted_at()?.as_deref() == Some(self.last_change()?.to_string().as_str()))
    }

    /// Counts the summary of every person again (articles, first and last
    /// date, latest post) if the archive changed since it was last counted:
    /// only the people of the new issues when nothing else changed.
    /// [`Store::people`] reads it while it is current, and counts from the
    /// mentions otherwise.
    pub fn refresh_people(&mut self) -> Result<(), StoreError> {
        let last = self.last_change()?;
        let counted = self.people_counted_at()?.and_then(|v| v.parse::<i64>().ok());
        if counted == Some(last) {
            return Ok(());
        }
        // when the issues since are all new, only their people can have changed
        let mut names = None;
        if let Some(at) = counted {
            let changes = self.changes_after(at, PEOPLE_BY_NAME + 1)?;
            if changes.len() <= PEOPLE_BY_NAME && changes.iter().all(|c| c.first) {
                let mut found = std::collections::BTreeSet::new();
                for c in &changes {
                    for name in self.db.query(MENTIONED_IN_ISSUE, p![c.issue_id], |r| r.get::<String>(0))? {
                        found.insert(name);
                    }
                }
                names = Some(found);
            }
        }
        let tx = self.db.transaction()?;
        let backend = tx.backend();
        // (a person counted before is counted again: replaced)
        let insert = |condition: &str| match backend {
            Backend::Sqlite => format!(
                "INSERT OR REPLACE INTO people_summary (name, articles, first, last, latest_post) {}",
                people_sql(backend, condition)
            ),
            Backend::Postgres => format!(
                "INSERT INTO people_summary (name, articles, first, last, latest_post) {}
                 ON CONFLICT (name) DO UPDATE SET articles = excluded.articles, first = excluded.first,
                     last = excluded.last, latest_post = excluded.latest_post",
                people_sql(backend, condition)
            ),
        };
        match names {
            Some(names) => {
                let sql = insert("= ?1");
                for name in &names {
                    tx.execute(&sql, p![name])?;
                }
            }
            None => {
                tx.execute("DELETE FROM people_summary", p![])?;
                tx.execute(insert("LIKE ?1"), p!["%"])?;
            }
        }
        set_meta(&tx, "people", &last.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// The change at which the summary of people was counted.
    fn people_counted_at(&self) -> Result<Option<String>, StoreError> {
        meta(&self.db, "people")
    }

    /// People named in the archive, the most often named first; names
    /// starting with `prefix` when given.
    pub fn people(&self, prefix: Option<&str>, limit: usize) -> Result<Vec<PersonSummary>, StoreError> {
        let pattern = format!("{}%", prefix.unwrap_or("").replace(['%', '_'], ""));
        let sql = if self.people_current()? {
            "SELECT name, articles, first, last, latest_post FROM people_summary WHERE name LIKE ?1
             ORDER BY articles DESC, name LIMIT ?2"
                .to_string()
        } else {
            format!("{} LIMIT ?2", people_sql(self.db.backend(), "LIKE ?1"))
        };
        self.db.query(sql, p![pattern, limit], |r| {
            Ok(PersonSummary {
                name: r.get(0)?,
                articles: r.get(1)?,
                first: day_of_code(r.get(2)?),
                last: day_of_code(r.get(3)?),
                latest_post: r.get(4)?,
            })
        })
    }

    /// Every mention of a name, oldest first.
    pub fn mentions_of(&self, name: &str) -> Result<Vec<MentionRecord>, StoreError> {
        // (a mention of no date first, as SQLite sorts NULL)
        let nulls = match self.db.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " NULLS FIRST",
        };
        let sql = format!(
            "SELECT m.article_id, a.title, m.date, m.post, {ROLE_NAME}
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.kind = 1 AND m.name = ?1 ORDER BY m.date{nulls}, m.article_id"
        );
        self.db.query(sql, p![name], |r| {
            Ok(MentionRecord {
                article_id: r.get(0)?,
                title: r.get(1)?,
                date: day_of_code(r.get(2)?),
                post: r.get(3)?,
                role: r.get(4)?,
            })
        })
    }

    /// The real people behind a name, the most mentioned first.
    pub fn person(&self, name: &str) -> Result<Vec<Identity>, StoreError> {
        Ok(identities(name, self.mentions_of(name)?))
    }

    /// Who held a post over time: stretches of mentions of one person with
    /// that post (not its deputy), oldest first.
    pub fn post_holders(&self, post: &str) -> Result<Vec<Tenure>, StoreError> {
        let pattern = format!("%{}%", post.replace(['%', '_'], ""));
        let rows: Vec<(String, String, Option<i64>)> = self.db.query(
            "SELECT name, post, date FROM mentions
             WHERE kind = 1 AND post LIKE ?1 AND date IS NOT NULL ORDER BY date, name",
            p![pattern],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut tenures: Vec<Tenure> = Vec::new();
        for (name, written, date) in rows {
            if !post_is(&written, post) {
                continue;
            }
            let date = day_of_code(date);
            match tenures.last_mut() {
                Some(t) if t.name == name => {
                    t.last = date.max(t.last);
                    t.mentions += 1;
                }
                _ => tenures.push(Tenure { name, post: post.to_string(), first: date, last: date, mentions: 1 }),
            }
        }
        Ok(tenures)
    }

    /// Who held a post on a day, as the archive tells: the last holder
    /// mentioned with it on or before that day.
    pub fn holder_on(&self, post: &str, day: NaiveDate) -> Result<Option<Tenure>, StoreError> {
        Ok(self.post_holders(post)?.into_iter().rfind(|t| t.first.is_some_and(|f| f <= day)))
    }

    /// The people named in each article of an issue: (article, names).
    pub fn people_of_issue(&self, issue_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        // made distinct and ordered here: SQLite compiles such a query again
        // at every run (see `Store::articles_of_issue`)
        let mut rows: Vec<(i64, String)> =
            self.db.query(PEOPLE_OF_ISSUE, p![issue_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.sort_unstable();
        rows.dedup();
        Ok(rows)
    }

    /// The organisations, places and events named in an article.
    pub fn things_of_article(&self, article_id: i64) -> Result<Vec<(String, String)>, StoreError> {
        self.db.query(
            "SELECT CASE kind WHEN 2 THEN 'organization' WHEN 3 THEN 'place' ELSE 'event' END, name FROM mentions
             WHERE article_id = ?1 AND kind != 1 ORDER BY kind, seq",
            p![article_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The people named in an article, with the post written there.
    pub fn people_of_article(&self, article_id: i64) -> Result<Vec<(String, Option<String>, String)>, StoreError> {
        self.db.query(
            format!(
                "SELECT m.name, m.post, {ROLE_NAME} FROM mentions m WHERE m.article_id = ?1 AND m.kind = 1 ORDER BY m.seq"
            ),
            p![article_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }
}

/// Groups the mentions of one name into identities.
pub fn identities(name: &str, mentions: Vec<MentionRecord>) -> Vec<Identity> {
    let mut ids: Vec<Identity> = Vec::new();
    let new = |apart: Option<String>| Identity {
        name: name.to_string(),
        orgs: Vec::new(),
        posts: Vec::new(),
        roles: Vec::new(),
        mentions: Vec::new(),
        apart_because: apart,
    };
    let mut bylines = new(None);
    let mut unplaced = Vec::new();
    for m in mentions {
        if let Some(label) = role_label(&m.role) {
            if !bylines.roles.iter().any(|r| r == label) {
                bylines.roles.push(label.to_string());
            }
            bylines.mentions.push(m);
            continue;
        }
        let orgs = m.post.as_deref().map(post_orgs).unwrap_or_default();
        if m.post.is_none() {
            unplaced.push(m);
            continue;
        }
        let slot = ids.iter().position(|i| orgs_agree(&i.orgs, &orgs));
        let id = match slot {
            Some(k) => &mut ids[k],
            None => {
                let reason = ids.first().map(|first| {
                    format!(
                        "同名，但职务所属单位不同：“{}” 与 “{}”",
                        first.posts.first().map(|p| p.post.as_str()).unwrap_or(""),
                        m.post.as_deref().unwrap_or("")
                    )
                });
                ids.push(new(reason));
                let last = ids.len() - 1;
                &mut ids[last]
            }
        };
        for o in orgs {
            if !id.orgs.contains(&o) {
                id.orgs.push(o);
            }
        }
        if let Some(post) = &m.post {
            match id.posts.iter_mut().find(|p| &p.post == post) {
                Some(p) => {
                    p.first = p.first.min(m.date).or(m.date);
                    p.last = p.last.max(m.date);
                    p.count += 1;
                }
                None => id.posts.push(PostSpan { post: post.clone(), first: m.date, last: m.date, count: 1 }),
            }
        }
        id.mentions.push(m);
    }
    // one name in one issue is one person holding several posts at once
    // (`区委书记` and the head of a working group)
    merge_same_issue(&mut ids);
    // mentions without a post go to the person most mentioned under the name
    if !unplaced.is_empty() {
        match ids.iter_mut().max_by_key(|i| i.mentions.len()) {
            Some(id) => id.mentions.extend(unplaced),
            None => {
                let mut id = new(None);
                id.mentions = unplaced;
                ids.push(id);
            }
        }
    }
    if !bylines.mentions.is_empty() {
        if !ids.is_empty() {
            bylines.apart_because = Some("本报记者、摄影或通讯员，与文中人物分开".to_string());
        }
        ids.push(bylines);
    }
    for id in &mut ids {
        id.mentions.sort_by(|a, b| a.date.cmp(&b.date).then(a.article_id.cmp(&b.article_id)));
    }
    ids.sort_by_key(|i| std::cmp::Reverse(i.mentions.len()));
    ids
}

/// Merges the identities that were named in the same issue.
fn merge_same_issue(ids: &mut Vec<Identity>) {
    let mut a = 0;
    while a < ids.len() {
        let mut b = a + 1;
        while b < ids.len() {
            let shared =
                ids[b].mentions.iter().any(|m| m.date.is_some() && ids[a].mentions.iter().any(|n| n.date == m.date));
            if shared {
                let other = ids.remove(b);
                let id = &mut ids[a];
                for o in other.orgs {
                    if !id.orgs.contains(&o) {
                        id.orgs.push(o);
                    }
                }
                for p in other.posts {
                    match id.posts.iter_mut().find(|q| q.post == p.post) {
                        Some(q) => {
                            q.first = q.first.min(p.first).or(q.first).or(p.first);
                            q.last = q.last.max(p.last);
                            q.count += p.count;
                        }
                        None => id.posts.push(p),
                    }
                }
                id.mentions.extend(other.mentions);
                // what was merged may now share an issue with one passed over
                b = a + 1;
            } else {
                b += 1;
            }
        }
        a += 1;
    }
    if let Some(first) = ids.first_mut() {
        first.apart_because = None;
    }
}

// A page's mentions are found through its articles (mentions have no index
// by page since schema 6: the table is kept by article); `+kind` keeps SQLite off the index of names,
// which would read every person's mention.
const MENTIONED_IN_ISSUE: &str =
    "SELECT name FROM mentions WHERE article_id IN (SELECT id FROM articles WHERE issue_id = ?1) AND +kind = 1";
const PEOPLE_OF_ISSUE: &str = "SELECT article_id, name FROM mentions
     WHERE article_id IN (SELECT id FROM articles WHERE issue_id = ?1) AND +kind = 1";

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: i64, date: &str, post: Option<&str>, role: &str) -> MentionRecord {
        MentionRecord {
            article_id: id,
            title: String::new(),
            date: date.parse().ok(),
            post: post.map(str::to_string),
            role: role.into(),
        }
    }

    #[test]
    fn org_parts_of_posts() {
        assert_eq!(post_orgs("徐汇区委副书记、区长"), ["徐汇区委"]);
        assert_eq!(post_orgs("临港集团党委书记、董事长"), ["临港集团党委"]);
        assert!(post_orgs("区长").is_empty());
    }

    #[test]
    fn deputies_are_not_the_post() {
        assert!(post_is("区委副书记、区长", "区长"));
        assert!(!post_is("副区长", "区长"));
        assert!(!post_is("区委常委、常务副区长", "区长"));
    }

    #[test]
    fn one_name_two_people_when_posts_disagree() {
        let ids = identities(
            "张伟",
            vec![
                m(1, "2023-01-01", Some("区委书记"), "mentioned"),
                m(2, "2023-02-01", Some("徐汇区委书记"), "mentioned"),
                m(3, "2023-03-01", Some("某某集团董事长"), "mentioned"),
                m(4, "2023-04-01", None, "mentioned"),
                m(5, "2023-05-01", None, "reporter"),
            ],
        );
        assert_eq!(ids.len(), 3, "{ids:#?}");
        assert_eq!(ids[0].mentions.len(), 3, "the district secretary, with the mention without a post");
        assert!(ids.iter().any(|i| i.apart_because.as_deref().is_some_and(|r| r.contains("集团"))));
        assert!(ids.iter().any(|i| i.roles == ["记者"]));
    }

    #[test]
    fn one_name_in_one_issue_is_one_person_with_several_posts() {
        let ids = identities(
            "张伟",
            vec![
                m(1, "2023-01-01", Some("区委书记"), "mentioned"),
                m(2, "2023-02-01", Some("区委书记"), "mentioned"),
                m(3, "2023-02-01", Some("主题教育领导小组组长"), "mentioned"),
                m(4, "2023-03-01", Some("某某集团董事长"), "mentioned"),
            ],
        );
        assert_eq!(ids.len(), 2, "{ids:#?}");
        assert_eq!(ids[0].mentions.len(), 3);
        assert_eq!(ids[0].posts.len(), 2);
        assert!(ids[0].apart_because.is_none() && ids[1].apart_because.is_some());
    }
}
