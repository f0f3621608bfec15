"""Drives bench/nodes/run.sh: made-up issues (the samples with other dates
in their mastheads) posted to the nodes in turn, and a quarter of them given
to one `shuzibao ingest --database` at the same time, while readers search
every node; then the delay from commit to searchable per node."""

import argparse
import glob
import json
import os
import statistics
import subprocess
import threading
import time
import urllib.parse
import urllib.request


def issue_texts(n):
    samples = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("samples/*.txt"))]
    out = []
    for i in range(n):
        y, m, d = 2010 + i // 336, 1 + (i // 28) % 12, 1 + i % 28
        text = samples[i % len(samples)]
        for old in ["2022年1月17日", "2023年9月18日"]:
            text = text.replace(old, f"{y}年{m}月{d}日")
        text = text.replace("2024 年  \n1 月 1 日", f"{y} 年  \n{m} 月 {d} 日")
        out.append((f"{y}-{m:02}-{d:02}", text))
    return out


def found(port, date):
    url = f"http://127.0.0.1:{port}/api/v1/search?q=" + urllib.parse.quote(f"date:{date}")
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)["total"] > 0
    except Exception:
        return False


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin")
    ap.add_argument("--database")
    ap.add_argument("--work")
    ap.add_argument("--issues", type=int)
    ap.add_argument("--readers", type=int)
    ap.add_argument("--token")
    ap.add_argument("--ports", type=int, nargs="+")
    a = ap.parse_args()
    issues = issue_texts(a.issues)
    by_cli = issues[::4]
    by_api = [x for i, x in enumerate(issues) if i % 4]
    cli_dir = os.path.join(a.work, "cli-issues")
    os.makedirs(cli_dir)
    for date, text in by_cli:
        open(os.path.join(cli_dir, f"issue-{date}.txt"), "w", encoding="utf-8").write(text)

    stop = threading.Event()
    reads = []

    def reader():
        words = ["主题教育", "徐汇", "食堂", "城市更新", "date:2010"]
        k = 0
        while not stop.is_set():
            port = a.ports[k % len(a.ports)]
            q = urllib.parse.quote(words[k % len(words)])
            t = time.monotonic()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/search?q={q}", timeout=10).read()
                reads.append(time.monotonic() - t)
            except Exception:
                pass
            k += 1

    readers = [threading.Thread(target=reader, daemon=True) for _ in range(a.readers)]
    for r in readers:
        r.start()

    delays = {p: [] for p in a.ports}
    lock = threading.Lock()

    def watch(date, committed, port):
        while not found(port, date):
            if time.monotonic() - committed > 30:
                break
            time.sleep(0.01)
        with lock:
            delays[port].append(time.monotonic() - committed)

    start = time.monotonic()
    cli = subprocess.Popen(
        [a.bin, "ingest", cli_dir, "--database", a.database, "--data", os.path.join(a.work, "cli"),
         "--files", os.path.join(a.work, "files")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchers = []
    for i, (date, text) in enumerate(by_api):
        port = a.ports[i % len(a.ports)]
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/issues", data=text.encode(), method="POST",
            headers={"Authorization": f"Bearer {a.token}", "X-Source-Name": f"issue-{date}.txt"})
        urllib.request.urlopen(req, timeout=60).read()
        committed = time.monotonic()
        for p in a.ports:
            w = threading.Thread(target=watch, args=(date, committed, p))
            w.start()
            watchers.append(w)
    cli.wait()
    api_done = time.monotonic() - start
    for w in watchers:
        w.join()
    # every issue, the command line's too, on every node
    for date, _ in issues:
        for port in a.ports:
            deadline = time.monotonic() + 30
            while not found(port, date) and time.monotonic() < deadline:
                time.sleep(0.05)
    total = time.monotonic() - start
    stop.set()
    print(f"{a.issues} issues ({len(by_api)} through the APIs of {len(a.ports)} nodes, {len(by_cli)} by one "
          f"ingest --database at once): written in {api_done:.1f} s, searchable everywhere after {total:.1f} s "
          f"({a.issues / total:.1f} issues/s)")
    for port in a.ports:
        d = delays[port]
        print(f"node :{port}: commit to searchable p50 {pct(d, .5) * 1000:.0f} ms, p99 {pct(d, .99) * 1000:.0f} ms, "
              f"max {max(d) * 1000:.0f} ms ({len(d)} issues)")
    print(f"readers ({a.readers}, all nodes): {len(reads)} searches, p50 {pct(reads, .5) * 1000:.1f} ms, "
          f"p99 {pct(reads, .99) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
