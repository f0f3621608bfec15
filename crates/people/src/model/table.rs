//! The weights of the features by hash, laid out for labelling: each
//! feature's weights beside its hash in a slot of 32 bytes, two slots a
//! cache line (a bucket), and each feature in one of the two buckets its hash
//! gives (cuckoo hashing).
//!
//! A look-up reads both buckets and adds the weights of the slot whose hash
//! matches, without a branch and without a second read: labelling asks for a
//! character's buckets a few characters ahead, so that the memory brings
//! hashes and weights at once. (A table of rows beside a table of slots made
//! each look-up wait for the row after the slot; and a branch on whether a
//! feature is there was mispredicted half the time.)

use crate::tags::LABELS;

/// One feature: its hash and its weights, a label a lane.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u32,
    weights: [i16; LABELS],
    /// 1 when the slot holds a feature (an empty slot has hash 0 and
    /// weights 0: a look-up of hash 0 adds nothing from it).
    used: u16,
}

/// Two slots: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket([Slot; 2]);

/// The features' weights, in units of the model's scale.
#[derive(Clone)]
pub(super) struct Table {
    buckets: Vec<Bucket>,
    /// log2 of the number of buckets.
    bits: u32,
    len: usize,
}

impl Table {
    /// A table of `(hash, weights)`, every hash once.
    pub(super) fn new(mut entries: Vec<(u32, [i16; LABELS])>) -> Table {
        // in the order of the hashes, so that the table is the same every time
        entries.sort_unstable_by_key(|e| e.0);
        // about three quarters full at most
        let mut bits = (entries.len() * 2 / 3).next_power_of_two().max(8).trailing_zeros();
        loop {
            if let Some(buckets) = Self::place(&entries, bits) {
                return Table { buckets, bits, len: entries.len() };
            }
            bits += 1;
        }
    }

    /// The buckets with every entry in one of its two, or `None` when one
    /// found no place (then a larger table is tried).
    fn place(entries: &[(u32, [i16; LABELS])], bits: u32) -> Option<Vec<Bucket>> {
        let mut buckets = vec![Bucket::default(); 1 << bits];
        for (n, &(key, weights)) in entries.iter().enumerate() {
            let mut slot = Slot { key, weights, used: 1 };
            let mut at = first(key, bits);
            let mut placed = false;
            for step in 0..500 {
                if let Some(free) = buckets[at].0.iter_mut().find(|s| s.used == 0) {
                    *free = slot;
                    placed = true;
                    break;
                }
                // push a slot out to its other bucket (which one, by turns)
                std::mem::swap(&mut buckets[at].0[(n + step) % 2], &mut slot);
                let (a, b) = (first(slot.key, bits), second(slot.key, bits));
                at = if a == at { b } else { a };
            }
            if !placed {
                return None;
            }
        }
        Some(buckets)
    }

    /// How many features it holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Every feature and its weights, in the order of the hashes.
    pub(super) fn entries(&self) -> Vec<(u32, [i16; LABELS])> {
        let mut out: Vec<(u32, [i16; LABELS])> =
            self.buckets.iter().flat_map(|b| b.0).filter(|s| s.used == 1).map(|s| (s.key, s.weights)).collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Asks the memory for the two buckets of `k`, without waiting for them.
    #[inline]
    pub(super) fn prefetch(&self, k: u32) {
        mem_prefetch::prefetch_read_data::<_, 3>(&self.buckets[first(k, self.bits)]);
        mem_prefetch::prefetch_read_data::<_, 3>(&self.buckets[second(k, self.bits)]);
    }

    /// Adds the weights of feature `k` to `sum` (nothing when the model
    /// lacks it).
    #[inline]
    pub(super) fn add(&self, k: u32, sum: &mut [i32; LABELS]) {
        let (a, b) = (first(k, self.bits), second(k, self.bits));
        // (where both buckets of a hash are one, it is read once)
        for (at, counts) in [(a, true), (b, a != b)] {
            for s in &self.buckets[at].0 {
                let mask = -i32::from(s.key == k && counts);
                for (x, w) in sum.iter_mut().zip(s.weights) {
                    *x += i32::from(w) & mask;
                }
            }
        }
    }

    /// The weights of feature `k`, if the model has it.
    #[cfg(test)]
    pub(super) fn get(&self, k: u32) -> Option<[i16; LABELS]> {
        [first(k, self.bits), second(k, self.bits)]
            .into_iter()
            .flat_map(|at| self.buckets[at].0)
            .find(|s| s.used == 1 && s.key == k)
            .map(|s| s.weights)
    }
}

#[inline]
fn first(k: u32, bits: u32) -> usize {
    (k & ((1 << bits) - 1)) as usize
}

#[inline]
fn second(k: u32, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_is_found_and_no_other() {
        // more features than one bucket a hash can hold, hash 0 among them
        let entries: Vec<(u32, [i16; LABELS])> =
            (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761), [(i + 1) as i16; LABELS])).collect();
        let t = Table::new(entries.clone());
        assert_eq!(t.len(), 5000);
        for (k, w) in &entries {
            assert_eq!(t.get(*k), Some(*w));
            let mut sum = [0i32; LABELS];
            t.add(*k, &mut sum);
            assert_eq!(sum, w.map(i32::from));
        }
        let mut sum = [0i32; LABELS];
        t.add(7, &mut sum);
        assert_eq!((t.get(7), sum), (None, [0; LABELS]));
        let mut back = t.entries();
        back.sort_unstable_by_key(|e| e.0);
        let mut want = entries;
        want.sort_unstable_by_key(|e| e.0);
        assert!(back == want);
    }
}
