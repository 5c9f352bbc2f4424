#!/usr/bin/env python3
"""The soak test's clients (started by tests/soak/run).

    clients.py BASE_URL CLIENTS SECONDS SERVER_PID TRANSCRIPT

Client N signs in as SellerN (password password-soak-N) and works on its
buyers "Buyer N.1", "Buyer N.2"... (a random one each request) until SECONDS have passed, one request at a time over a kept-alive
connection.  Prints a JSON report on stdout: requests, errors (a status
other than the one expected, or a dropped connection), latency
percentiles, the writes that succeeded per kind, and the server's VmRSS
after the warm-up and at the end.
"""
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse

base, nclients, seconds, pid, transcript = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
    int(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlsplit(base)
vtt = open(transcript, encoding="utf-8").read()
lock = threading.Lock()
report = {"requests": 0, "errors": 0, "first_errors": [], "by_kind": {},
          "writes": {"log": 0, "promise": 0, "kept": 0, "fact": 0, "upload": 0}}
latencies = []


def rss_kb():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


class Client:
    def __init__(self, n):
        self.n = n
        self.name = f"Seller{n}"
        self.token = open(f"token.{n}").read().strip()
        self.conn = None
        self.cookies = {}
        self.csrf = ""
        self.buyer = 0
        self.open_promises = []
        self.interactions = []
        self.rng = random.Random(n)

    def request(self, kind, method, path, body=None, headers=None, want=200):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        t0 = time.monotonic()
        status, data, hdrs = 0, b"", {}
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
            status = r.status
            hdrs = r.getheaders()
            if r.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
        except Exception as e:  # a dropped connection is an error
            data = repr(e).encode()
            self.conn = None
        ms = 1000 * (time.monotonic() - t0)
        for k, v in hdrs:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";")[0]
        with lock:
            report["requests"] += 1
            report["by_kind"][kind] = report["by_kind"].get(kind, 0) + 1
            latencies.append(ms)
            if status != want:
                report["errors"] += 1
                if len(report["first_errors"]) < 10:
                    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", data.decode("utf-8", "replace")))
                    report["first_errors"].append(f"{kind} {method} {path}: {status} {text[-300:]}")
        return status, data, dict((k.lower(), v) for k, v in hdrs)

    def api(self, kind, method, path, doc, want):
        st, data, _ = self.request(kind, method, path, json.dumps(doc).encode(), {
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}, want)
        return json.loads(data) if st == want and data else None

    def find_buyer(self):
        st, data, _ = self.request("api-read", "GET", "/api/v1/contacts?limit=1000",
                                   headers={"Authorization": f"Bearer {self.token}"})
        doc = json.loads(data) if st == 200 else {}
        rows = doc if isinstance(doc, list) else doc.get("contacts", doc.get("items", []))
        self.buyers = [c["id"] for c in rows if c["name"].startswith(f"Buyer {self.n}.")]
        self.buyer = self.buyers[0]

    def sign_in(self):
        self.cookies = {}
        _, page, _ = self.request("sign-in", "GET", "/login")
        token = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()
        form = urllib.parse.urlencode({"name": self.name, "password": f"password-soak-{self.n}",
                                       "csrf": token})
        self.request("sign-in", "POST", "/login", form, {
            "Content-Type": "application/x-www-form-urlencoded"}, 303)
        self.page_csrf()

    def page_csrf(self):
        _, page, _ = self.request("board", "GET", "/")
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
        self.csrf = m.group(1).decode() if m else ""

    def upload(self, k):
        boundary = f"soak{self.n}x{k}"
        text = vtt.replace("NOTE ", f"NOTE soak client {self.n} upload {k}: ", 1)
        parts = [("csrf", self.csrf), ("seller", "Ann"), ("at", "2026-11-16")]
        body = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k_}\"\r\n\r\n{v}\r\n"
                       for k_, v in parts)
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                 f"filename=\"call-{self.n}-{k}.vtt\"\r\nContent-Type: text/vtt\r\n\r\n{text}\r\n"
                 f"--{boundary}--\r\n")
        st, _, h = self.request("upload", "POST", f"/buyers/{self.buyer}/upload", body.encode(), {
            "Content-Type": f"multipart/form-data; boundary={boundary}"}, 303)
        if st == 303:
            with lock:
                report["writes"]["upload"] += 1
            m = re.search(r"/interactions/(\d+)", h.get("location", ""))
            if m:
                self.interactions.append(int(m.group(1)))

    def run(self, deadline):
        self.find_buyer()
        self.sign_in()
        k = 0
        while time.monotonic() < deadline:
            k += 1
            self.buyer = self.rng.choice(self.buyers)
            r = self.rng.random()
            if r < 0.15:
                self.request("board", "GET", "/")
            elif r < 0.30:
                self.request("buyer", "GET", f"/buyers/{self.buyer}")
            elif r < 0.36 and self.interactions:
                self.request("talk", "GET", f"/interactions/{self.rng.choice(self.interactions)}")
            elif r < 0.46:
                self.request("api-read", "GET", "/api/v1/pipeline?limit=50",
                             headers={"Authorization": f"Bearer {self.token}"})
            elif r < 0.56:
                self.request("api-read", "GET", f"/api/v1/contacts/{self.buyer}/status",
                             headers={"Authorization": f"Bearer {self.token}"})
            elif r < 0.68:
                if self.api("log", "POST", "/api/v1/interactions",
                            {"contact": self.buyer, "kind": "call", "text": f"soak {self.n}.{k}"}, 201):
                    with lock:
                        report["writes"]["log"] += 1
            elif r < 0.80:
                d = self.api("promise", "POST", "/api/v1/commitments",
                             {"contact": self.buyer, "text": f"soak promise {self.n}.{k}",
                              "due": "2027-01-15"}, 201)
                if d:
                    with lock:
                        report["writes"]["promise"] += 1
                    self.open_promises.append(d["id"])
            elif r < 0.87 and self.open_promises:
                pid_ = self.open_promises.pop(0)
                if self.api("kept", "POST", f"/api/v1/commitments/{pid_}/kept", {}, 200) is not None:
                    with lock:
                        report["writes"]["kept"] += 1
            elif r < 0.94:
                if self.api("fact", "POST", "/api/v1/facts",
                            {"contact": self.buyer, "kind": "bothering",
                             "text": f"soak fact {self.n}.{k}"}, 201):
                    with lock:
                        report["writes"]["fact"] += 1
            elif r < 0.985:
                self.upload(k)
            else:
                self.request("sign-out", "POST", "/logout",
                             urllib.parse.urlencode({"csrf": self.csrf}),
                             {"Content-Type": "application/x-www-form-urlencoded"}, 303)
                self.sign_in()


