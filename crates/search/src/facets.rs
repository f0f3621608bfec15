//! Facet counts of the matching documents.
//!
//! tantivy's `FacetCollector` looks every counted facet up in the dictionary
//! on its own (`ord_to_term`, which reads the facet's block from its start
//! each time). With tens of thousands of people in a segment, that took more
//! than a second for a common word in an archive of a million articles, each
//! time for every part of a segment searched apart. Here the facets counted
//! in a part are looked up together, in order, reading each block once.

use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Count → every facet of the matching documents, by encoded facet: the
/// parts of its path joined by a zero byte (`person\0张三`), so in the order
/// of the paths.
pub(crate) type Tally = BTreeMap<Vec<u8>, u64>;

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

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let facets = reader.facet_reader(self.field)?;
        let counts = vec![0; facets.num_facets()];
        Ok(SegmentTally { facets, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::new();
        for fruit in fruits {
            for (facet, n) in fruit {
                *all.entry(facet).or_default() += n;
            }
        }
        Ok(all)
    }
}

/// The counts of one segment (or of one part of it), by facet ordinal.
pub(crate) struct SegmentTally {
    facets: FacetReader,
    counts: Vec<u32>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.facets.facet_ords(doc) {
            if let Some(n) = self.counts.get_mut(ord as usize) {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> Tally {
        let ords: Vec<u64> =
            self.counts.iter().enumerate().filter(|&(_, &n)| n > 0).map(|(ord, _)| ord as u64).collect();
        let mut tally = Tally::new();
        let mut counted = ords.iter();
        // The dictionary is mapped from the index's files: a read error there
        // would leave the remaining facets uncounted, as tantivy's own
        // collector does, rather than fail the search.
        let _ = self.facets.facet_dict().sorted_ords_to_term_cb(&ords, |facet| {
            if let Some(&ord) = counted.next() {
                tally.insert(facet.to_vec(), u64::from(self.counts[ord as usize]));
            }
        });
        tally
    }
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
            assert_eq!(tally.into_iter().collect::<Vec<_>>(), expected);
        }
    }
}
