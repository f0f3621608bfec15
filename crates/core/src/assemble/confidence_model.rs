//! The confidence model: how likely an article is to be wrong at its
//! boundaries and at its headline, read from the [`Evidence`] of the
//! article by two forests of boosted decision trees
//! (`crates/core/data/confidence.trees`, written by
//! `bench/parser/train_confidence.py` from the tuning pages only).
//!
//! The file is compiled in and read once. Should it ever fail to read (a
//! hand edit), each article keeps the confidence the rules gave it.

use super::evidence::{Evidence, EVIDENCE};
use crate::model::Confidence;
use std::sync::LazyLock;

/// The trained forests, as `train_confidence.py` writes them.
const TREES: &str = include_str!("../../data/confidence.trees");

/// One node of a tree as the file gives it, in preorder: a split's left
/// subtree follows it.
#[derive(Debug, Clone, Copy)]
enum Node {
    /// Evidence `feature` at most `threshold` goes left, else to `right`.
    Split { feature: usize, threshold: f64, right: usize },
    /// A leaf's share of the log-odds (the learning rate applied).
    Leaf(f64),
}

/// How deep every tree is laid out: the depth `train_confidence.py` trains
/// to, and the most the file may hold.
const DEPTH: usize = 4;
/// Splits and leaves of a tree laid out whole.
const SPLITS: usize = (1 << DEPTH) - 1;
const LEAVES: usize = 1 << DEPTH;
/// The evidence as the trees read it: padded to a power of two, so that a
/// split's feature always indexes it.
const READ: usize = EVIDENCE.next_power_of_two();

/// One tree laid out whole to [`DEPTH`] (a leaf above it repeated below),
/// read in `DEPTH` steps without a branch.
#[derive(Debug, Clone)]
struct Tree {
    /// Its splits in breadth-first order: the evidence read, and the
    /// greatest value that goes left (the last entry is unused).
    features: [u8; LEAVES],
    thresholds: [f32; LEAVES],
    /// Its leaves, left to right.
    leaves: [f64; LEAVES],
}

/// A forest of boosted trees giving the log-odds that an article is wrong.
#[derive(Debug)]
struct Forest {
    /// The log-odds before any tree.
    base: f64,
    trees: Vec<Tree>,
}

impl Forest {
    /// Lays out the trees given in preorder (`roots` index `nodes`).
    fn whole(base: f64, roots: &[usize], nodes: &[Node]) -> Result<Forest, String> {
        let mut trees = Vec::with_capacity(roots.len());
        for &root in roots {
            let mut t = Tree { features: [0; LEAVES], thresholds: [f32::INFINITY; LEAVES], leaves: [0.0; LEAVES] };
            place(&mut t, nodes, root, 0, 0)?;
            trees.push(t);
        }
        Ok(Forest { base, trees })
    }

    /// The log-odds of each evidence, tree by tree over all of them (a
    /// tree is read once for a page's articles, and the articles' walks
    /// down one tree overlap).
    fn log_odds_all(&self, evidence: &[Evidence], z: &mut Vec<f64>) {
        let read: Vec<[f32; READ]> = evidence
            .iter()
            .map(|e| {
                let mut r = [0f32; READ];
                r[..EVIDENCE].copy_from_slice(e);
                r
            })
            .collect();
        z.clear();
        z.resize(evidence.len(), self.base);
        for tree in &self.trees {
            for (e, z) in read.iter().zip(z.iter_mut()) {
                let mut pos = 0;
                for _ in 0..DEPTH {
                    let at = pos & (LEAVES - 1);
                    let go_right = e[usize::from(tree.features[at]) & (READ - 1)] > tree.thresholds[at];
                    pos = 2 * pos + 1 + usize::from(go_right);
                }
                *z += tree.leaves[(pos - SPLITS) & (LEAVES - 1)];
            }
        }
    }

