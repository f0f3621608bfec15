//! Chinese full-text search over the archive (检索).
//!
//! A tantivy index with, for the headline and for the whole text (headline
//! and body), two views: jieba words (for ranking; ordinal positions so
//! phrases and slop count words) and character bigrams (for matching: any
//! exact string is found, even where the segmenter cut it differently), plus
//! single characters for one-character queries. A string is looked up once,
//! in the whole text; the headline's views rank it higher where it is there.
//! Traditional and simplified characters fold together.
//! Filters (date, page, person, kind, paper), facets (year, month, person,
//! kind, page, paper) and sorting by relevance or date.
//!
//! The index is derived data: it holds article ids and what is needed to find
//! them, never the text to show (that comes from the store). It records, in
//! its commit payload, the last change of the store it has applied, so that a
//! process killed between the two catches up on the next start.
//!
//! This crate knows tantivy and the query language; not SQLite, not HTTP.

mod error;
mod exact;
mod excluded;
mod facets;
mod parallel;
pub mod query;
pub mod snippet;
pub mod tokenize;

pub use error::{QueryError, SearchError};
pub use query::{parse_query, parse_query_with, Clause, Query, Scope};
pub use shuzibao_core::segment::Segmenter;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, InvertedIndexRangeQuery, Occur, PhraseQuery,
    Query as TQuery, TermQuery,
};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::{
    DocAddress, Executor, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};
use tokenize::{bigrams, normalize, unigrams};

/// Memory the index writer may use before it writes a segment (shared by
/// its threads; taken as documents come, so a small write uses little).
/// Fewer, larger segments leave less to merge: 30,647 benchmark documents
/// ingest in 28.5–37.6 s (median 35.1) against 34.4–40.3 s (38.4) with
/// 128 MB, at 480–500 MB peak memory against 380–410.
const WRITER_MEMORY: usize = 400_000_000;

/// How long a writer waits for another process (an ingest, a server
/// writing an issue) to release the index before giving up.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Boost of a match in the headline over one in the body.
const TITLE_BOOST: f32 = 3.0;

/// One article as the index sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexDoc {
    /// The article's id in the store.
    pub id: u64,
    /// Its issue's id in the store (to replace an issue's articles at once).
    pub issue: u64,
    /// The paper's name.
    pub paper: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Page.
    pub page: Option<u32>,
    /// news, briefs, …
    pub kind: String,
    /// 引题, 主题 and 副题 together.
    pub title: String,
    /// The running text, with its continuation on another page, if any (a
    /// continuation is not indexed on its own: it is found through its head).
    pub body: String,
    /// Reporters, photographers, authors.
    pub people: Vec<String>,
    /// People named in the text.
    pub named: Vec<String>,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
}

/// A search to run.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// What to look for; extra filters are more clauses.
    pub query: Query,
    /// Order.
    pub sort: Sort,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
    /// Count facets.
    pub facets: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article's id in the store.
    pub id: u64,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
}

/// Counts of the matching articles by year, month, person, kind, page and
/// paper.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Facets {
    /// `2023` → count, by year.
    pub year: Vec<(String, u64)>,
    /// `2023-09` → count, by month.
    pub month: Vec<(String, u64)>,
    /// Person (byline or named) → count, the most frequent first.
    pub person: Vec<(String, u64)>,
    /// Kind → count.
    pub kind: Vec<(String, u64)>,
    /// Page → count, every page with hits, in the order of page numbers.
    pub page: Vec<(String, u64)>,
    /// Paper → count, the 50 papers with the most hits, the most frequent first.
    pub paper: Vec<(String, u64)>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    /// The requested page of them.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    pub facets: Option<Facets>,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    issue: Field,
    title_w: Field,
    text_w: Field,
    title_bi: Field,
    text_bi: Field,
    title_ch: Field,
    text_ch: Field,
    people: Field,
    named: Field,
    paper: Field,
    kind: Field,
    date: Field,
    md: Field,
    page: Field,
    facets: Field,
    papers: Field,
}

