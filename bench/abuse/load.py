#!/usr/bin/env python3
"""Abuse load on a running `shuzibao serve`, on loopback, bounded in time.

Standard library only (asyncio, raw HTTP/1.1). At the same time, for
--duration seconds:

  normal    --conns keep-alive connections, each asking for pages, searches and
            API answers one after another;
  probe     one more client asking for a normal page every 50 ms: the latency
            a reader sees during the abuse;
  slow      --slow clients sending their headers a byte a second (slowloris),
            reconnecting when dropped;
  hostile   --hostile malformed or huge queries on /search, /api/v1/search
            and /feeds/search.atom;
  bodies    POSTs announcing or streaming bodies over the 8 MiB limit;
  guesses   POSTs with wrong admin tokens.

Then waits for the slow clients to be dropped, checks the server still
answers, and prints a summary (and writes it as JSON with --json).
"""

import argparse
import asyncio
import collections
import json
import os
import random
import statistics
import sys
import time
import urllib.parse

HOST = "127.0.0.1"


class Stats:
    def __init__(self):
        self.status = collections.defaultdict(collections.Counter)
        self.errors = collections.defaultdict(collections.Counter)
        self.latency = collections.defaultdict(list)

    def ok(self, kind, status, seconds):
        self.status[kind][status] += 1
        self.latency[kind].append(seconds)

    def err(self, kind, what):
        self.errors[kind][what] += 1


class Closed(Exception):
    """The server closed the connection before a whole answer."""


async def read_answer(reader):
    """Status, headers and body of one HTTP/1.1 answer."""
    line = await reader.readline()
    if not line:
        raise Closed("closed before the status line")
    parts = line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise Closed("not HTTP: %r" % line[:40])
    status = int(parts[1])
    headers = {}
    while True:
        h = await reader.readline()
        if not h:
            raise Closed("closed in the headers")
        if h in (b"\r\n", b"\n"):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    else:
        body = await reader.read()
    return status, headers, body


def request_bytes(method, path, headers=(), body=b""):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: %s" % HOST]
    lines += ["%s: %s" % h for h in headers]
    if body or method == "POST":
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    async def ask(self, method, path, headers=(), body=b"", timeout=20.0):
        async def go():
            if self.conn is None:
                self.conn = await asyncio.open_connection(HOST, self.port)
            reader, writer = self.conn
            writer.write(request_bytes(method, path, headers, body))
            await writer.drain()
            status, h, b = await read_answer(reader)
            if h.get("connection", "").lower() == "close":
                self.close()
            return status, h, b

        try:
            return await asyncio.wait_for(go(), timeout)
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn[1].close()
            self.conn = None


def error_name(e):
    if isinstance(e, asyncio.TimeoutError):
        return "timeout"
    if isinstance(e, ConnectionResetError):
        return "reset"
    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, (BrokenPipeError, Closed, asyncio.IncompleteReadError)):
        return "closed"
    return type(e).__name__


def normal_paths(article_ids):
    q = lambda s: urllib.parse.quote(s)
    paths = ["/", "/about", "/people", "/issues/2023-09-18", "/issues/2024-01-01", "/feeds/latest.atom"]
    paths += ["/articles/%d" % i for i in article_ids]
    for w in ["徐汇", "曹立强", "主题教育", "党史", "科技企业", "\"高质量发展\"", "调研 date:2023"]:
        paths.append("/search?q=" + q(w))
        paths.append("/api/v1/search?q=" + q(w))
    return paths