    #[cfg(test)]
    fn log_odds(&self, e: &Evidence) -> f64 {
        let mut z = Vec::new();
        self.log_odds_all(std::slice::from_ref(e), &mut z);
        z[0]
    }
}

/// Puts the subtree at `at` (preorder) at position `pos` of `tree`, `level` deep.
fn place(tree: &mut Tree, nodes: &[Node], at: usize, pos: usize, level: usize) -> Result<(), String> {
    match nodes[at] {
        Node::Leaf(v) if level == DEPTH => tree.leaves[pos - SPLITS] = v,
        Node::Split { .. } if level == DEPTH => return Err(format!("a tree deeper than {DEPTH}")),
        Node::Split { feature, threshold, right } => {
            // (`feature` < EVIDENCE < 256, checked on reading)
            tree.features[pos] = u8::try_from(feature).map_err(|_| format!("feature {feature}"))?;
            tree.thresholds[pos] = at_most(threshold);
            place(tree, nodes, at + 1, 2 * pos + 1, level + 1)?;
            place(tree, nodes, right, 2 * pos + 2, level + 1)?;
        }
        // a leaf above the depth: every way down reaches its value
        Node::Leaf(_) => {
            place(tree, nodes, at, 2 * pos + 1, level + 1)?;
            place(tree, nodes, at, 2 * pos + 2, level + 1)?;
        }
    }
    Ok(())
}

/// The greatest `f32` at most `t`: an `f32` evidence is at most `t` exactly
/// when it is at most this (as scikit-learn compares its `float32` inputs
/// with `float64` thresholds).
fn at_most(t: f64) -> f32 {
    let near = t as f32;
    if f64::from(near) <= t || near.is_nan() {
        return near;
    }
    // one step toward minus infinity
    let bits = near.to_bits();
    if near == 0.0 {
        -f32::from_bits(1)
    } else if near > 0.0 {
        f32::from_bits(bits - 1)
    } else {
        f32::from_bits(bits + 1)
    }
}

/// The two forests: of the boundaries and of the headline.
#[derive(Debug)]
struct Models {
    boundary: Forest,
    title: Forest,
}

static MODELS: LazyLock<Option<Models>> = LazyLock::new(|| read(TREES).ok());

/// Reads the forests' file: `forest NAME BASE TREES`, then each tree as
/// `tree` and its nodes in preorder, `FEATURE THRESHOLD` for a split and
/// `= VALUE` for a leaf; `#` opens a comment.
fn read(text: &str) -> Result<Models, String> {
    let mut lines =
        text.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty() && !l.starts_with('#')).peekable();
    let mut forests = Vec::new();
    while let Some((n, line)) = lines.next() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let ["forest", name, base, trees] = parts[..] else {
            return Err(format!("line {}: expected `forest NAME BASE TREES`", n + 1));
        };
        let base: f64 = base.parse().map_err(|_| format!("line {}: bad base", n + 1))?;
        let trees: usize = trees.parse().map_err(|_| format!("line {}: bad tree count", n + 1))?;
        let (mut roots, mut nodes) = (Vec::with_capacity(trees), Vec::new());
        for _ in 0..trees {
            match lines.next() {
                Some((_, "tree")) => {}
                Some((n, _)) => return Err(format!("line {}: expected `tree`", n + 1)),
                None => return Err("the file ends inside a forest".into()),
            }
            roots.push(nodes.len());
            read_tree(&mut lines, &mut nodes)?;
        }
        forests.push((name.to_string(), Forest::whole(base, &roots, &nodes)?));
    }
    let mut take = |want: &str| {
        let at = forests.iter().position(|(n, _)| n == want).ok_or(format!("no forest named {want}"))?;
        Ok::<Forest, String>(forests.swap_remove(at).1)
    };
    Ok(Models { boundary: take("boundary")?, title: take("title")? })
}

