#!/usr/bin/env python3
"""Train the parser's confidence model on page cases, and check it on others.

Usage:
  train_confidence.py --train DIR... [--check DIR...] [--write FILE] [--cv]

Each DIR holds page cases (NAME.txt and NAME.gold.json, as rmrb_pages.py
makes them). The example `confidence_evidence` of shuzibao-core parses every
page and prints, with the parse, what the confidence model reads of each
article (its evidence: see crates/core/src/assemble/evidence.rs). Every
error of the parse is charged to an article as eval_pages.py's --curve
charges it, by kind: a title miss to the headline, anything else (a spurious,
missed or merged article, a text miss) to the boundaries, an article with
several errors weighing as many. Two forests of boosted decision trees
(scikit-learn's GradientBoostingClassifier; deterministic: the same pages
give the same trees) give the chance that an article's boundaries and that
its headline are wrong; the confidence is one less each chance.

The forests' size (TREES, DEPTH, RATE, LEAF below) was chosen by --cv: the
training folders split in two halves (the first half of the DIRs given and
the second), each half's model scored on the other, over a grid; the
largest mean share of errors in the lowest tenth won. The parser lays every
tree out whole to depth 4 and refuses deeper ones: a DEPTH above 4 needs
`DEPTH` in crates/core/src/assemble/confidence_model.rs raised with it.

--write FILE writes the forests as the parser reads them
(crates/core/data/confidence.trees). --check DIRs are scored with the new
forests, never trained on: the share of errors held by the lowest tenth of
confidence (and 5 / 20 / 30 / 50 %).

Needs numpy and scikit-learn (pip install numpy scikit-learn); the parser
itself needs nothing of this.
"""
import json, os, subprocess, sys

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from eval_pages import charge_kinds  # noqa: E402

ROOT = os.path.join(HERE, "..", "..")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def evidence_binary():
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "shuzibao-core", "--example", "confidence_evidence"],
                   cwd=ROOT, check=True)
    return os.path.join(TARGET, "release", "examples", "confidence_evidence")


def read_dir(binary, d):
    """(evidence rows, [boundary error, title error] rows, page of each row) of a DIR."""
    golds = sorted(n for n in os.listdir(d) if n.endswith(".gold.json"))
    gs = [json.load(open(os.path.join(d, n), encoding="utf-8")) for n in golds]
    files = [os.path.join(d, g["file"]) for g in gs]
    out = subprocess.run([binary, *files], capture_output=True, check=True).stdout.decode("utf-8")
    rows, ys, loose = [], [], 0
    for g, line in zip(gs, out.splitlines()):
        got = json.loads(line)
        kinds, lost = charge_kinds(g, got["issue"])
        loose += lost
        for i, e in enumerate(got["evidence"]):
            b, t = kinds.get(i, [0, 0])
            rows.append(e)
            ys.append([b, t])
    return rows, ys, loose


# The forests' size, chosen by --cv (see above).
TREES, DEPTH, RATE, LEAF = 200, 4, 0.05, 20


def fit(X, counts, trees=TREES, depth=DEPTH, rate=RATE, leaf=LEAF):
    """A forest giving the chance of an error, an article weighing as many errors as it has."""
    m = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=rate,
                                   min_samples_leaf=leaf, random_state=0)
    m.fit(X, (counts > 0).astype(int), sample_weight=np.maximum(1, counts))
    return m


def confidence(X, mb, mt):
    """As the parser gives it: the lower of the two, to two places."""
    cb = np.round(mb.predict_proba(X)[:, 0] * 100) / 100
    ct = np.round(mt.predict_proba(X)[:, 0] * 100) / 100
    return np.minimum(cb, ct)


def curve(conf, errors, loose):
    order = np.argsort(conf, kind="stable")
    total = errors.sum() + loose
    out = {}
    for share in (0.05, 0.1, 0.2, 0.3, 0.5):
        k = max(1, round(len(conf) * share))
        out[share] = errors[order[:k]].sum() / max(1, total)
    return total, out


