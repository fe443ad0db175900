#!/usr/bin/env python3
"""Where a request's CPU goes: a JFR recording of the java-async kernel around N identical cells, summarised.

Starts the kernel (kernelspec --kernel, default java-async), runs 200 cells to warm it up, starts a JFR recording
(`jcmd PID JFR.start settings=profile`), runs --cells more, stops it, and prints the share of the recording's Java
execution samples (jdk.ExecutionSample) by the top-most frame that belongs to a part of interest: javac, JShell,
JeroMQ, Jackson, the kernel's protocol layer, the rest of the kernel, the runtime. Time spent by the JIT compiler and
the garbage collector is not in these samples.

Usage: python3 bench/kernel_profile.py [--code ';'] [--cells 400] [--kernel java-async] [--out rec.jfr]
jcmd and jfr are taken from $JAVA_HOME/bin (source scripts/find-jdk.sh first).
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel", "src", "test", "python"))
from kernel_support import kernel_pid  # noqa: E402

SHADED = "org.javaasync.kernel.shaded."
# First match wins, so the more specific prefixes come first.
PARTS = [
    ("javac", ("com.sun.tools.javac.",)),
    ("JShell", ("jdk.jshell.",)),
    ("JeroMQ", (SHADED + "zmq.", SHADED + "org.zeromq.")),
    ("Jackson", (SHADED + "com.fasterxml.",)),
    ("other bundled libraries", (SHADED,)),
    ("kernel: protocol layer", ("org.javaasync.kernel.protocol.",)),
    ("kernel: other packages", ("org.javaasync.kernel.",)),
    ("runtime", ("org.javaasync.runtime.",)),
]


def part_of(types):
    """The part of the top-most frame (innermost call first) that belongs to one; else the JDK."""
    for name in types:
        for part, prefixes in PARTS:
            if name.startswith(prefixes):
                return part
    return "JDK only"


def record(args, out):
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        for _ in range(200):
            kc.execute_interactive(args.code, timeout=60, output_hook=lambda msg: None)
        jcmd = os.path.join(os.environ["JAVA_HOME"], "bin", "jcmd")
        pid = str(kernel_pid(km))
        subprocess.run([jcmd, pid, "JFR.start", "name=profile", "settings=profile", "filename=" + out],
                       check=True, capture_output=True)
        start = time.perf_counter()
        for _ in range(args.cells):
            kc.execute_interactive(args.code, timeout=60, output_hook=lambda msg: None)
        elapsed = time.perf_counter() - start
        subprocess.run([jcmd, pid, "JFR.stop", "name=profile"], check=True, capture_output=True)
        return elapsed
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def summarise(path):
    jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr")
    printed = subprocess.run([jfr, "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", path],
                             capture_output=True, text=True, check=True).stdout
    parts, threads = collections.Counter(), collections.Counter()
    events = json.loads(printed)["recording"]["events"]
    for event in events:
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        parts[part_of([f["method"]["type"]["name"].replace("/", ".") for f in frames])] += 1
        thread = values.get("sampledThread") or {}
        threads[thread.get("javaName") or "unnamed thread"] += 1
    return len(events), parts, threads


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", default=";")
    parser.add_argument("--cells", type=int, default=400)
    parser.add_argument("--kernel", default="java-async")
    parser.add_argument("--out", help="keep the recording here (default: a temporary file)")
    args = parser.parse_args()
    out = args.out or os.path.join(tempfile.mkdtemp(), "profile.jfr")
    load = os.getloadavg()
    elapsed = record(args, out)
    total, parts, threads = summarise(out)
    print("%d cells of %r in %.1f s; load average %.1f %.1f %.1f; %d execution samples in %s"
          % (args.cells, args.code, elapsed, *load, total, out))
    print()
    print("| part (top-most frame of the sample) | share of samples |")
    print("|---|---|")
    for part, count in parts.most_common():
        print("| %s | %.0f%% |" % (part, 100 * count / total))
    print()
    print("Threads: " + ", ".join("%s %.0f%%" % (t, 100 * c / total) for t, c in threads.most_common(6)))


if __name__ == "__main__":
    main()
