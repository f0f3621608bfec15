#!/usr/bin/env python3
"""Score the parser on page cases, and say how honest its confidence is.

Usage:
  eval_pages.py [--bin PATH] [--curve] DIR [DIR ...]

Each DIR holds NAME.txt and NAME.gold.json as rmrb_pages.py or the corpus
make them. The binary parses all of a DIR's texts in one run (JSON Lines);
each issue is scored with ../shared/eval/score.py's own `score_issue`, so the
figures are score.py's. Per DIR it prints recall, precision, title, body and
their minimum.

--curve also charges every error to an article of the parse and ranks the
articles by their confidence (the lower of `confidence.boundary` and
`confidence.title`): an error is a spurious article (matches no gold), a
missed or merged article (charged to the article whose headline or text
holds the gold article's first words, else to the article after the last one
matched), or a title or body miss of a
matched article, as score.py counts them. It prints the share of errors held
by the lowest tenth (and fifth, and half) of the articles.
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.environ.get("SHUZIBAO_EVAL", os.path.join(HERE, "..", "..", "..", "shared", "eval"))
sys.path.insert(0, EVAL)
from score import score_issue, norm, body_of  # noqa: E402


def parse_all(binary, files):
    out = subprocess.run([binary, "parse", "--format", "json", *files], capture_output=True, check=False)
    lines = [l for l in out.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(files) == 1 and len(lines) != 1:
        return [json.loads(out.stdout.decode("utf-8"))]
    return [json.loads(l) for l in lines]


def conf_of(a):
    c = a.get("confidence") or {}
    return min(c.get("boundary", 1.0), c.get("title", 1.0))


def charge(gold, got):
    """Errors per parsed article (index -> count) and errors charged to none."""
    kinds, loose = charge_kinds(gold, got)
    return {i: b + t for i, (b, t) in kinds.items()}, loose


def charge_kinds(gold, got):
    """Errors per parsed article by kind (index -> [boundary or text, title])
    and errors charged to none."""
    arts = got.get("articles") or []
    used, kinds, loose = set(), {}, 0

    def add(i, kind):
        kinds.setdefault(i, [0, 0])[kind] += 1
    for g in gold["articles"]:
        start = norm(g["body_start"])
        hit = None
        for i, a in enumerate(arts):
            if i not in used and 0 <= norm(body_of(a)).find(start) <= 30:
                hit = i
                break
        if hit is None:
            # the article holding its first words (in its text or headline),
            # else the one after the last article matched (where it would be)
            whole = lambda a: norm((a.get("kicker") or "") + (a.get("title") or "") + (a.get("subtitle") or "")) + norm(body_of(a))
            holder = next((i for i, a in enumerate(arts) if start in whole(a)), None)
            if holder is None and arts:
                holder = min(max(used, default=-1) + 1, len(arts) - 1)
            if holder is None:
                loose += 1
            else:
                add(holder, 0)
            continue
        used.add(hit)
        a = arts[hit]
        if "title_any" in g:
            head = norm((a.get("kicker") or "") + (a.get("title") or "") + (a.get("subtitle") or ""))
            if not (norm(a.get("title")) and any(norm(t) in head for t in g["title_any"])):
                add(hit, 1)
        body = norm(body_of(a))
        bad = [c for c in g.get("body_contains", []) if norm(c) not in body]
        bad += [c for c in g.get("body_excludes", []) if norm(c) in body]
        if "body_end" in g and not body.endswith(norm(g["body_end"])):
            bad.append(g["body_end"])
        if bad:
            add(hit, 0)
    for i in range(len(arts)):
        if i not in used:
            add(i, 0)
    return kinds, loose


def main(argv):
    binary = os.path.join(HERE, "..", "..", "target", "release", "shuzibao")
    curve, dirs = False, []
    it = iter(argv)
    for x in it:
        if x == "--bin":
            binary = next(it)
        elif x == "--curve":
            curve = True
        else:
            dirs.append(x)
    ranked, loose_all = [], 0
    for d in dirs:
        golds = sorted(n for n in os.listdir(d) if n.endswith(".gold.json"))
        gs = [json.load(open(os.path.join(d, n), encoding="utf-8")) for n in golds]
        files = [os.path.join(d, g["file"]) for g in gs]
        gots = parse_all(binary, files)
        rows = []
        for g, got in zip(gs, gots):
            m, _ = score_issue(g, got)
            rows.append(m)
            if curve:
                errs, loose = charge(g, got)
                loose_all += loose
                for i, a in enumerate(got.get("articles") or []):
                    ranked.append((conf_of(a), errs.get(i, 0)))
        keys = ["article_recall", "article_precision", "title", "body"]
        means = {k: sum(r[k] for r in rows if k in r) / max(1, sum(1 for r in rows if k in r)) for k in keys}
        print(f"{d}: recall {means['article_recall']:.3f} precision {means['article_precision']:.3f} "
              f"title {means['title']:.3f} body {means['body']:.3f} min {min(means.values()):.3f}")
    if curve:
        ranked.sort(key=lambda r: r[0])
        total = sum(e for _, e in ranked) + loose_all
        print(f"articles {len(ranked)}, errors {total} ({loose_all} charged to no article)")
        for share in (0.05, 0.1, 0.2, 0.3, 0.5):
            k = max(1, round(len(ranked) * share))
            held = sum(e for _, e in ranked[:k])
            cut = ranked[k - 1][0] if ranked else 0
            print(f"  lowest {share:.0%} of confidence (<= {cut:.2f}): {held}/{total} errors = {held / max(1, total):.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