def forest_lines(name, m, X):
    """A forest as the parser reads it, checked against scikit-learn's own sums."""
    trees = [e[0].tree_ for e in m.estimators_]

    def preorder(t, node, out):
        if t.children_left[node] == -1:
            out.append(f"= {float(m.learning_rate * t.value[node][0][0])!r}")
        else:
            out.append(f"{int(t.feature[node])} {float(t.threshold[node])!r}")
            preorder(t, t.children_left[node], out)
            preorder(t, t.children_right[node], out)

    def leaves_sum(x):
        z = 0.0
        for t in trees:
            node = 0
            while t.children_left[node] != -1:
                node = t.children_left[node] if np.float32(x[t.feature[node]]) <= t.threshold[node] else t.children_right[node]
            z += m.learning_rate * t.value[node][0][0]
        return z

    raw = m.decision_function(X[:200])
    base = float(raw[0] - leaves_sum(X[0]))
    worst = max(abs(raw[i] - base - leaves_sum(X[i])) for i in range(len(raw)))
    assert worst < 1e-6, f"the exported forest differs from scikit-learn's by {worst}"
    out = [f"forest {name} {base!r} {len(trees)}"]
    for t in trees:
        out.append("tree")
        preorder(t, 0, out)
    return out


def write_trees(path, mb, mt, X, about):
    lines = ["# The parser's confidence model: two forests of boosted trees over the",
             "# evidence of crates/core/src/assemble/evidence.rs, giving the log-odds",
             "# that an article's boundaries (`boundary`) and its headline (`title`) are",
             "# wrong. Written by bench/parser/train_confidence.py; do not edit.",
             f"# {about}"]
    lines += forest_lines("boundary", mb, X) + forest_lines("title", mt, X)
    open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")


def read_all(binary, dirs):
    rows, ys, loose = [], [], 0
    for d in dirs:
        r, y, lost = read_dir(binary, d)
        rows += r
        ys += y
        loose += lost
    return np.array(rows, dtype=np.float64), np.array(ys), loose


def tenth(mb, mt, data):
    X, Y, loose = data
    return curve(confidence(X, mb, mt), Y.sum(axis=1), loose)


def cross_check(a, b):
    """Each half's forests scored on the other half, over the grid."""
    rows = []
    for trees in (50, 100, 200):
        for depth in (2, 3, 4):
            for rate in (0.05, 0.1):
                for leaf in (1, 20):
                    shares = []
                    for one, other in ((a, b), (b, a)):
                        ms = [fit(one[0], one[1][:, k], trees, depth, rate, leaf) for k in (0, 1)]
                        shares.append(tenth(*ms, other)[1][0.1])
                    rows.append((sum(shares) / 2, trees, depth, rate, leaf))
                    print(f"  trees {trees} depth {depth} rate {rate} leaf {leaf}: {rows[-1][0]:.3f}", flush=True)
    best = max(rows)
    print(f"best: trees {best[1]}, depth {best[2]}, rate {best[3]}, leaf {best[4]} ({best[0]:.3f})")


def main(argv):
    train, check, write, cv = [], [], None, False
    it, into = iter(argv), None
    for x in it:
        if x == "--train":
            into = train
        elif x == "--check":
            into = check
        elif x == "--write":
            write = next(it)
        elif x == "--cv":
            cv = True
        else:
            into.append(x)
    binary = evidence_binary()
    if cv:
        half = len(train) // 2
        cross_check(read_all(binary, train[:half]), read_all(binary, train[half:]))
    data = read_all(binary, train)
    X, Y, _ = data
    mb, mt = fit(X, Y[:, 0]), fit(X, Y[:, 1])
    total, c = tenth(mb, mt, data)
    print(f"trained on {len(train)} page sets, {len(X)} articles, {int(total)} errors; "
          f"the lowest tenth holds {c[0.1]:.2f} of them (training pages)")
    if check:
        checked = read_all(binary, check)
        total, c = tenth(mb, mt, checked)
        shares = " ".join(f"{k:.0%} {v:.2f}" for k, v in c.items())
        print(f"checked on {len(check)} page sets, {len(checked[0])} articles, {int(total)} errors: {shares}")
    if write:
        about = f"Trained on {len(train)} page sets: " + " ".join(os.path.basename(d) for d in train)
        write_trees(write, mb, mt, X, about)
        print(f"forests written to {write}")


if __name__ == "__main__":
    main(sys.argv[1:])