def hostile_queries():
    raw = [
        '"' * 999, "(" * 999, "((((((((((徐汇))))))))))", '"徐汇"~99999999999999999999',
        "a " * 400, "徐汇 " * 100, " OR ".join(["徐汇"] * 60), " OR ".join(["a"] * 190), "OR OR OR", "-", "--",
        "*", "?", "%", "%%", "_", "徐*", "*汇*", ".*", "^(a+)+$", "(a|aa)*b", "[a-z]{1000}", "\\d+\\",
        "徐汇\0党史", "\0", "\x01\x02\x1f\x7f", "\u202e徐汇\u200b", "e\u0301" * 200, "😀" * 200,
        "date:9999-99-99", "page:99999999999999999999", "page:5..1", "title:", "reporter:" + "王" * 400,
        "kind:<script>", "' OR 1=1 --", "<script>alert(1)</script>", "{{ 7*7 }}", "${jndi:ldap://x}",
        "徐" * 440, "a" * 1001, "a" * 5000,
    ]
    qs = ["q=" + urllib.parse.quote(r, safe="") for r in raw]
    qs += ["q=%FF%FE", "q=%", "q=%zz", "q=a&q=b", "q=%E5%BE%90&p=-1", "q=%E5%BE%90&p=99999999999999999999",
           "q=%E5%BE%90&from=abc", "q=%E5%BE%90&kind=%00", "reporter=" + "%E7%8E%8B" * 300]
    return qs


async def normal_worker(port, deadline, st, paths, kind="normal", pause=0.0):
    c = Client(port)
    while time.monotonic() < deadline:
        path = random.choice(paths)
        t0 = time.monotonic()
        try:
            status, _, _ = await c.ask("GET", path)
            st.ok(kind, status, time.monotonic() - t0)
        except Exception as e:  # noqa: BLE001 - every failure is counted
            st.err(kind, error_name(e))
            await asyncio.sleep(0.05)
        if pause:
            await asyncio.sleep(pause)
    c.close()


async def slow_worker(port, deadline, st):
    """Sends a request head a byte a second; records how long until dropped."""
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
        except Exception as e:  # noqa: BLE001
            st.err("slow", error_name(e))
            await asyncio.sleep(1)
            continue
        t0 = time.monotonic()
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")
        dropped = None
        answered = False
        pending = b"X-Slowloris: " + b"a" * 1000
        for b in pending:
            try:
                data = await asyncio.wait_for(reader.read(1024), 1.0)
                if data:
                    answered = True
                dropped = "closed"
                break
            except asyncio.TimeoutError:
                pass
            except Exception as e:  # noqa: BLE001
                dropped = error_name(e)
                break
            try:
                writer.write(bytes([b]))
                await writer.drain()
            except Exception as e:  # noqa: BLE001
                dropped = error_name(e)
                break
            if time.monotonic() > deadline + 30:
                break
        held = time.monotonic() - t0
        writer.close()
        if dropped is None:
            st.err("slow", "never dropped")
        else:
            st.ok("slow", "answered" if answered else "dropped", held)


async def hostile_worker(port, queue, st):
    c = Client(port)
    while True:
        try:
            path = queue.get_nowait()
        except asyncio.QueueEmpty:
            break
        t0 = time.monotonic()
        try:
            status, _, _ = await c.ask("GET", path)
            st.ok("hostile", status, time.monotonic() - t0)
        except Exception as e:  # noqa: BLE001
            st.err("hostile", error_name(e))
    c.close()


async def oversize(port, token, n, st):
    """Bodies over the limit: announced (without a token, with the token, and
    with `Expect: 100-continue` as curl sends them) and streamed (chunked,
    with the token)."""
    big = 9 << 20
    kinds = ("announced", "announced+token", "announced+expect", "chunked+token")
    for i in range(n):
        how = kinds[i % len(kinds)]
        t0 = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 10)
            head = ["POST /api/v1/issues HTTP/1.1", "Host: x", "Content-Type: text/plain"]
            if "token" in how or "expect" in how:
                head.append("Authorization: Bearer " + token)
            if "expect" in how:
                head.append("Expect: 100-continue")
            head.append("Content-Length: %d" % big if how.startswith("announced") else "Transfer-Encoding: chunked")
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
            chunked = how.startswith("chunked")

            async def send_body():
                piece = b"a" * (256 << 10)
                sent = 0
                try:
                    while sent < big:
                        writer.write(("%x\r\n" % len(piece)).encode() + piece + b"\r\n" if chunked else piece)
                        await writer.drain()
                        sent += len(piece)
                    if chunked:
                        writer.write(b"0\r\n\r\n")
                        await writer.drain()
                except Exception:  # noqa: BLE001 - the server may stop reading: that is the point
                    pass

            # with Expect, the body goes only after a 100 Continue
            sender = None if "expect" in how else asyncio.ensure_future(send_body())
            status, _, _ = await asyncio.wait_for(read_answer(reader), 20)
            if status == 100:
                sender = asyncio.ensure_future(send_body())
                status, _, _ = await asyncio.wait_for(read_answer(reader), 20)
            if sender:
                sender.cancel()
            writer.close()
            st.ok("oversize " + how, status, time.monotonic() - t0)
        except Exception as e:  # noqa: BLE001
            st.err("oversize " + how, error_name(e))


