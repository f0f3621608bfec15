//! Facet counts of the matching documents.
//!
//! tantivy's `FacetCollector` looks every counted facet up in the dictionary
//! on its own (`ord_to_term`, which reads the facet's block from its start
//! each time), for every part of a segment searched apart. With tens of
//! thousands of people in a segment, that took more than a second for a
//! common word in an archive of a million articles. Here the parts of a
//! segment add their counts by facet ordinal, and each segment's counted
//! facets are then looked up together, in order, reading each block once.

use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Every facet of the matching documents with its count, in the order of
/// the encoded facets: the parts of a path joined by a zero byte
/// (`person\0张三`), so in the order of the paths.
pub(crate) type Tally = Vec<(Vec<u8>, u64)>;

/// Counts every facet of a facet field among the matching documents.
pub(crate) struct FacetTally {
    field: &'static str,
}

impl FacetTally {
    pub(crate) fn for_field(field: &'static str) -> FacetTally {
        FacetTally { field }
    }
}

impl Collector for FacetTally {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let facets = reader.facet_reader(self.field)?;
        let counts = vec![0; facets.num_facets()];
        Ok(SegmentTally { segment, facets, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<SegmentTally>) -> tantivy::Result<Tally> {
        let mut segments: BTreeMap<SegmentOrdinal, SegmentTally> = BTreeMap::new();
        for part in parts {
            match segments.entry(part.segment) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(part);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    for (sum, n) in e.get_mut().counts.iter_mut().zip(part.counts) {
                        *sum += n;
                    }
                }
            }
        }
        // the segments' facets are looked up on every core
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut groups: Vec<Vec<SegmentTally>> = (0..threads).map(|_| Vec::new()).collect();
        for (i, segment) in segments.into_values().enumerate() {
            groups[i % threads].push(segment);
        }
        let resolved: Vec<tantivy::Result<Tally>> = std::thread::scope(|scope| {
            let running: Vec<_> = groups
                .into_iter()
                .filter(|g| !g.is_empty())
                .map(|group| {
                    scope.spawn(move || {
                        group.into_iter().try_fold(Tally::new(), |all, segment| Ok(merge(all, segment.resolve()?)))
                    })
                })
                .collect();
            running.into_iter().map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
        });
        resolved.into_iter().try_fold(Tally::new(), |all, tally| Ok(merge(all, tally?)))
    }
}

/// The counts of one segment, or of one part of it, by facet ordinal.
pub(crate) struct SegmentTally {
    segment: SegmentOrdinal,
    facets: FacetReader,
    counts: Vec<u32>,
}

impl SegmentTally {
    /// The counted facets with their counts, in order.
    fn resolve(self) -> tantivy::Result<Tally> {
        let counted: Vec<(u64, u32)> =
            self.counts.iter().enumerate().filter(|&(_, &n)| n > 0).map(|(ord, &n)| (ord as u64, n)).collect();
        let ords: Vec<u64> = counted.iter().map(|&(ord, _)| ord).collect();
        let mut tally = Tally::with_capacity(ords.len());
        let mut next = counted.iter();
        self.facets.facet_dict().sorted_ords_to_term_cb(&ords, |facet| {
            if let Some(&(_, n)) = next.next() {
                tally.push((facet.to_vec(), u64::from(n)));
            }
        })?;
        Ok(tally)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.facets.facet_ords(doc) {
            if let Some(n) = self.counts.get_mut(ord as usize) {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> SegmentTally {
        self
    }
}

/// Two tallies in order made one, the counts of a facet in both added.
fn merge(a: Tally, b: Tally) -> Tally {
    if a.is_empty() {
        return b;
    }
    let mut out = Tally::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => a.next(),
                std::cmp::Ordering::Greater => b.next(),
                std::cmp::Ordering::Equal => {
                    let (facet, n) = a.next().unwrap_or_default();
                    let m = b.next().map_or(0, |(_, m)| m);
                    Some((facet, n + m))
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, STRING};
    use tantivy::{doc, Index, Term};

    #[test]
    fn the_tally_counts_what_tantivys_facet_collector_counts_across_segments() {
        let mut b = Schema::builder();
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let word = b.add_text_field("word", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let people = ["甲乙丙", "丁戊", "己庚辛", "壬癸", "子丑"];
        for segment in 0..3 {
            for i in 0..40usize {
                let mut d = doc!(word => if i % 3 == 0 { "x" } else { "y" });
                d.add_facet(facets, tantivy::schema::Facet::from_path(["year", &(2020 + i % 4).to_string()]));
                for p in people.iter().skip(i % 5).take(1 + (i + segment) % 3) {
                    d.add_facet(facets, tantivy::schema::Facet::from_path(["person", p]));
                }
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let x = TermQuery::new(Term::from_field_text(word, "x"), IndexRecordOption::Basic);
        for query in [&AllQuery as &dyn Query, &x] {
            let tally = searcher.search(query, &FacetTally::for_field("facets")).unwrap();
            let mut theirs = FacetCollector::for_field("facets");
            theirs.add_facet("/year");
            theirs.add_facet("/person");
            let counts = searcher.search(query, &theirs).unwrap();
            let mut expected: Vec<(Vec<u8>, u64)> = ["/year", "/person"]
                .iter()
                .flat_map(|root| counts.get(*root).map(|(f, n)| (f.encoded_str().as_bytes().to_vec(), n)))
                .collect();
            expected.sort();
            assert_eq!(tally, expected);
        }
    }
}