fn text_field(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}

/// A field that records which documents hold a token, not how often.
fn text_field_basic(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::Basic),
    )
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        issue: b.add_u64_field("issue", INDEXED | FAST),
        title_w: b.add_text_field("title_w", text_field("words", true)),
        text_w: b.add_text_field("text_w", text_field("words", true)),
        title_bi: b.add_text_field("title_bi", text_field("bigram", true)),
        text_bi: b.add_text_field("text_bi", text_field("bigram", true)),
        title_ch: b.add_text_field("title_ch", text_field_basic("unigram")),
        text_ch: b.add_text_field("text_ch", text_field_basic("unigram")),
        people: b.add_text_field("people", STRING),
        named: b.add_text_field("named", STRING),
        paper: b.add_text_field("paper", STRING),
        kind: b.add_text_field("kind", STRING),
        date: b.add_u64_field("date", INDEXED | FAST),
        md: b.add_u64_field("md", INDEXED),
        page: b.add_u64_field("page", INDEXED | FAST),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        // the paper as printed, for its facet (the `paper` field above is
        // folded, for the filter); a field of its own, so that an index
        // made before papers were counted is made again when opened
        papers: b.add_facet_field("papers", FacetOptions::default()),
    };
    (b.build(), f)
}

/// The search index of an archive.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    f: Fields,
    /// Threads that search a large archive's segments side by side.
    executor: Executor,
    /// How many threads search side by side.
    threads: usize,
    /// From how many articles they do ([`PARALLEL_FROM_DOCS`]).
    parallel_from: u64,
    /// What cuts texts and queries into words (with the archive's names).
    seg: Segmenter,
    /// The facets of the segments searched lately, for counting them.
    facet_cache: facets::FacetCache,
}

/// A search on many threads cuts the documents in this many parts per
/// thread, so that a thread slowed by other work leaves less undone.
const PARTS_PER_THREAD: usize = 2;

/// Below this many articles a search runs on one core: handing the
/// segments to other threads costs more than it saves.
const PARALLEL_FROM_DOCS: u64 = 50_000;