/// Reads one tree's nodes in preorder (a split, its left subtree, its right).
fn read_tree<'a>(lines: &mut impl Iterator<Item = (usize, &'a str)>, nodes: &mut Vec<Node>) -> Result<(), String> {
    // the splits whose subtrees are being read: by node index, and whether
    // their right subtree has begun
    let mut open: Vec<(usize, bool)> = Vec::new();
    loop {
        let (n, line) = lines.next().ok_or("the file ends inside a tree")?;
        let bad = || format!("line {}: expected `FEATURE THRESHOLD` or `= VALUE`", n + 1);
        if let Some(value) = line.strip_prefix('=') {
            nodes.push(Node::Leaf(value.trim().parse().map_err(|_| bad())?));
            // a subtree is whole: the next node is the right subtree of the
            // innermost split still in its left one
            loop {
                match open.last_mut() {
                    None => return Ok(()),
                    Some((_, true)) => {
                        open.pop();
                    }
                    Some((split, in_right)) => {
                        *in_right = true;
                        let here = nodes.len();
                        if let Node::Split { right, .. } = &mut nodes[*split] {
                            *right = here;
                        }
                        break;
                    }
                }
            }
        } else {
            let (feature, threshold) = line.split_once(' ').ok_or_else(bad)?;
            let feature: usize = feature.parse().map_err(|_| bad())?;
            if feature >= EVIDENCE {
                return Err(format!("line {}: feature {feature} past the evidence's {EVIDENCE}", n + 1));
            }
            let threshold = threshold.trim().parse().map_err(|_| bad())?;
            open.push((nodes.len(), false));
            nodes.push(Node::Split { feature, threshold, right: 0 });
        }
    }
}

/// The chance of being right, from log-odds of being wrong, to two places
/// (as the JSON and the archive keep it).
fn sureness(log_odds: f64) -> f32 {
    let right = 1.0 / (1.0 + log_odds.exp());
    ((right.clamp(0.0, 1.0) * 100.0).round() / 100.0) as f32
}

