//! Search, then load: the index gives article ids, the store gives the
//! articles. One place for every caller (the command line, the web pages,
//! the API, the feeds), so that all of them treat an article replaced since
//! it was indexed (a concurrent ingest) the same way: it is left out of the
//! page of results, and the total says how many were left out.

use crate::error::ArchiveError;
use shuzibao_search::snippet::{snippet, Snippet};
use shuzibao_search::{Facets, SearchIndex, SearchRequest};
use shuzibao_store::{ArticleRecord, Store, StoreError};

/// One result: the article as stored, its score and a snippet.
#[derive(Debug, Clone)]
pub struct Found {
    /// The article.
    pub article: ArticleRecord,
    /// Relevance (0 when sorted by date).
    pub score: f32,
    /// The passage of its text that matches, marked.
    pub snippet: Snippet,
}

/// What a search found, loaded.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// How many articles match in all.
    pub total: usize,
    /// The requested page of them, as stored.
    pub hits: Vec<Found>,
    /// Hits of this page whose article was replaced since it was indexed.
    pub gone: usize,
    /// Facet counts, when asked for.
    pub facets: Option<Facets>,
    /// What the snippets mark.
    pub highlight: Vec<String>,
}

/// Runs `req` on `index` and loads each hit from `store`, with a snippet of
/// `snippet_chars` characters.
pub fn search(
    index: &SearchIndex,
    store: &Store,
    req: &SearchRequest,
    snippet_chars: usize,
) -> Result<Results, ArchiveError> {
    let highlight = req.query.highlights();
    let found = index.search(req)?;
    let mut out = Results { total: found.total, facets: found.facets, ..Results::default() };
    for h in &found.hits {
        match store.article(h.id as i64) {
            Ok(article) => {
                let snippet = snippet(&article.body, &highlight, snippet_chars);
                out.hits.push(Found { article, score: h.score, snippet });
            }
            // indexed but replaced since: the index will drop it at its next sync
            Err(StoreError::NotFound(_)) => out.gone += 1,
            Err(e) => return Err(e.into()),
        }
    }
    out.highlight = highlight;
    Ok(out)
}
