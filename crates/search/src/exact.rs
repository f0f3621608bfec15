//! The exact-string filter: the documents whose text holds a string, found
//! by the string's bigrams in order.
//!
//! It asks less than a phrase query: whether the string is there, not how
//! often (the words of the query rank the documents). And when the segmenter
//! keeps the string as one word, a document that holds that word holds the
//! string: the word's posting list answers first, and the positions of the
//! bigrams, the costly part, are read only for the documents where the
//! string was cut otherwise (`北京` inside `北京大学`). Common words in a large
//! archive (`习近平`, tens of thousands of documents) are found without
//! reading their positions.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Documents holding a string: its bigrams (each with its offset in the
/// string) at consecutive positions, or the string as one word.
#[derive(Clone, Debug)]
pub struct ExactQuery {
    grams: Vec<(u32, Term)>,
    word: Option<Term>,
}

impl ExactQuery {
    /// The string of `grams` (offsets and bigram terms, two or more), and
    /// the word term that holds all of it when the segmenter keeps it whole.
    pub fn new(grams: Vec<(u32, Term)>, word: Option<Term>) -> ExactQuery {
        ExactQuery { grams, word }
    }
}

impl Query for ExactQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExactWeight(self.clone())))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.grams {
            visitor(term, true);
        }
    }
}

struct ExactWeight(ExactQuery);

impl ExactWeight {
    fn exact_scorer(&self, reader: &SegmentReader) -> tantivy::Result<Option<ExactScorer>> {
        let mut grams = Vec::with_capacity(self.0.grams.len());
        for (offset, term) in &self.0.grams {
            let index = reader.inverted_index(term.field())?;
            match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(postings) => grams.push((*offset, postings)),
                None => return Ok(None),
            }
        }
        if grams.is_empty() {
            return Ok(None);
        }
        // the rarest bigram leads
        grams.sort_by_key(|(_, p)| p.doc_freq());
        let word = match &self.0.word {
            Some(term) => reader.inverted_index(term.field())?.read_postings(term, IndexRecordOption::Basic)?,
            None => None,
        };
        let mut scorer = ExactScorer { grams, word, doc: 0, bases: Vec::new(), positions: Vec::new() };
        scorer.settle(0);
        Ok(Some(scorer))
    }
}

impl Weight for ExactWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.exact_scorer(reader)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let found = self.exact_scorer(reader)?.is_some_and(|mut s| s.seek(doc) == doc);
        if !found {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not hold the string")));
        }
        Ok(Explanation::new("exact string (a filter)", 0.0))
    }
}

struct ExactScorer {
    grams: Vec<(u32, SegmentPostings)>,
    word: Option<SegmentPostings>,
    doc: DocId,
    /// Where the string may start in the current document.
    bases: Vec<u32>,
    positions: Vec<u32>,
}

impl ExactScorer {
    /// Moves to the first document at or after `target` that holds the string.
    fn settle(&mut self, mut target: DocId) -> DocId {
        loop {
            target = self.all_grams_from(target);
            if target == TERMINATED || self.holds(target) {
                self.doc = target;
                return target;
            }
            target += 1;
        }
    }

    /// The first document at or after `target` that holds every bigram.
    fn all_grams_from(&mut self, mut target: DocId) -> DocId {
        'again: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for (_, p) in &mut self.grams {
                let doc = if p.doc() < target { p.seek(target) } else { p.doc() };
                if doc > target {
                    target = doc;
                    continue 'again;
                }
            }
            return target;
        }
    }

    /// Whether `doc`, which holds every bigram, holds them in order.
    fn holds(&mut self, doc: DocId) -> bool {
        if let Some(w) = &mut self.word {
            let at = if w.doc() < doc { w.seek(doc) } else { w.doc() };
            if at == doc {
                return true;
            }
        }
        let Some(((first_offset, first), rest)) = self.grams.split_first_mut() else { return false };
        first.positions(&mut self.positions);
        self.bases.clear();
        self.bases.extend(self.positions.iter().filter_map(|p| p.checked_sub(*first_offset)));
        for (offset, postings) in rest {
            postings.positions(&mut self.positions);
            let mut k = 0;
            let positions = &self.positions;
            self.bases.retain(|base| {
                let want = base + *offset;
                while k < positions.len() && positions[k] < want {
                    k += 1;
                }
                k < positions.len() && positions[k] == want
            });
            if self.bases.is_empty() {
                return false;
            }
        }
        !self.bases.is_empty()
    }
}

impl DocSet for ExactScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.settle(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        self.settle(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.grams.first().map_or(0, |(_, p)| p.size_hint())
    }
}

impl Scorer for ExactScorer {
    /// A filter: the words of the query rank.
    fn score(&mut self) -> Score {
        0.0
    }
}
