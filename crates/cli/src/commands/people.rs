//! `shuzibao people [NAME] [--post 区长 [--on DATE]]`: the people of the
//! archive, a person's posts and timeline, who held a post when.

use crate::cli::PeopleArgs;
use crate::exit::{Outcome, Status, UsageError};
use std::io::Write;

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "----------".into())
}

/// Runs the subcommand.
pub fn run(a: &PeopleArgs) -> Outcome {
    let store = super::open_store(&a.data)?;
    let mut out = std::io::stdout().lock();
    if let Some(post) = &a.post {
        let tenures = store.post_holders(post)?;
        if let Some(on) = &a.on {
            let on: chrono::NaiveDate =
                on.parse().map_err(|_| UsageError(format!("--on {on:?} is not a date like 2023-03-15")))?;
            let holder = store.holder_on(post, on)?;
            if a.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({"post": post, "on": on, "holder": holder, "tenures": tenures})
                    )?
                )?;
                return Ok(Status::Ok);
            }
            match &holder {
                Some(t) => writeln!(
                    out,
                    "{on} 的{post}：{}（档案中以此职务出现于 {} 至 {}）",
                    t.name,
                    day(t.first),
                    day(t.last)
                )?,
                None => writeln!(out, "档案中没有 {on} 或之前以“{post}”出现的人")?,
            }
        } else if a.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&tenures)?)?;
            return Ok(Status::Ok);
        }
        writeln!(out, "{post}，按时间：")?;
        for t in &tenures {
            writeln!(out, "  {} — {}  {}  ({} 次)", day(t.first), day(t.last), t.name, t.mentions)?;
        }
        return Ok(Status::Ok);
    }
    match &a.name {
        Some(name) => {
            let ids = store.person(name)?;
            if a.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&ids)?)?;
                return Ok(Status::Ok);
            }
            if ids.is_empty() {
                writeln!(out, "档案中没有 {name}")?;
                return Ok(Status::SomeFailed);
            }
            for (i, id) in ids.iter().enumerate() {
                writeln!(
                    out,
                    "{}{}{}",
                    if ids.len() > 1 { format!("[{}] ", i + 1) } else { String::new() },
                    id.name,
                    if id.roles.is_empty() { String::new() } else { format!("（{}）", id.roles.join("、")) }
                )?;
                if let Some(r) = &id.apart_because {
                    writeln!(out, "    另一人：{r}")?;
                }
                for p in &id.posts {
                    writeln!(out, "    {}  {} — {}  ({} 次)", p.post, day(p.first), day(p.last), p.count)?;
                }
                for m in &id.mentions {
                    writeln!(
                        out,
                        "      {}  {}  {}  [#{}]",
                        day(m.date),
                        m.post.as_deref().unwrap_or(""),
                        m.title,
                        m.article_id
                    )?;
                }
            }
        }
        None => {
            let list = store.people(None, a.limit)?;
            if a.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
                return Ok(Status::Ok);
            }
            for p in list {
                writeln!(
                    out,
                    "{:<8} {:>4} 篇  {} — {}  {}",
                    p.name,
                    p.articles,
                    day(p.first),
                    day(p.last),
                    p.latest_post.unwrap_or_default()
                )?;
            }
        }
    }
    Ok(Status::Ok)
}