fn ymd(d: NaiveDate) -> u64 {
    d.year() as u64 * 10000 + d.month() as u64 * 100 + d.day() as u64
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if the folder is empty, cutting
    /// words with jieba's dictionary alone.
    pub fn open(dir: impl AsRef<Path>) -> Result<SearchIndex, SearchError> {
        Self::open_with(dir, Segmenter::base())
    }

    /// Opens the index in `dir`, creating it if the folder is empty, cutting
    /// texts and queries into words with `seg` (an archive's segmenter, with
    /// the names it has learned).
    pub fn open_with(dir: impl AsRef<Path>, seg: Segmenter) -> Result<SearchIndex, SearchError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let (schema, f) = schema();
        let mmap = tantivy::directory::MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let exists = Index::exists(&mmap).map_err(tantivy::TantivyError::from)?;
        let index = if exists {
            let index = Index::open(mmap)?;
            if serde_json_like(&index.schema()) != serde_json_like(&schema) {
                return Err(SearchError::SchemaMismatch);
            }
            index
        } else {
            Index::create(mmap, schema, tantivy::IndexSettings::default())?
        };
        Self::with_index(index, f, seg)
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, f) = schema();
        Self::with_index(Index::create_in_ram(schema), f, Segmenter::base())
    }

    fn with_index(index: Index, f: Fields, seg: Segmenter) -> Result<SearchIndex, SearchError> {
        let tokenizers = index.tokenizers();
        tokenizers.register("words", tokenize::word_tokenizer(seg.clone()));
        tokenizers.register("bigram", tokenize::BigramTokenizer);
        tokenizers.register("unigram", tokenize::UnigramTokenizer);
        // commits by this process reload at once (see `commit`); those of
        // another process (an ingest while a server reads) within a moment
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let executor =
            if threads > 1 { Executor::multi_thread(threads, "shuzibao-search-")? } else { Executor::single_thread() };
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            f,
            executor,
            threads,
            parallel_from: PARALLEL_FROM_DOCS,
            seg,
            facet_cache: facets::FacetCache::default(),
        })
    }

    /// Reads a query, cutting its runs of text as this index cuts texts.
    pub fn parse_query(&self, text: &str) -> Result<Query, QueryError> {
        query::parse_query_with(text, &self.seg)
    }

    /// The words of a text as this index cuts them (punctuation left out).
    pub fn words(&self, text: &str) -> Vec<String> {
        tokenize::words(&self.seg, text)
    }

    /// The last store change this index has applied (0 for none).
    pub fn applied_change(&self) -> Result<i64, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// How many articles the index holds.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Removes the documents of the issues `remove`, adds `docs`, and records
    /// `change` as the last store change applied, in one commit. (An issue
    /// never indexed before need not be removed: removing costs a look-up.)
    pub fn replace_issues(&self, remove: &[u64], docs: &[IndexDoc], change: i64) -> Result<(), SearchError> {
        self.stage(remove, docs)?;
        self.commit(change)
    }

    /// Takes the index's writer, waiting while another process holds it,
    /// and returns the last store change the index has applied, read after
    /// taking it: what another process committed meanwhile counts.
    pub fn begin_writes(&self) -> Result<i64, SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.new_writer()?);
        }
        self.applied_change()
    }

    fn new_writer(&self) -> Result<IndexWriter, SearchError> {
        let start = std::time::Instant::now();
        loop {
            match self.index.writer(WRITER_MEMORY) {
                Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _))
                    if start.elapsed() < WRITER_WAIT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
                    return Err(SearchError::Busy)
                }
                other => {
                    let writer = other?;
                    // a writer killed in the middle of a commit (SIGKILL) may
                    // leave files the index lists as its own but no segment
                    // uses (a deletes file named as the next commit will
                    // name its own): removed before this writer writes
                    writer.garbage_collect_files().wait()?;
                    return Ok(writer);
                }
            }
        }
    }

    /// Hands removals and documents to the writer's threads without
    /// committing: they are indexed in the background and become visible,
    /// and durable, at the next [`commit`](Self::commit).
    pub fn stage(&self, remove: &[u64], docs: &[IndexDoc]) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.new_writer()?);
        }
        let Some(writer) = guard.as_mut() else { return Ok(()) };
        for &issue in remove {
            writer.delete_term(Term::from_field_u64(self.f.issue, issue));
        }
        for d in docs {
            writer.add_document(self.document(d))?;
        }
        Ok(())
    }

    /// Commits what was staged, recording `change` as the last store change applied.
    pub fn commit(&self, change: i64) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.new_writer()?);
        }
        let Some(writer) = guard.as_mut() else { return Ok(()) };
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&change.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Lets background merges finish and releases the writer (and its lock).
    /// Call when a batch of writes is over, before the process ends.
    pub fn finish_writes(&self) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(w) = guard.take() {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Removes every document (before a rebuild).
    pub fn clear(&self) -> Result<(), SearchError> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(self.new_writer()?);
        }
        if let Some(w) = guard.as_mut() {
            w.delete_all_documents()?;
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload("0");
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    fn document(&self, d: &IndexDoc) -> TantivyDocument {
        let f = &self.f;
        let title = normalize(&d.title);
        let body = normalize(&d.body);
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, d.id);
        doc.add_u64(f.issue, d.issue);
        doc.add_text(f.title_w, &title);
        doc.add_text(f.title_bi, &title);
        doc.add_text(f.title_ch, &title);
        // the text views hold the headline and the body, as two values (no
        // string or phrase runs from one into the other): a word is found in
        // one posting list wherever it is
        for value in [&title, &body] {
            doc.add_text(f.text_w, value);
            doc.add_text(f.text_bi, value);
            doc.add_text(f.text_ch, value);
        }
        for p in &d.people {
            doc.add_text(f.people, p);
            doc.add_facet(f.facets, Facet::from_path(["person", p.as_str()]));
        }
        for p in d.named.iter().filter(|p| !d.people.contains(p)) {
            doc.add_text(f.named, p);
            doc.add_facet(f.facets, Facet::from_path(["person", p.as_str()]));
        }
        if let Some(p) = &d.paper {
            doc.add_text(f.paper, normalize(p));
            doc.add_facet(f.papers, Facet::from_path([p.as_str()]));
        }
        doc.add_text(f.kind, &d.kind);
        doc.add_facet(f.facets, Facet::from_path(["kind", d.kind.as_str()]));
        if let Some(date) = d.date {
            doc.add_u64(f.date, ymd(date));
            doc.add_u64(f.md, date.month() as u64 * 100 + date.day() as u64);
            doc.add_facet(f.facets, Facet::from_path(["year", &date.year().to_string()]));
            doc.add_facet(f.facets, Facet::from_path(["month", &format!("{:04}-{:02}", date.year(), date.month())]));
        } else {
            doc.add_u64(f.date, 0);
        }
        if let Some(p) = d.page {
            doc.add_u64(f.page, p as u64);
            doc.add_facet(f.facets, Facet::from_path(["page", &format!("{p:02}")]));
        }
        doc
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let query = self.build(&req.query);
        let limit = req.limit.clamp(1, 1000);
        let top = TopDocs::with_limit(limit).and_offset(req.offset.min(100_000));
        let facets = if req.facets { Some(self.facet_cache.prepare(&searcher)?) } else { None };
        let (addresses, total, counts): (Vec<(f32, DocAddress)>, usize, _) = match req.sort {
            Sort::Relevance => self.collect(&searcher, query.as_ref(), &(top.order_by_score(), Count, facets))?,
            Sort::Newest | Sort::Oldest => {
                let order = if req.sort == Sort::Newest { Order::Desc } else { Order::Asc };
                let collector = (top.order_by_fast_field::<u64>("date", order), Count, facets);
                let (docs, total, counts) = self.collect(&searcher, query.as_ref(), &collector)?;
                (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total, counts)
            }
        };
        let hits =
            self.ids(&searcher, addresses.into_iter())?.into_iter().map(|(id, score)| Hit { id, score }).collect();
        let facets = counts.map(|counted| self.facet_cache.lists(&counted));
        Ok(SearchResults { total, hits, facets })
    }

    /// Runs a collector over the searcher's documents: side by side on every
    /// core in a large archive, in parts of about equal size whatever its
    /// segments (see [`parallel`]), here otherwise.
    fn collect<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn TQuery,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        if self.threads < 2 || searcher.num_docs() < self.parallel_from {
            return searcher.search(query, collector);
        }
        let sizes: Vec<u32> = searcher.segment_readers().iter().map(|r| r.max_doc()).collect();
        let parts = parallel::parts(&sizes, PARTS_PER_THREAD * self.threads);
        parallel::search(searcher, query, collector, &self.executor, parts)
    }

    /// The store ids of some documents, read from the `id` fast field.
    fn ids(
        &self,
        searcher: &tantivy::Searcher,
        docs: impl Iterator<Item = (f32, DocAddress)>,
    ) -> Result<Vec<(u64, f32)>, SearchError> {
        let mut out = Vec::new();
        let mut columns: Vec<Option<tantivy::columnar::Column<u64>>> = vec![None; searcher.segment_readers().len()];
        for (score, addr) in docs {
            let slot = &mut columns[addr.segment_ord as usize];
            if slot.is_none() {
                *slot = Some(searcher.segment_reader(addr.segment_ord).fast_fields().u64("id")?);
            }
            if let Some(id) = slot.as_ref().and_then(|c| c.first(addr.doc_id)) {
                out.push((id, score));
            }
        }
        Ok(out)
    }

    /// Turns a parsed query into a tantivy query.
    fn build(&self, q: &Query) -> Box<dyn TQuery> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for c in &q.clauses {
            match c {
                Clause::Not(inner) => clauses.push((Occur::MustNot, Box::new(excluded::Excluded(self.clause(inner))))),
                c => clauses.push((Occur::Must, self.clause(c))),
            }
        }
        if !q.has_text() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            // one clause alone: no boolean wrapper, so that counting can use
            // the posting lists' lengths
            return clauses.remove(0).1;
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn filter(q: Box<dyn TQuery>) -> Box<dyn TQuery> {
        Box::new(ConstScoreQuery::new(q, 0.0))
    }

    fn term(field: Field, text: &str) -> Box<dyn TQuery> {
        Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
    }

    fn clause(&self, c: &Clause) -> Box<dyn TQuery> {
        let f = &self.f;
        match c {
            Clause::Text { text, phrase, slop, scope } => self.text(text, *phrase, *slop, *scope),
            Clause::Reporter(p) => Self::filter(Self::term(f.people, p)),
            Clause::Person(p) => Self::filter(Box::new(BooleanQuery::new(vec![
                (Occur::Should, Self::term(f.people, p)),
                (Occur::Should, Self::term(f.named, p)),
            ]))),
            Clause::Kind(k) => Self::filter(Self::term(f.kind, k)),
            Clause::Paper(p) => Self::filter(Self::term(f.paper, p)),
            // a range of days or pages asks the inverted index (one posting
            // list per day in the range) rather than scanning the fast
            // field's column: a few months of a large archive are a small
            // part of it, read at once
            Clause::Page(a, b) => Self::filter(Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(Term::from_field_u64(f.page, *a as u64)),
                Bound::Included(Term::from_field_u64(f.page, *b as u64)),
            ))),
            Clause::Date(a, b) => Self::filter(Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(Term::from_field_u64(f.date, (*a).max(1))),
                Bound::Included(Term::from_field_u64(f.date, *b)),
            ))),
            Clause::MonthDay(md) => {
                Self::filter(Box::new(TermQuery::new(Term::from_field_u64(f.md, *md), IndexRecordOption::Basic)))
            }
            Clause::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, Box::new(excluded::Excluded(self.clause(inner)))),
            ])),
            Clause::Any(parts) => {
                Box::new(BooleanQuery::new(parts.iter().map(|p| (Occur::Should, self.clause(p))).collect()))
            }
        }
    }

    /// A text that must appear as an exact string (bigrams, or the
    /// character alone), ranked by its words (jieba) and where it is.
    fn text(&self, text: &str, phrase: bool, slop: u32, scope: Scope) -> Box<dyn TQuery> {
        let f = &self.f;
        if slop > 0 {
            return self.words_near(text, slop, scope);
        }
        let text = squeeze(text);
        let words = tokenize::words(&self.seg, &text);
        let by_words = words.len() > 1 || !phrase || text.chars().count() > 2;
        // what must hold the string
        let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        if scope == Scope::Anywhere {
            // the text's exact string (headline and body) says whether it is
            // there; the words below rank it (see `exact_filter`)
            any.push((Occur::Should, exact_filter(&text, &words, f.text_bi, f.text_ch, f.text_w, !by_words)));
            // a name finds what that person reported or signed
            any.push((Occur::Should, Box::new(BoostQuery::new(Self::term(f.people, &text), TITLE_BOOST))));
        }
        // the headline's own exact string: all that `title:` looks at; in
        // the whole text, what ranks a string of one or two characters higher
        // in a headline (longer strings are ranked by their words, the
        // headline's words higher: looking the string up in the headline
        // again would only cost time, a third of the slowest searches')
        if scope != Scope::Anywhere || !by_words {
            let exact_title = exact(&text, f.title_bi, f.title_ch, 0);
            any.push((Occur::Should, Box::new(BoostQuery::new(exact_title, TITLE_BOOST))));
        }
        let mut parts: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, Box::new(BooleanQuery::new(any)))];
        // ranking by words: the title's words count more
        // (a string of one or two characters is ranked by where it is: its
        // one word would only cost time)
        if by_words {
            for w in &words {
                let tw = Term::from_field_text(f.title_w, w);
                let bw = Term::from_field_text(f.text_w, w);
                parts.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(TermQuery::new(tw, IndexRecordOption::WithFreqs)), TITLE_BOOST)),
                ));
                if scope == Scope::Anywhere {
                    parts.push((Occur::Should, Box::new(TermQuery::new(bw, IndexRecordOption::WithFreqs))));
                }
            }
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// A phrase with slop: its words (as jieba cuts them) in order, with up
    /// to `slop` words between them.
    fn words_near(&self, text: &str, slop: u32, scope: Scope) -> Box<dyn TQuery> {
        let f = &self.f;
        let words: Vec<String> = tokenize::words(&self.seg, &squeeze(text));
        let phrase = |field: Field| -> Box<dyn TQuery> {
            match words.len() {
                0 => Box::new(EmptyQuery),
                1 => Box::new(TermQuery::new(Term::from_field_text(field, &words[0]), IndexRecordOption::WithFreqs)),
                _ => {
                    let terms = words.iter().enumerate().map(|(i, w)| (i, Term::from_field_text(field, w))).collect();
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
                }
            }
        };
        let mut any: Vec<(Occur, Box<dyn TQuery>)> =
            vec![(Occur::Should, Box::new(BoostQuery::new(phrase(f.title_w), TITLE_BOOST)))];
        if scope == Scope::Anywhere {
            any.push((Occur::Should, phrase(f.text_w)));
        }
        Box::new(BooleanQuery::new(any))
    }

    /// Searches and returns every matching article id (no limit): for
    /// checking exact-string recall in tests and benchmarks.
    pub fn all_ids(&self, query: &Query) -> Result<Vec<u64>, SearchError> {
        let searcher = self.reader.searcher();
        let q = self.build(query);
        let n = searcher.search(&q, &Count)?.max(1);
        let docs = searcher.search(&q, &TopDocs::with_limit(n).order_by_score())?;
        let mut ids: Vec<u64> = self.ids(&searcher, docs.into_iter())?.into_iter().map(|(id, _)| id).collect();
        ids.sort_unstable();
        Ok(ids)
    }
}

