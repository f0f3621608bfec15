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
    errors = []  # every failed request or command, told at the end
    lock = threading.Lock()

    def error(what):
        with lock:
            errors.append(what)

    def reader():
        words = ["主题教育", "徐汇", "食堂", "城市更新", "date:2010"]
        k = 0
        while not stop.is_set():
            port = a.ports[k % len(a.ports)]
            q = urllib.parse.quote(words[k % len(words)])
            t = time.monotonic()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/search?q={q}", timeout=10) as r:
                    json.load(r)
                reads.append(time.monotonic() - t)
            except Exception as e:
                error(f"read :{port} {words[k % len(words)]}: {e}")
            k += 1

    readers = [threading.Thread(target=reader, daemon=True) for _ in range(a.readers)]
    for r in readers:
        r.start()

    delays = {p: [] for p in a.ports}
    missed = []

    def watch(date, committed, port):
        while not found(port, date):
            if time.monotonic() - committed > 30:
                with lock:
                    missed.append((port, date))
                return
            time.sleep(0.01)
        with lock:
            delays[port].append(time.monotonic() - committed)

    watchers = []
    per_node = {}  # port: (issues, seconds)

    def poster(port, mine):
        t0 = time.monotonic()
        for date, text in mine:
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/issues", data=text.encode(), method="POST",
                headers={"Authorization": f"Bearer {a.token}", "X-Source-Name": f"issue-{date}.txt"})
            try:
                urllib.request.urlopen(req, timeout=60).read()
            except Exception as e:
                error(f"POST :{port} {date}: {e}")
                continue
            committed = time.monotonic()
            for p in a.ports:
                w = threading.Thread(target=watch, args=(date, committed, p))
                w.start()
                with lock:
                    watchers.append(w)
        per_node[port] = (len(mine), time.monotonic() - t0)

    start = time.monotonic()
    cli_log = open(os.path.join(a.work, "cli.log"), "w")
    cli = subprocess.Popen(
        [a.bin, "ingest", cli_dir, "--database", a.database, "--data", os.path.join(a.work, "cli"),
         "--files", os.path.join(a.work, "files")],
        stdout=cli_log, stderr=subprocess.STDOUT)
    # one poster per node, all at once, beside the command line
    posters = [threading.Thread(target=poster, args=(port, by_api[i::len(a.ports)]))
               for i, port in enumerate(a.ports)]
    cli_end = []
    cli_waiter = threading.Thread(target=lambda: (cli.wait(), cli_end.append(time.monotonic())))
    for t in posters + [cli_waiter]:
        t.start()
    for t in posters + [cli_waiter]:
        t.join()
    if cli.returncode != 0:
        error(f"ingest --database exited with {cli.returncode} (see {a.work}/cli.log)")
    cli_secs = cli_end[0] - start
    api_done = time.monotonic() - start
    for w in list(watchers):
        w.join()
    # every issue, the command line's too, on every node
    absent = []
    for date, _ in issues:
        for port in a.ports:
            deadline = time.monotonic() + 30
            while not found(port, date):
                if time.monotonic() > deadline:
                    absent.append((port, date))
                    break
                time.sleep(0.05)
    total = time.monotonic() - start
    stop.set()
    for r in readers:
        r.join()
    print(f"{a.issues} issues ({len(by_api)} through the APIs of {len(a.ports)} nodes, {len(by_cli)} by one "
          f"ingest --database at once): written in {api_done:.1f} s, searchable everywhere after {total:.1f} s "
          f"({a.issues / total:.1f} issues/s together)")
    for port in a.ports:
        n, secs = per_node.get(port, (0, float("nan")))
        print(f"node :{port}: {n} issues posted in {secs:.1f} s ({n / secs:.1f} issues/s)")
    print(f"ingest --database: {len(by_cli)} issues in {cli_secs:.1f} s ({len(by_cli) / cli_secs:.1f} issues/s)")
    for port in a.ports:
        d = delays[port]
        if d:
            print(f"node :{port}: commit to searchable p50 {pct(d, .5) * 1000:.0f} ms, "
                  f"p99 {pct(d, .99) * 1000:.0f} ms, max {max(d) * 1000:.0f} ms ({len(d)} issues)")
    print(f"readers ({a.readers}, all nodes): {len(reads)} searches, p50 {pct(reads, .5) * 1000:.1f} ms, "
          f"p99 {pct(reads, .99) * 1000:.1f} ms")
    seen = len(issues) * len(a.ports) - len(absent)
    print(f"visible: {seen} of {len(issues) * len(a.ports)} (issue, node) pairs; "
          f"not searchable within 30 s of commit: {len(missed)}")
    print(f"errors: {len(errors)}")
    for e in errors[:20]:
        print(f"  {e}")
    for port, date in absent[:20]:
        print(f"  absent: {date} on :{port}")
    if errors or absent or missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
