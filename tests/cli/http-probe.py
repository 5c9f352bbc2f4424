#!/usr/bin/env python3
"""http-probe.py: raw HTTP clients for the server tests (t0204), on loopback.

    http-probe.py slow PORT CLIENTS ADDRS   CLIENTS slow clients (half trickling a
                                            header line every 2 s, half silent) from
                                            127.0.0.2.. (ADDRS addresses), then time
                                            normal requests from 127.0.0.1: under 1 s
    http-probe.py deadline PORT SECONDS     a client trickling a header line every
                                            0.5 s is cut within SECONDS + 2
    http-probe.py peraddr PORT LIMIT        LIMIT silent connections from one address:
                                            one more is refused, another address is served
    http-probe.py proxy PORT LIMIT          through the trusted proxy (the peer is
                                            127.0.0.1): more than LIMIT requests in flight
                                            for different forwarded clients all run; the
                                            LIMIT+1st for one client is 429
    http-probe.py early PORT HEADER         a 5 MB POST with HEADER (a made-up credential)
                                            is answered (413) before its body is sent
    http-probe.py send PORT                 send stdin as is, print the raw answer

Only the standard library.  Exit 0 when the check holds, 1 (with why) if not.
"""
import resource
import socket
import sys
import time


def raise_nofile(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        sys.exit(f"need {n} open files, ulimit -n allows {soft}")


def connect(port, src="127.0.0.1", timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s


def read_all(s, timeout):
    """Everything until the peer closes or timeout passes; (bytes, closed)."""
    s.settimeout(timeout)
    out = b""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            s.settimeout(max(0.01, end - time.monotonic()))
            d = s.recv(65536)
            if not d:
                return out, True
            out += d
    except socket.timeout:
        return out, False
    except ConnectionResetError:
        return out, True
    return out, False


def read_response(s, timeout):
    """One response (headers and Content-Length body); b'' when none came."""
    s.settimeout(timeout)
    out = b""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            if b"\r\n\r\n" in out:
                head, _, body = out.partition(b"\r\n\r\n")
                n = 0
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        n = int(v.strip())
                if len(body) >= n:
                    return out
            s.settimeout(max(0.01, end - time.monotonic()))
            d = s.recv(65536)
            if not d:
                return out
            out += d
    except (socket.timeout, ConnectionResetError):
        pass
    return out


def get(port, path, src="127.0.0.1", headers=b"", timeout=5.0):
    """A GET; (status or 0, seconds taken, raw response)."""
    t0 = time.monotonic()
    try:
        s = connect(port, src, timeout)
        s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: localhost\r\n" + headers +
                  b"Connection: close\r\n\r\n")
        r = read_response(s, timeout)
        s.close()
    except OSError:
        r = b""
    took = time.monotonic() - t0
    status = int(r.split(b" ", 2)[1]) if r.startswith(b"HTTP/1.") else 0
    return status, took, r


def slow(port, clients, addrs):
    raise_nofile(clients + 200)
    held = []
    for i in range(clients):
        src = f"127.0.0.{2 + i % addrs}"
        try:
            s = connect(port, src)
        except OSError as e:
            print(f"connection {i} from {src}: {e}")
            return 1
        if i % 2 == 0:
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        held.append((s, i % 2 == 0))
    print(f"{len(held)} slow clients attached from {addrs} addresses "
          f"({sum(t for _, t in held)} trickling, {sum(not t for _, t in held)} silent)")
    worst = 0.0
    for k in range(5):
        for s, trickle in held:
            if trickle:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
        status, took, _ = get(port, "/api/v1/accounts", timeout=10)
        print(f"normal request {k + 1}: HTTP {status} in {took * 1000:.0f} ms")
        if status != 200:
            print("the normal request was not answered")
            return 1
        worst = max(worst, took)
        time.sleep(2 if k < 4 else 0)
    alive = 0
    for s, _ in held:
        s.setblocking(False)
        try:
            alive += s.recv(1) != b""
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
        s.close()
    print(f"slow-client figure: with {clients} slow clients attached ({alive} still open "
          f"at the end), a normal request took at most {worst * 1000:.0f} ms")
    return 0 if worst < 1.0 else 1


def deadline(port, seconds):
    s = connect(port, "127.0.0.3")
    s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
    t0 = time.monotonic()
    s.settimeout(0.5)
    while time.monotonic() - t0 < seconds + 6:
        try:
            s.sendall(b"X-Trickle: 1\r\n")
            d = s.recv(4096)
            if not d:
                break
        except socket.timeout:
            continue
        except OSError:
            break
    took = time.monotonic() - t0
    s.close()
    print(f"a trickling client was cut after {took:.1f} s (deadline {seconds} s)")
    return 0 if took < seconds + 2 else 1


def peraddr(port, limit):
    held = [connect(port, "127.0.0.9") for _ in range(limit)]
    time.sleep(0.5)
    status, _, _ = get(port, "/api/v1/accounts", src="127.0.0.9", timeout=3)
    other, took, _ = get(port, "/api/v1/accounts", src="127.0.0.10", timeout=3)
    for s in held:
        s.close()
    print(f"connection {limit + 1} from one address: HTTP {status or 'none'}; "
          f"another address: HTTP {other} in {took * 1000:.0f} ms")
    return 0 if status == 0 and other == 200 else 1


def partial_post(port, xff):
    s = connect(port, "127.0.0.1")
    s.sendall(b"POST /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + xff.encode() +
              b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 100\r\n\r\nname=")
    return s


def proxy(port, limit):
    held = [partial_post(port, f"198.51.100.{i + 1}") for i in range(limit + 4)]
    time.sleep(0.5)
    answered = 0
    for s in held:
        r, closed = read_all(s, 0.05)
        answered += bool(r) or closed
    same = [partial_post(port, f"203.0.113.{i}, 192.0.2.1") for i in range(limit)]
    time.sleep(0.5)  # each has been seen (the server's threads take them in any order)
    extra = partial_post(port, "10.1.1.1, 192.0.2.1")
    r = read_response(extra, 3)
    for s in held + same + [extra]:
        s.close()
    print(f"{limit + 4} requests in flight for different clients via the proxy: "
          f"{answered} cut short; request {limit + 1} for one client: {r[:12]!r}")
    return 0 if answered == 0 and r.startswith(b"HTTP/1.1 429") and b"Retry-After" in r else 1


def early(port, header):
    s = connect(port, "127.0.0.1")
    t0 = time.monotonic()
    s.sendall(b"POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\n" + header.encode() +
              b"\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n")
    r = read_response(s, 3)
    took = time.monotonic() - t0
    s.close()
    print(f"5 MB body announced with '{header}': {r[:12]!r} after {took * 1000:.0f} ms, "
          "no byte of it sent")
    return 0 if r.startswith(b"HTTP/1.1 413") and took < 1 else 1


def send(port):
    s = connect(port, "127.0.0.1")
    s.sendall(sys.stdin.buffer.read())
    r, _ = read_all(s, 3)
    s.close()
    sys.stdout.buffer.write(r)
    return 0


def main(argv):
    cmd, port = argv[1], int(argv[2])
    if cmd == "slow":
        return slow(port, int(argv[3]), int(argv[4]))
    if cmd == "deadline":
        return deadline(port, int(argv[3]))
    if cmd == "peraddr":
        return peraddr(port, int(argv[3]))
    if cmd == "proxy":
        return proxy(port, int(argv[3]))
    if cmd == "early":
        return early(port, argv[3])
    if cmd == "send":
        return send(port)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
