//! Searching a large archive on every core.
//!
//! tantivy runs a search side by side one segment per thread, so a search is
//! as slow as its largest segment: an archive merged into one large segment
//! and a few small ones searches on one core. Here the documents are cut into
//! parts of about equal size, a large segment into ranges of its document
//! ids, and each part is searched by a thread of its own: the query's scorer
//! is moved to the start of the range and stops at its end. The parts'
//! results are merged as tantivy merges those of segments.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, DocSet, Executor, Searcher, SegmentReader, TERMINATED};

/// A part of the documents: a segment, and a range of its document ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    pub segment: u32,
    pub from: DocId,
    pub to: DocId,
}

/// Cuts segments of `sizes` documents into about `n` parts of about equal
/// size; a segment smaller than a part is a part of its own.
pub(crate) fn parts(sizes: &[u32], n: usize) -> Vec<Part> {
    let total: u64 = sizes.iter().map(|&s| s as u64).sum();
    let part = total.div_ceil(n.max(1) as u64).max(1);
    let mut out = Vec::new();
    for (segment, &size) in sizes.iter().enumerate() {
        let pieces = (size as u64).div_ceil(part).max(1);
        for k in 0..pieces {
            let from = (size as u64 * k / pieces) as DocId;
            let to = (size as u64 * (k + 1) / pieces) as DocId;
            if to > from {
                out.push(Part { segment: segment as u32, from, to });
            }
        }
    }
    out
}

/// Runs `collector` over `query` on `parts` side by side with `executor`.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    executor: &Executor,
    parts: Vec<Part>,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    let fruits = executor.map(
        |p: Part| {
            let reader = searcher.segment_reader(p.segment);
            let mut child = collector.for_segment(p.segment, reader)?;
            collect_range(weight.as_ref(), reader, &mut child, p, collector.requires_scoring())?;
            Ok(child.harvest())
        },
        parts.into_iter(),
    )?;
    collector.merge_fruits(fruits)
}

/// Hands `child` every live document of the part that matches, with its score.
fn collect_range<S: SegmentCollector>(
    weight: &dyn Weight,
    reader: &SegmentReader,
    child: &mut S,
    part: Part,
    scoring: bool,
) -> tantivy::Result<()> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    let mut doc = scorer.doc();
    if doc < part.from {
        doc = scorer.seek(part.from);
    }
    let alive = reader.alive_bitset();
    while doc != TERMINATED && doc < part.to {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            let score = if scoring { scorer.score() } else { 0.0 };
            child.collect(doc, score);
        }
        doc = scorer.advance();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(sizes: &[u32], parts: &[Part]) -> bool {
        sizes.iter().enumerate().all(|(s, &size)| {
            let mut ranges: Vec<(u32, u32)> =
                parts.iter().filter(|p| p.segment == s as u32).map(|p| (p.from, p.to)).collect();
            ranges.sort_unstable();
            let mut at = 0;
            for (from, to) in ranges {
                if from != at {
                    return false;
                }
                at = to;
            }
            at == size
        })
    }

    #[test]
    fn a_large_segment_is_cut_and_small_ones_stay_whole() {
        let sizes = [800_000, 100_000, 60_000, 40_000];
        let p = parts(&sizes, 4);
        assert!(covered(&sizes, &p));
        // 250,000 documents a part: the large segment in four ranges
        assert_eq!(p.iter().filter(|p| p.segment == 0).count(), 4);
        assert_eq!(p.len(), 7);
        let largest = p.iter().map(|p| p.to - p.from).max().unwrap_or(0);
        assert!(largest <= 250_000, "{largest}");
    }

    #[test]
    fn every_document_is_in_one_part() {
        for sizes in [vec![1], vec![7, 0, 3], vec![1_000_001], vec![5; 9]] {
            for n in 1..6 {
                assert!(covered(&sizes, &parts(&sizes, n)), "{sizes:?} {n}");
            }
        }
    }
}