/// Each article's confidence from its evidence, or the one the rules gave
/// it (`rules`, in the same order) when the model could not be read.
pub(super) fn weigh(evidence: &[Evidence], rules: &[Confidence]) -> Vec<Confidence> {
    let Some(m) = MODELS.as_ref() else { return rules.to_vec() };
    let (mut boundary, mut title) = (Vec::new(), Vec::new());
    m.boundary.log_odds_all(evidence, &mut boundary);
    m.title.log_odds_all(evidence, &mut title);
    boundary.into_iter().zip(title).map(|(b, t)| Confidence { boundary: sureness(b), title: sureness(t) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_forests_read() {
        let m = read(TREES).expect("confidence.trees reads");
        assert!(!m.boundary.trees.is_empty() && !m.title.trees.is_empty());
    }

    #[test]
    fn a_tree_goes_left_at_or_below_its_threshold() {
        let text = "forest boundary 0.5 1\ntree\n3 1.5\n= -1\n= 2\nforest title 0 1\ntree\n= 0.25\n";
        let m = read(text).expect("reads");
        let mut e = [0f32; EVIDENCE];
        e[3] = 1.5;
        assert!((m.boundary.log_odds(&e) - -0.5).abs() < 1e-9);
        e[3] = 1.6;
        assert!((m.boundary.log_odds(&e) - 2.5).abs() < 1e-9);
        assert!((m.title.log_odds(&e) - 0.25).abs() < 1e-9);
    }

    #[test]
    fn a_nested_tree_finds_its_right_subtrees() {
        // 0 <= 1 ? (1 <= 1 ? a : b) : (2 <= 1 ? c : d)
        let text = "forest boundary 0 1\ntree\n0 1\n1 1\n= 1\n= 2\n2 1\n= 3\n= 4\nforest title 0 1\ntree\n= 0\n";
        let m = read(text).expect("reads");
        let at = |a: f32, b: f32, c: f32| {
            let mut e = [0f32; EVIDENCE];
            (e[0], e[1], e[2]) = (a, b, c);
            m.boundary.log_odds(&e)
        };
        assert_eq!((at(0.0, 0.0, 0.0), at(0.0, 5.0, 0.0), at(5.0, 0.0, 0.0), at(5.0, 0.0, 5.0)), (1.0, 2.0, 3.0, 4.0));
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        for text in
            [
            "forest boundary x 1",
            "forest boundary 0 2\ntree\n= 1\n",
            "forest boundary 0 1\ntree\n999 1\n= 0\n= 0\n",
            // five splits deep: deeper than the layout
            "forest boundary 0 1\ntree\n0 1\n0 1\n0 1\n0 1\n0 1\n= 0\n= 0\n= 0\n= 0\n= 0\n= 0\nforest title 0 1\ntree\n= 0\n",
        ]
        {
            assert!(read(text).is_err(), "{text}");
        }
        let rule = Confidence { boundary: 0.4, title: 0.9 };
        assert_eq!(weigh(&[[0.0; EVIDENCE]; 2], &[rule, rule]).len(), 2);
    }

    #[test]
    fn an_article_that_ran_into_the_next_is_less_sure_than_the_articles_apart() {
        // a made-up flat page of three reports; then the second's headline lost,
        // so that the first runs on into its dated text
        let first = "示例区推进老旧小区改造\n\n本报讯（记者王甲）今天上午，示例区召开老旧小区改造推进会，\
                     总结去年的工作，部署今年的任务。\n\n会议指出，去年全区完成了三十个小区的改造，居民满意度明显提高。\n\n";
        let second = "本报讯（记者李乙）这几天，示例公园里的樱花陆续开放，吸引了许多市民前来观赏。\n\n\
                      公园管理处提醒游客文明赏花，不要攀折花枝。\n\n";
        let third = "示例区图书馆延长开放时间\n\n本报讯（记者赵丙）从下月起，示例区图书馆将延长开放时间，每天开放到晚上九点。\n";
        let apart = crate::parse(&format!("{first}公园里的花开了\n\n{second}{third}"));
        let run_on = crate::parse(&format!("{first}{second}{third}"));
        assert_eq!((apart.articles.len(), run_on.articles.len()), (3, 2));
        let least_apart = apart.articles.iter().map(|a| a.confidence.boundary).fold(1.0, f32::min);
        let merged = run_on.articles[0].confidence.boundary;
        assert!(merged < 0.8 * least_apart, "{merged} against {least_apart}");
    }

    #[test]
    fn a_leaf_above_the_forests_depth_is_reached_every_way_down() {
        // 0 <= 1 ? 1 : (1 <= 1 ? 2 : 3)
        let text = "forest boundary 0 1\ntree\n0 1\n= 1\n1 1\n= 2\n= 3\nforest title 0 1\ntree\n= 0\n";
        let m = read(text).expect("reads");
        let at = |a: f32, b: f32| {
            let mut e = [0f32; EVIDENCE];
            (e[0], e[1]) = (a, b);
            m.boundary.log_odds(&e)
        };
        assert_eq!((at(0.0, 0.0), at(0.0, 9.0), at(5.0, 0.0), at(5.0, 9.0)), (1.0, 1.0, 2.0, 3.0));
    }

    #[test]
    fn a_threshold_between_two_f32_keeps_the_f32_at_or_below_it_left() {
        for t in [0.1f64, -0.1, 1.0 / 3.0, 2.5, 0.0, -1e-40] {
            let a = at_most(t);
            assert!(f64::from(a) <= t, "{t}");
            // the next f32 up is above the threshold
            let up = if a >= 0.0 { f32::from_bits(a.to_bits() + 1) } else { f32::from_bits(a.to_bits() - 1) };
            assert!(f64::from(up) > t || (a == 0.0 && t == 0.0), "{t}: {a} {up}");
        }
    }
}
