//! The articles of an issue the parser was least sure of — where it put
//! their boundaries, or what it took for their headline — least sure first,
//! for editors to check before the others (`shuzibao issues --doubtful`, the
//! API and the issue page an editor sees). An article an editor corrected
//! is certain (its confidence is 1) and so comes last.

use shuzibao_store::{Store, StoreError};
use std::cmp::Ordering;

/// One doubtful article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Doubtful {
    /// The article.
    pub id: i64,
    /// Its page (`2`, `A3`), if the page has a number.
    pub page: Option<String>,
    /// Its headline.
    pub title: String,
    /// Whether the headline was made from its first words (none printed).
    pub title_inferred: bool,
    /// The confidence in its boundaries.
    pub boundary: f32,
    /// The confidence in its headline.
    pub title_confidence: f32,
}

impl Doubtful {
    /// The lesser of its two confidences: what it is ranked by.
    pub fn least(&self) -> f32 {
        self.boundary.min(self.title_confidence)
    }
}

/// The `limit` least certain articles of `pages` (an issue's pages), least
/// certain first; ties in page order. Articles stored before confidences
/// were kept have none and are not listed.
pub fn doubtful_of(
    store: &Store,
    pages: &[shuzibao_store::IssueRecord],
    limit: usize,
) -> Result<Vec<Doubtful>, StoreError> {
    let mut list = Vec::new();
    for p in pages {
        for a in store.doubtful_articles(p.id, limit)? {
            let Some(c) = a.confidence else { continue };
            list.push(Doubtful {
                id: a.id,
                page: p.page_no().map(|n| n.to_string()),
                title: a.title,
                title_inferred: a.title_inferred,
                boundary: c.boundary,
                title_confidence: c.title,
            });
        }
    }
    // stable: equal ones stay in page order
    list.sort_by(|a, b| a.least().partial_cmp(&b.least()).unwrap_or(Ordering::Equal));
    list.truncate(limit);
    Ok(list)
}