async def guesses(port, n, st):
    c = Client(port)
    for i in range(n):
        token = "guess-%08x-%s" % (random.getrandbits(32), "x" * (i % 20))
        t0 = time.monotonic()
        try:
            status, _, _ = await c.ask("POST", "/api/v1/issues", [("Authorization", "Bearer " + token)], b"x")
            st.ok("guesses", status, time.monotonic() - t0)
        except Exception as e:  # noqa: BLE001
            st.err("guesses", error_name(e))
    c.close()


def proc(pid):
    """RSS, peak RSS (KiB), open files and threads of the server."""
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM", "Threads"):
                    out[k] = int(v.split()[0])
        out["fds"] = len(os.listdir("/proc/%d/fd" % pid))
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        out["cpu_s"] = round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)
    except OSError:
        pass
    return out


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


async def health(port):
    c = Client(port)
    try:
        t0 = time.monotonic()
        s1, _, _ = await c.ask("GET", "/about", timeout=5)
        s2, _, b = await c.ask("GET", "/api/v1/search?q=" + urllib.parse.quote("徐汇"), timeout=5)
        return {"about": s1, "search": s2, "search_total": json.loads(b).get("total"), "ms": round((time.monotonic() - t0) * 1000, 1)}
    except Exception as e:  # noqa: BLE001
        return {"error": error_name(e)}
    finally:
        c.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True, help="the server's pid (for RSS and open files)")
    ap.add_argument("--token", required=True, help="the server's admin token")
    ap.add_argument("--duration", type=float, default=20)
    ap.add_argument("--conns", type=int, default=1000)
    ap.add_argument("--slow", type=int, default=200)
    ap.add_argument("--hostile", type=int, default=3000)
    ap.add_argument("--oversize", type=int, default=40)
    ap.add_argument("--guesses", type=int, default=300)
    ap.add_argument("--drain", type=float, default=15, help="seconds to wait for slow clients afterwards")
    ap.add_argument("--json", help="write the summary here")
    a = ap.parse_args()
    st = Stats()

    c = Client(a.port)
    _, _, b = await c.ask("GET", "/api/v1/articles?limit=200")
    ids = [x["id"] for x in json.loads(b)["articles"]]
    c.close()
    paths = normal_paths(ids)
    before = proc(a.pid)
    t_start = time.monotonic()
    deadline = t_start + a.duration

    queue = asyncio.Queue()
    hq = hostile_queries()
    eps = ["/search?", "/api/v1/search?", "/feeds/search.atom?"]
    for i in range(a.hostile):
        queue.put_nowait(eps[i % 3] + hq[(i // 3) % len(hq)])

    tasks = []
    # open the normal connections over the first two seconds (1,000 SYNs at
    # once would overflow the listen queue and measure the kernel's retry)
    for i in range(a.conns):
        tasks.append(asyncio.ensure_future(normal_worker(a.port, deadline, st, paths)))
        if i % 50 == 49:
            await asyncio.sleep(0.1)
    tasks.append(asyncio.ensure_future(normal_worker(a.port, deadline, st, paths, "probe", 0.05)))
    for i in range(a.slow):
        tasks.append(asyncio.ensure_future(slow_worker(a.port, deadline, st)))
    tasks += [asyncio.ensure_future(hostile_worker(a.port, queue, st)) for _ in range(20)]
    # the oversize bodies first: once the guesses lock 127.0.0.1 out, even
    # the right token gets 429 from there for a while
    async def admin_abuse():
        await oversize(a.port, a.token, a.oversize, st)
        await guesses(a.port, a.guesses, st)

    tasks.append(asyncio.ensure_future(admin_abuse()))

    peak = dict(before)
    load_tasks = tasks[: a.conns + 1]
    while time.monotonic() < deadline or not all(t.done() for t in load_tasks):
        await asyncio.sleep(0.5)
        now = proc(a.pid)
        peak = {k: max(peak.get(k, 0), now.get(k, 0)) for k in set(peak) | set(now)}
    during = proc(a.pid)
    # the slow clients are dropped within the header timeout; wait for them
    rest = [t for t in tasks if not t.done()]
    if rest:
        await asyncio.wait(rest, timeout=a.drain)
    for t in tasks:
        if not t.done():
            t.cancel()
            st.err("unfinished", "task")
    elapsed = time.monotonic() - t_start
    await asyncio.sleep(1)
    after = proc(a.pid)
    alive = await health(a.port)

    summary = {"duration_s": a.duration, "elapsed_s": round(elapsed, 1), "server_before": before,
               "server_peak": peak, "server_end_of_load": during, "server_after": after, "health_after": alive, "kinds": {}}
    for kind in sorted(set(st.status) | set(st.errors)):
        lat = st.latency.get(kind, [])
        summary["kinds"][kind] = {
            "answers": sum(v for k, v in st.status[kind].items()),
            "status": {str(k): v for k, v in sorted(st.status[kind].items(), key=lambda kv: str(kv[0]))},
            "errors": dict(st.errors[kind]),
            "p50_ms": round(pct(lat, 50) * 1000, 1) if lat else None,
            "p99_ms": round(pct(lat, 99) * 1000, 1) if lat else None,
            "max_ms": round(max(lat) * 1000, 1) if lat else None,
        }
    n = summary["kinds"].get("normal", {})
    summary["normal_rps"] = round(n.get("answers", 0) / a.duration, 0)

    print("== abuse run: %.0f s of load, %d connections, %d slow clients, %d hostile queries, %d oversize bodies, %d token guesses"
          % (a.duration, a.conns, a.slow, a.hostile, a.oversize, a.guesses))
    print("%-26s %8s %-38s %-30s %9s %9s %9s" % ("kind", "answers", "status", "errors", "p50 ms", "p99 ms", "max ms"))
    for kind, k in summary["kinds"].items():
        print("%-26s %8d %-38s %-30s %9s %9s %9s" % (kind, k["answers"], " ".join("%s:%d" % kv for kv in k["status"].items()),
              " ".join("%s:%d" % kv for kv in k["errors"].items()) or "-", k["p50_ms"], k["p99_ms"], k["max_ms"]))
    kib = lambda d, k: "%.1f MiB" % (d.get(k, 0) / 1024)
    print("normal requests answered per second: %d" % summary["normal_rps"])
    print("server RSS before %s, peak %s, after %s; open files before %s, peak %s, after %s; threads before %s, after %s"
          % (kib(before, "VmRSS"), kib(after, "VmHWM"), kib(after, "VmRSS"), before.get("fds"), peak.get("fds"), after.get("fds"),
             before.get("Threads"), after.get("Threads")))
    print("server CPU during the run: %.1f s of %.1f s elapsed (this client: %.1f s)"
          % (after.get("cpu_s", 0) - before.get("cpu_s", 0), elapsed, time.process_time()))
    print("still answering afterwards: %s" % alive)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1, ensure_ascii=False)
    ok = "error" not in alive and alive.get("about") == 200 and alive.get("search") == 200
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
