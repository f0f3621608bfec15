//! Facet counts of the matching documents: by year, month, person, kind,
//! page and paper, exact, for every search the web edition and the command
//! line run.
//!
//! Counting through tantivy's facet columns reads each document's facet
//! ordinals out of their compressed column and then looks each counted
//! facet up in the segment's dictionary: a common word in an archive of a
//! million articles took 80 ms. Here each segment's facets are read once,
//! when a search first meets the segment, into plain arrays
//! ([`SegmentFacets`]: every document's facets as numbers of one vocabulary
//! shared by all segments), kept while the segment lives. Counting a
//! matching document is then a few array reads, and only the twenty most
//! named people are looked up by name.
//!
//! Not here: which facets a document has (the index's `document`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The facet fields counted, in this order: the two-deep facets
/// (`/person/张三`, `/year/2023` …) and the papers (`/人民日报`).
const FIELDS: [&str; 2] = ["facets", "papers"];

/// How many people a search lists.
const PEOPLE: usize = 20;

/// How many papers a search lists (an archive of many papers lists the
/// most frequent).
const PAPERS: usize = 50;

/// A facet of the vocabulary: its field (index in [`FIELDS`]) and its
/// encoded path (`person\0张三`; a paper's name alone).
type Key = (u8, Box<[u8]>);

/// Every document's facets of one segment, as numbers of the vocabulary:
/// document `d`'s are `ids[offsets[d]..offsets[d + 1]]`.
pub(crate) struct SegmentFacets {
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl SegmentFacets {
    fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The facets of the segments searched lately, and the vocabulary their
/// numbers refer to (which only grows: a facet no segment has any more is
/// counted 0 and listed nowhere).
#[derive(Default)]
pub(crate) struct FacetCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    names: Vec<Key>,
    ids: HashMap<Key, u32>,
    segments: HashMap<SegmentId, Arc<SegmentFacets>>,
}

impl FacetCache {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The facets of every segment of `searcher` (read now for a segment
    /// met for the first time), ready for a [`FacetCounter`]. Segments no
    /// longer searched are let go.
    pub(crate) fn prepare(&self, searcher: &Searcher) -> tantivy::Result<FacetCounter> {
        let mut inner = self.lock();
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            let facets = match inner.segments.get(&id) {
                Some(f) => f.clone(),
                None => {
                    let f = Arc::new(inner.read(reader)?);
                    inner.segments.insert(id, f.clone());
                    f
                }
            };
            segments.push(facets);
        }
        // (a search of an older generation may still run: it keeps its own)
        if inner.segments.len() > 2 * searcher.segment_readers().len() + 8 {
            let live: HashSet<SegmentId> = searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
            inner.segments.retain(|id, _| live.contains(id));
        }
        Ok(FacetCounter { segments, vocabulary: inner.names.len() })
    }

    /// The counts of a search as lists by facet: people the most named
    /// first (the first [`PEOPLE`]), pages by number, papers the most
    /// frequent first, the rest in order of their labels.
    pub(crate) fn lists(&self, counted: &[(u32, u64)]) -> crate::Facets {
        let inner = self.lock();
        let mut out = crate::Facets::default();
        let mut people: Vec<(&[u8], u64)> = Vec::new();
        let mut papers: Vec<(&[u8], u64)> = Vec::new();
        for &(id, n) in counted {
            let Some((field, path)) = inner.names.get(id as usize) else { continue };
            if *field == 1 {
                papers.push((path, n));
                continue;
            }
            let Some(cut) = path.iter().position(|&b| b == 0) else { continue };
            let (root, label) = (&path[..cut], &path[cut + 1..]);
            let list = match root {
                b"person" => {
                    people.push((label, n));
                    continue;
                }
                b"year" => &mut out.year,
                b"month" => &mut out.month,
                b"kind" => &mut out.kind,
                b"page" => &mut out.page,
                _ => continue,
            };
            list.push((String::from_utf8_lossy(label).into_owned(), n));
        }
        out.person = most_frequent(people, PEOPLE);
        out.paper = most_frequent(papers, PAPERS);
        for list in [&mut out.year, &mut out.month, &mut out.kind] {
            list.sort();
        }
        // pages by number (2 before 10, 11 before 100), not as strings
        out.page.sort_by_cached_key(|(p, _)| (p.parse::<u32>().unwrap_or(u32::MAX), p.clone()));
        out
    }
}

/// The `n` most frequent labels, the most frequent first (then by label),
/// found without sorting them all.
fn most_frequent(mut counted: Vec<(&[u8], u64)>, n: usize) -> Vec<(String, u64)> {
    let most = |a: &(&[u8], u64), b: &(&[u8], u64)| b.1.cmp(&a.1).then(a.0.cmp(b.0));
    if counted.len() > n {
        counted.select_nth_unstable_by(n - 1, most);
        counted.truncate(n);
    }
    counted.sort_by(most);
    counted.into_iter().map(|(label, k)| (String::from_utf8_lossy(label).into_owned(), k)).collect()
}

impl Inner {
    /// Reads the facets of one segment, adding its new ones to the vocabulary.
    fn read(&mut self, reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let max_doc = reader.max_doc() as usize;
        let mut per_field = Vec::with_capacity(FIELDS.len());
        for (field, name) in FIELDS.iter().enumerate() {
            let facets = reader.facet_reader(name)?;
            // the segment's ordinals → the vocabulary's numbers, the
            // dictionary read once in order
            let mut numbers: Vec<u32> = Vec::with_capacity(facets.num_facets());
            let mut stream = facets.facet_dict().stream()?;
            while stream.advance() {
                let key: Key = (field as u8, stream.key().into());
                let next = self.names.len() as u32;
                let id = *self.ids.entry(key.clone()).or_insert_with(|| {
                    self.names.push(key);
                    next
                });
                numbers.push(id);
            }
            per_field.push((facets, numbers));
        }
        let mut offsets = Vec::with_capacity(max_doc + 1);
        let mut ids = Vec::new();
        offsets.push(0);
        for doc in 0..max_doc as DocId {
            for (facets, numbers) in &per_field {
                ids.extend(facets.facet_ords(doc).filter_map(|ord| numbers.get(ord as usize).copied()));
            }
            offsets.push(ids.len() as u32);
        }
        Ok(SegmentFacets { offsets, ids })
    }
}

/// Counts every facet of the matching documents, by vocabulary number
/// (made by [`FacetCache::prepare`] for one searcher).
pub(crate) struct FacetCounter {
    segments: Vec<Arc<SegmentFacets>>,
    vocabulary: usize,
}

/// The counts of a part of the documents: dense by number, with the
/// numbers counted so far (so that merging reads only those).
pub(crate) struct PartCounts {
    facets: Arc<SegmentFacets>,
    counts: Vec<u32>,
    counted: Vec<u32>,
}

impl Collector for FacetCounter {
    type Fruit = Vec<(u32, u64)>;
    type Child = PartCounts;

