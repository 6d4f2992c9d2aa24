#!/usr/bin/env python3
"""Loopback peers for the network cases of run-test.sh. Prints "port N" once listening
(always on 127.0.0.1, an ephemeral port), then serves until killed.

  net-peer.py http DIR       HTTP GET of the files in DIR
  net-peer.py udp-echo       each datagram back to its sender, prefixed with "echo:"
  net-peer.py dns NAME IP    answers A queries for NAME with IP, NXDOMAIN otherwise
  net-peer.py sink [--slow]  TCP: reads to end of stream, answers "<bytes> <md5>\\n"
                             (--slow: at most 64 KiB per 20 ms, so that the sender must wait)
  net-peer.py source BYTES   TCP: sends BYTES pseudo-random bytes, then closes
Per connection, sink and source also print "sink|source BYTES SECONDS" (first byte to
end of stream; accept to the peer's close after the last byte) for the benchmark.
"""
import hashlib
import http.server
import os
import random
import socket
import socketserver
import struct
import sys
import time


def announce(port):
    print(f"port {port}", flush=True)


def serve_http(directory):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=directory, **k)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    announce(server.server_address[1])
    server.serve_forever()


def serve_udp_echo():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    announce(s.getsockname()[1])
    while True:
        data, peer = s.recvfrom(65535)
        s.sendto(b"echo:" + data, peer)


def dns_answer(query, name, ip):
    """A response to one query: A record for name, else NXDOMAIN."""
    ident, flags, qd = struct.unpack(">HHH", query[:6])
    pos, labels = 12, []
    while query[pos]:
        n = query[pos]
        labels.append(query[pos + 1:pos + 1 + n].decode("ascii", "replace"))
        pos += 1 + n
    question = query[12:pos + 5]
    qtype = struct.unpack(">H", query[pos + 1:pos + 3])[0]
    found = ".".join(labels).lower() == name.lower()
    answers = b""
    if found and qtype == 1:
        answers = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton(ip)
    rcode = 0 if found else 3
    header = struct.pack(">HHHHHH", ident, 0x8180 | rcode, 1, 1 if answers else 0, 0, 0)
    return header + question + answers


def serve_dns(name, ip):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    announce(s.getsockname()[1])
    while True:
        data, peer = s.recvfrom(65535)
        try:
            s.sendto(dns_answer(data, name, ip), peer)
        except (IndexError, struct.error):
            pass


class Reuse(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve_tcp(handler):
    server = Reuse(("127.0.0.1", 0), handler)
    announce(server.server_address[1])
    server.serve_forever()


class Sink(socketserver.BaseRequestHandler):
    slow = False

    def handle(self):
        md5, total, start = hashlib.md5(), 0, None
        while True:
            if self.slow:
                time.sleep(0.02)
            chunk = self.request.recv(65536)
            if not chunk:
                break
            start = start or time.monotonic()
            md5.update(chunk)
            total += len(chunk)
        took = time.monotonic() - start if start else 0
        print(f"sink {total} {took:.6f}", flush=True)
        self.request.sendall(f"{total} {md5.hexdigest()}\n".encode())


def source(count):
    class Source(socketserver.BaseRequestHandler):
        def handle(self):
            rng = random.Random(count)
            left, start = count, time.monotonic()
            while left:
                n = min(left, 65536)
                self.request.sendall(rng.randbytes(n))
                left -= n
            self.request.shutdown(socket.SHUT_WR)
            while self.request.recv(65536):  # until the reader closes: all of it arrived
                pass
            print(f"source {count} {time.monotonic() - start:.6f}", flush=True)
    return Source


def main():
    mode = sys.argv[1]
    if mode == "http":
        serve_http(sys.argv[2])
    elif mode == "udp-echo":
        serve_udp_echo()
    elif mode == "dns":
        serve_dns(sys.argv[2], sys.argv[3])
    elif mode == "sink":
        Sink.slow = sys.argv[2:] == ["--slow"]
        serve_tcp(Sink)
    elif mode == "source":
        serve_tcp(source(int(sys.argv[2])))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