/// Drops the spaces of a query text except between two Latin letters or
/// digits (`区长 钟晓咏` → `区长钟晓咏`, `city walk` stays).
fn squeeze(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().next_back();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if let (Some(a), Some(b)) = (prev, next) {
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The exact-string query for `text` on a bigram field (or its
/// one-character field when the text is one character).
fn exact(text: &str, bigram: Field, chars: Field, slop: u32) -> Box<dyn TQuery> {
    let toks = bigrams(text);
    if toks.is_empty() {
        return Box::new(EmptyQuery);
    }
    if toks.len() == 1 && unigrams(text).len() == 1 {
        return Box::new(TermQuery::new(Term::from_field_text(chars, &toks[0].text), IndexRecordOption::Basic));
    }
    if toks.len() == 1 {
        return Box::new(TermQuery::new(Term::from_field_text(bigram, &toks[0].text), IndexRecordOption::WithFreqs));
    }
    let terms: Vec<(usize, Term)> = toks.iter().map(|t| (t.position, Term::from_field_text(bigram, &t.text))).collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// The exact-string filter for `text` on the text's bigram field: whether
/// the string is there, not how often; when the segmenter keeps the string
/// as one word (`words`), documents holding that word need no positions
/// read. A string of one bigram is ranked by how often it is there only when
/// nothing else ranks it (`scored`): otherwise its word does, and its
/// frequencies are not read.
fn exact_filter(
    text: &str,
    words: &[String],
    bigram: Field,
    chars: Field,
    word: Field,
    scored: bool,
) -> Box<dyn TQuery> {
    let toks = bigrams(text);
    if toks.len() == 1 && !scored && unigrams(text).len() == 2 {
        return SearchIndex::filter(SearchIndex::term(bigram, &toks[0].text));
    }
    if toks.len() < 2 {
        // one character or one bigram: a term, no positions to read
        return exact(text, bigram, chars, 0);
    }
    let whole = matches!(words, [w] if w == text) && text.chars().all(tokenize::is_word_char);
    let grams = toks.iter().map(|t| (t.position as u32, Term::from_field_text(bigram, &t.text))).collect();
    Box::new(exact::ExactQuery::new(grams, whole.then(|| Term::from_field_text(word, text))))
}

/// A comparable rendering of a schema (field names, types, options).
fn serde_json_like(schema: &Schema) -> String {
    format!("{:?}", schema.fields().map(|(_, e)| format!("{e:?}")).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn doc(id: u64, title: &str, body: &str) -> IndexDoc {
        IndexDoc {
            id,
            issue: id,
            paper: Some("示例区报".into()),
            date: NaiveDate::from_ymd_opt(2023, 9, id as u32 % 28 + 1),
            page: Some(id as u32 % 4 + 1),
            kind: "news".into(),
            title: title.into(),
            body: body.into(),
            people: vec!["刘坤".into()],
            named: Vec::new(),
        }
    }

    #[test]
    fn segments_searched_side_by_side_find_what_one_core_finds() {
        let mut idx = SearchIndex::in_memory().unwrap();
        // three commits make three segments
        for batch in 0..3u64 {
            let docs: Vec<IndexDoc> = (0..20)
                .map(|k| {
                    let id = batch * 100 + k;
                    doc(
                        id,
                        &format!("社区食堂第{k}家开张"),
                        &format!("北京大学的学生{k}次来到社区食堂，习近平总书记的讲话。"),
                    )
                })
                .collect();
            idx.replace_issues(&[], &docs, batch as i64 + 1).unwrap();
        }
        assert!(idx.reader.searcher().segment_readers().len() >= 2);
        // and deleted documents: the second batch is indexed again in part
        let again: Vec<IndexDoc> = (100..110).map(|id| doc(id, "社区食堂改版", "北京的学生又来到食堂。")).collect();
        idx.replace_issues(&(100..120).collect::<Vec<u64>>(), &again, 4).unwrap();
        compare_one_core_and_many(&mut idx);
        // one segment cut in ranges
        idx.finish_writes().unwrap();
        let mut writer: IndexWriter = idx.index.writer(20_000_000).unwrap();
        writer.merge(&idx.index.searchable_segment_ids().unwrap()).wait().unwrap();
        writer.commit().unwrap();
        writer.wait_merging_threads().unwrap();
        idx.reader.reload().unwrap();
        assert_eq!(idx.reader.searcher().segment_readers().len(), 1);
        compare_one_core_and_many(&mut idx);
    }

    fn compare_one_core_and_many(idx: &mut SearchIndex) {
        idx.threads = 2;
        for text in ["食堂", "\"社区食堂\"", "北京 学生", "习近平", "2023-09", "学生 -第3家"] {
            let req = SearchRequest {
                query: crate::parse_query(text).unwrap(),
                limit: 100,
                facets: true,
                ..SearchRequest::default()
            };
            idx.parallel_from = u64::MAX;
            let one = idx.search(&req).unwrap();
            idx.parallel_from = 0;
            let many = idx.search(&req).unwrap();
            let ids = |r: &SearchResults| {
                let mut v: Vec<u64> = r.hits.iter().map(|h| h.id).collect();
                v.sort_unstable();
                v
            };
            assert_eq!((one.total, ids(&one), &one.facets), (many.total, ids(&many), &many.facets), "query {text}");
        }
    }
}
