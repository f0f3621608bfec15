"""Scores the parser on every producer folder of a retypeset.py output and prints one Markdown table row per
folder: article recall, precision, title, body, hotzone, reading order (means over its pages, as
../shared/eval/pdfpages/score_pages.py computes them). The parser's JSON is kept in OUT/json/PRODUCER/ so that
`score_pages.py -v OUT/PRODUCER --json OUT/json/PRODUCER` lists the misses without parsing again.

usage: score.py OUT_DIR [--bin target/release/shuzibao] [--scorer ../shared/eval/pdfpages/score_pages.py]
                [--label dev] [PRODUCER ...]"""
import argparse
import json
import os
import subprocess
import sys

KEYS = [("article_recall", "recall"), ("article_precision", "precision"), ("title", "title"), ("body", "body"),
        ("hotzone", "hotzone"), ("reading_order", "order")]


def parse_all(binary, folder, jdir):
    os.makedirs(jdir, exist_ok=True)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".gold.json"):
            continue
        gold = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        pdf = os.path.join(folder, gold["pdf"])
        r = subprocess.run([binary, "parse", "--format", "json", pdf], capture_output=True, timeout=120)
        if r.returncode != 0:
            print(f"{pdf}: parser failed: {r.stderr.decode(errors='replace')[-200:]}", file=sys.stderr)
        with open(os.path.join(jdir, os.path.splitext(gold["pdf"])[0] + ".json"), "wb") as f:
            f.write(r.stdout)


def means(scorer, folder, jdir):
    r = subprocess.run([sys.executable, scorer, folder, "--json", jdir], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if line.startswith("mean "):
            return dict((kv.split("=")[0], float(kv.split("=")[1])) for kv in line.split()[1:])
    raise RuntimeError(f"{folder}: no mean line from {scorer}: {r.stderr[-300:]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("producers", nargs="*")
    ap.add_argument("--bin", default="target/release/shuzibao")
    ap.add_argument("--scorer", default="../shared/eval/pdfpages/score_pages.py")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    producers = a.producers or sorted(d for d in os.listdir(a.out) if d != "json"
                                      and os.path.isdir(os.path.join(a.out, d)))
    print("| producer | split | pages | " + " | ".join(k for _, k in KEYS) + " |")
    print("|---|---|---|" + "---|" * len(KEYS))
    for p in producers:
        folder = os.path.join(a.out, p)
        jdir = os.path.join(a.out, "json", p)
        parse_all(a.bin, folder, jdir)
        m = means(a.scorer, folder, jdir)
        pages = sum(1 for f in os.listdir(folder) if f.endswith(".gold.json"))
        print(f"| {p} | {a.label} | {pages} | " + " | ".join(f"{m.get(k, 0):.2f}" for k, _ in KEYS) + " |",
              flush=True)


if __name__ == "__main__":
    main()
