//! The archive as the commands use it: the store (record of truth) and the
//! search index (derived from it) opened together and kept in step.
//!
//! The index remembers the last store change it applied; [`Archive::sync`]
//! applies the ones after it. A process killed between a store commit and
//! the index commit leaves the index behind, never ahead: the next `sync`
//! catches up. An index made by another version is rebuilt from the store.

use anyhow::{Context, Result};
use shuzibao_search::{IndexDoc, SearchError, SearchIndex};
use shuzibao_store::{ArticleRecord, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Name of the index folder inside the data folder.
pub const INDEX_DIR: &str = "index";

/// Issues indexed per index commit during a sync.
const SYNC_BATCH: usize = 500;

/// The store and its index.
pub struct Archive {
    /// The record of truth.
    pub store: Store,
    /// The search index.
    pub index: SearchIndex,
    dir: PathBuf,
}

impl Archive {
    /// Opens (creating if needed) the archive in `dir` and brings its index up to date.
    pub fn open(dir: &Path) -> Result<Archive> {
        let store = Store::open(dir).with_context(|| format!("opening the archive in {}", dir.display()))?;
        let index_dir = dir.join(INDEX_DIR);
        let index = match SearchIndex::open(&index_dir) {
            Ok(i) => i,
            Err(SearchError::SchemaMismatch) => {
                // derived data: made again from the store
                std::fs::remove_dir_all(&index_dir)
                    .with_context(|| format!("removing old index {}", index_dir.display()))?;
                SearchIndex::open(&index_dir)?
            }
            Err(e) => return Err(e).with_context(|| format!("opening the index in {}", index_dir.display())),
        };
        let mut archive = Archive { store, index, dir: dir.to_path_buf() };
        archive.sync()?;
        Ok(archive)
    }

    /// Waits for the index's background work and releases its writer.
    pub fn close(self) -> Result<()> {
        self.index.finish_writes()?;
        Ok(())
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Applies the store's changes since the index's last one. Returns how
    /// many issues were indexed again.
    pub fn sync(&mut self) -> Result<usize> {
        let applied = self.index.applied_change()?;
        let (issues, last) = self.store.changed_since(applied)?;
        if issues.is_empty() {
            return Ok(0);
        }
        let batches: Vec<&[i64]> = issues.chunks(SYNC_BATCH).collect();
        for (i, batch) in batches.iter().enumerate() {
            let docs = self.docs_of(batch)?;
            let ids: Vec<u64> = batch.iter().map(|&i| i as u64).collect();
            // only the last batch marks the changes as applied
            let mark = if i + 1 == batches.len() { last } else { applied };
            self.index.replace_issues(&ids, &docs, mark)?;
        }
        Ok(issues.len())
    }

    /// Rebuilds the index from the store. Returns the number of articles indexed.
    pub fn reindex(&mut self) -> Result<usize> {
        self.index.clear()?;
        let last = self.store.last_change()?;
        let issue_ids: Vec<i64> = self.store.issues()?.iter().map(|i| i.id).collect();
        let mut count = 0;
        let batches: Vec<&[i64]> = issue_ids.chunks(SYNC_BATCH).collect();
        for (i, batch) in batches.iter().enumerate() {
            let docs = self.docs_of(batch)?;
            count += docs.len();
            let ids: Vec<u64> = batch.iter().map(|&i| i as u64).collect();
            let mark = if i + 1 == batches.len() { last } else { 0 };
            self.index.replace_issues(&ids, &docs, mark)?;
        }
        if issue_ids.is_empty() {
            self.index.replace_issues(&[], &[], last)?;
        }
        Ok(count)
    }

    /// The index documents of some issues: one per article; an article
    /// continued on another page carries that page's text too, and the
    /// continuation is found through it rather than on its own.
    fn docs_of(&self, issues: &[i64]) -> Result<Vec<IndexDoc>> {
        let mut docs = Vec::new();
        let mut tails: HashMap<i64, ArticleRecord> = HashMap::new();
        for &issue in issues {
            for a in self.store.articles_of_issue(issue)? {
                if a.continues.is_some() {
                    continue; // indexed with its head
                }
                let mut body = a.body.clone();
                if let Some(tail_id) = a.continued_by {
                    let tail = match tails.get(&tail_id) {
                        Some(t) => t.clone(),
                        None => self.store.article(tail_id)?,
                    };
                    body.push('\n');
                    body.push_str(&tail.body);
                    tails.insert(tail_id, tail);
                }
                docs.push(index_doc(&a, body));
            }
        }
        Ok(docs)
    }
}

fn index_doc(a: &ArticleRecord, body: String) -> IndexDoc {
    let title = [a.kicker.as_deref(), Some(a.title.as_str()), a.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    IndexDoc {
        id: a.id as u64,
        issue: a.issue_id as u64,
        paper: a.paper.clone(),
        date: a.date,
        page: a.page,
        kind: a.kind.clone(),
        title,
        body,
        people: a.people(),
    }
}