def main():
    start = time.monotonic()
    deadline = start + seconds
    clients = [Client(n + 1) for n in range(nclients)]
    threads = [threading.Thread(target=c.run, args=(deadline,)) for c in clients]
    for t in threads:
        t.start()
    # memory: one sample a second; the figures are medians, over the tenth
    # of the run after the warm-up and over its last tenth (a single reading
    # moves by tens of MiB with the upload being analysed at that moment)
    warm_at = start + max(20.0, seconds / 10)
    window = max(10.0, seconds / 10)
    samples = []
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        now = time.monotonic()
        if now >= warm_at:
            samples.append((now, rss_kb()))
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else 0
    report["rss_warm_kb"] = med([kb for t, kb in samples if t < warm_at + window])
    report["rss_end_kb"] = med([kb for t, kb in samples if t >= deadline - window])
    report["rss_peak_kb"] = max([kb for _, kb in samples] or [0])
    report["seconds"] = time.monotonic() - start
    lat = sorted(latencies) or [0]
    report["p50_ms"] = lat[len(lat) // 2]
    report["p99_ms"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    report["max_ms"] = lat[-1]
    json.dump(report, sys.stdout, indent=1)
    print(f"soak: {report['requests']} requests, {report['errors']} errors", file=sys.stderr)


main()
