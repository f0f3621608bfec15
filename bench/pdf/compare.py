"""Side by side on one core: shuzibao's PDF path against poppler on the same
page PDFs. Text and layout: shuzibao's open + read + layout of every page
(the `pdf_speed` example, in process) against `pdftotext -bbox` (one process
a file). Rendering: shuzibao's three sizes (2400, 1200, 200 px wide) with
PNG encoding against three runs of `pdftoppm -png -scale-to-x W` (one
process each). Every timing is the best of --repeat runs; everything runs
under `taskset -c CPU`. Each figure is given as wall time and as CPU time
(poppler's: user + system of the child process; ours: the thread's
schedstat): on a machine shared with other work the wall time also counts
the waits for the core, so compare the CPU figures then. Prints a Markdown
table and writes the figures as JSON (--json).

usage: compare.py --bin PDF_SPEED [--repeat N] [--cpu C] [--json OUT] PAGE.pdf...
"""
import argparse, json, os, resource, subprocess, sys, tempfile, time

WIDTHS = (1200, 2400, 200)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_of(cmd, repeat, cpu):
    """(wall, cpu) seconds of the run with the least CPU time."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        t, c = time.perf_counter(), children_cpu()
        subprocess.run(["taskset", "-c", str(cpu)] + cmd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        took = (time.perf_counter() - t, children_cpu() - c)
        if took[1] < best[1]:
            best = took
    return best


def page_count(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", type=int, default=1)
    ap.add_argument("--json")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()

    ours = subprocess.run(["taskset", "-c", str(a.cpu), a.bin, "--repeat", str(a.repeat)] + a.files,
                          check=True, capture_output=True, text=True).stdout
    rows = [json.loads(l) for l in ours.splitlines() if l.startswith("{")]
    summary = next(r for r in rows if r.get("summary"))
    per_file = [r for r in rows if not r.get("summary")]
    pages = summary["pages"]
    # [wall, cpu] seconds
    text = [sum(r["text_ms"][k] for r in per_file) / 1e3 for k in (0, 1)]
    render = [sum(r["render_ms"][k] for r in per_file) / 1e3 for k in (0, 1)]
    encode = [sum(r["encode_ms"][k] for r in per_file) / 1e3 for k in (0, 1)]
    ours_png = dict(zip((2400, 1200, 200), (sum(r["png_bytes"][k] for r in per_file) for k in range(3))))

    pop_text = [0.0, 0.0]
    pop_render = [0.0, 0.0]
    pop_by_width = {w: [0.0, 0.0] for w in WIDTHS}
    pop_png = {w: 0 for w in WIDTHS}
    with tempfile.TemporaryDirectory() as tmp:
        for f in a.files:
            for k, v in enumerate(best_of(["pdftotext", "-bbox", f, os.path.join(tmp, "out.html")], a.repeat, a.cpu)):
                pop_text[k] += v
            for w in WIDTHS:
                prefix = os.path.join(tmp, f"p{w}")
                took = best_of(["pdftoppm", "-png", "-scale-to-x", str(w), "-scale-to-y", "-1", f, prefix],
                               a.repeat, a.cpu)
                for k, v in enumerate(took):
                    pop_by_width[w][k] += v
                    pop_render[k] += v
                for name in os.listdir(tmp):
                    if name.startswith(f"p{w}") and name.endswith(".png"):
                        pop_png[w] += os.path.getsize(os.path.join(tmp, name))
                        os.remove(os.path.join(tmp, name))
    pop_pages = sum(page_count(f) for f in a.files)
    assert pop_pages == pages, (pop_pages, pages)

    per_s = lambda t: [pages / v for v in t]
    ms = lambda t: [v * 1e3 / pages for v in t]
    r = {
        "files": len(a.files), "pages": pages, "cpu": a.cpu, "repeat": a.repeat,
        "note": "pairs are [wall, cpu]",
        "ours_text_pages_per_s": per_s(text), "pdftotext_pages_per_s": per_s(pop_text),
        "ours_render_ms_per_page": ms(render), "ours_encode_ms_per_page": ms(encode),
        "pdftoppm_ms_per_page": ms(pop_render),
        "pdftoppm_ms_per_page_by_width": {w: ms(pop_by_width[w]) for w in WIDTHS},
        "ours_png_kb_per_page": {w: ours_png[w] / 1024 / pages for w in WIDTHS},
        "pdftoppm_png_kb_per_page": {w: pop_png[w] / 1024 / pages for w in WIDTHS},
    }
    if a.json:
        json.dump(r, open(a.json, "w"), indent=1)
    print(f"{pages} pages in {len(a.files)} files, one core (cpu {a.cpu}), best of {a.repeat}; "
          "each figure wall / CPU\n")
    print("| path | shuzibao | poppler | poppler's time ÷ shuzibao's (wall / CPU) |")
    print("|---|---|---|---|")
    ot, pt = r["ours_text_pages_per_s"], r["pdftotext_pages_per_s"]
    print(f"| text and layout, pages/s (poppler: `pdftotext -bbox`) | {ot[0]:.1f} / {ot[1]:.1f} | "
          f"{pt[0]:.1f} / {pt[1]:.1f} | {ot[0] / pt[0]:.2f} / {ot[1] / pt[1]:.2f} |")
    orr, pr = r["ours_render_ms_per_page"], r["pdftoppm_ms_per_page"]
    print(f"| render 2400 + 1200 + 200 px with PNG, ms/page (poppler: three `pdftoppm -png`) | "
          f"{orr[0]:.1f} / {orr[1]:.1f} | {pr[0]:.1f} / {pr[1]:.1f} | {pr[0] / orr[0]:.2f} / {pr[1] / orr[1]:.2f} |")
    oe = r["ours_encode_ms_per_page"]
    bw = r["pdftoppm_ms_per_page_by_width"]
    print(f"\nshuzibao's PNG encoding, ms/page (in the render figure): {oe[0]:.1f} / {oe[1]:.1f}")
    print("pdftoppm by width, ms/page: " + ", ".join(f"{w} px {bw[w][0]:.1f} / {bw[w][1]:.1f}" for w in WIDTHS))
    ok, pk = r["ours_png_kb_per_page"], r["pdftoppm_png_kb_per_page"]
    print("PNG KB/page, shuzibao / pdftoppm: " + ", ".join(f"{w} px {ok[w]:.0f} / {pk[w]:.0f}" for w in (2400, 1200, 200)))


if __name__ == "__main__":
    main()
