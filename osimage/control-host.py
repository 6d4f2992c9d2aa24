#!/usr/bin/env python3
"""The host end of the guest init's control port, for osimage/qemu-boot.sh.

control-host.py SOCKET START_NS QEMU_PID [RUN_JSON]

Connects to QEMU's control-port socket (QEMU waits for this connection before it
starts the guest), prints every line the init sends on stdout, sends RUN_JSON (one
line) after "ready" when given, and exits when the guest goes away with the command's
exit status from the "exit" message (125 if there was none, as `docker run` does).
Times go to stderr: wall time from START_NS (time.time_ns() when QEMU was launched) to
"ready", and the guest's own boot_ns.
"""
import json
import os
import socket
import sys
import time


def connect(path, qemu_pid):
    """Waits for QEMU to create the socket; gives up if QEMU has exited."""
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            try:
                os.kill(qemu_pid, 0)
            except ProcessLookupError:
                print("qemu-boot: QEMU exited before the guest started",
                      file=sys.stderr, flush=True)
                sys.exit(125)
            time.sleep(0.02)


def main():
    path, start_ns, qemu_pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    run = sys.argv[4] if len(sys.argv) > 4 else None
    sock = connect(path, qemu_pid)
    status = 125
    for raw in sock.makefile("rb"):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        print(line, flush=True)
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        kind = msg.get("type")
        if kind == "ready":
            wall_ms = (time.time_ns() - start_ns) / 1e6
            print(f"qemu-boot: ready {wall_ms:.0f} ms after QEMU start, "
                  f"guest boot_ns {msg.get('boot_ns')}", file=sys.stderr, flush=True)
            if run is not None:
                sock.sendall(run.encode() + b"\n")
        elif kind == "exit":
            status = msg.get("status", 125)
    sys.exit(status)


if __name__ == "__main__":
    main()