    fn for_segment(&self, segment: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<PartCounts> {
        let facets = self
            .segments
            .get(segment as usize)
            .cloned()
            .ok_or_else(|| tantivy::TantivyError::InternalError(format!("no facets read for segment {segment}")))?;
        Ok(PartCounts { facets, counts: vec![0; self.vocabulary], counted: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<PartCounts>) -> tantivy::Result<Vec<(u32, u64)>> {
        // the parts added into the first one's dense counts
        let mut parts = parts.into_iter();
        let Some(mut all) = parts.next() else { return Ok(Vec::new()) };
        for part in parts {
            for &id in &part.counted {
                let (Some(sum), Some(&n)) = (all.counts.get_mut(id as usize), part.counts.get(id as usize)) else {
                    continue;
                };
                if *sum == 0 {
                    all.counted.push(id);
                }
                *sum += n;
            }
        }
        Ok(all.counted.iter().map(|&id| (id, u64::from(all.counts[id as usize]))).collect())
    }
}

impl SegmentCollector for PartCounts {
    type Fruit = PartCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for &id in self.facets.of(doc) {
            if let Some(n) = self.counts.get_mut(id as usize) {
                if *n == 0 {
                    self.counted.push(id);
                }
                *n += 1;
            }
        }
    }

    fn harvest(self) -> PartCounts {
        self
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{Facet, FacetOptions, IndexRecordOption, Schema, STRING};
    use tantivy::{doc, Index, Term};

    #[test]
    fn the_counts_are_what_tantivys_facet_collector_counts_across_segments_and_merges() {
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let papers = b.add_facet_field("papers", FacetOptions::default());
        let word = b.add_text_field("word", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let people = ["甲乙丙", "丁戊", "己庚辛", "壬癸", "子丑"];
        let cache = FacetCache::default();
        let x = TermQuery::new(Term::from_field_text(word, "x"), IndexRecordOption::Basic);
        for segment in 0..3 {
            for i in 0..40usize {
                let mut d = doc!(word => if i % 3 == 0 { "x" } else { "y" });
                d.add_facet(facets, Facet::from_path(["year", &(2020 + i % 4).to_string()]));
                d.add_facet(facets, Facet::from_path(["page", &format!("{:02}", 1 + (i * 7) % 12)]));
                d.add_facet(papers, Facet::from_path([["人民日报", "徐汇报"][i % 2]]));
                for p in people.iter().skip(i % 5).take(1 + (i + segment) % 3) {
                    d.add_facet(facets, Facet::from_path(["person", p]));
                }
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
            // each segment counted as it comes (the vocabulary grows)
            let searcher = index.reader().unwrap().searcher();
            assert_eq!(searcher.segment_readers().len(), segment + 1);
            compare(&cache, &searcher, &[&AllQuery as &dyn Query, &x]);
        }
        // merged into one new segment: read again, the old ones let go
        let ids = index.searchable_segment_ids().unwrap();
        w.merge(&ids).wait().unwrap();
        w.commit().unwrap();
        w.wait_merging_threads().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        compare(&cache, &searcher, &[&AllQuery as &dyn Query, &x]);
    }

    fn compare(cache: &FacetCache, searcher: &Searcher, queries: &[&dyn Query]) {
        for query in queries {
            let counter = cache.prepare(searcher).unwrap();
            let ours = cache.lists(&searcher.search(*query, &counter).unwrap());
            let mut theirs = FacetCollector::for_field("facets");
            for root in ["/year", "/person", "/page"] {
                theirs.add_facet(root);
            }
            let counts = searcher.search(*query, &theirs).unwrap();
            let list = |root: &str| -> Vec<(String, u64)> {
                counts.get(root).map(|(f, n)| (f.to_path().last().unwrap().to_string(), n)).collect()
            };
            let mut person = list("/person");
            person.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(ours.year, list("/year"));
            assert_eq!(ours.page, list("/page"));
            assert_eq!(ours.person, person);
            let mut theirs = FacetCollector::for_field("papers");
            theirs.add_facet("/");
            let counts = searcher.search(*query, &theirs).unwrap();
            let mut paper: Vec<(String, u64)> =
                counts.get("/").map(|(f, n)| (f.to_path().last().unwrap().to_string(), n)).collect();
            paper.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(ours.paper, paper);
            assert!(!ours.person.is_empty() && !ours.year.is_empty());
        }
    }
}
