#!/usr/bin/env python3
"""Kernelspecs of this kernel with different JVM flags or environment, side by side: `1 + 1` latency and RSS.

Each kernelspec named on the command line is started once; the kernels take turns, one trivial cell each, so that a
change in the machine's load falls on all alike. Printed per kernelspec: median and p90 round trip of the second half
of the cells, and the kernel process's RSS after all of them.

Usage: JUPYTER_PATH=DIR /usr/bin/python3 bench/kernel_flags.py SPEC[,SPEC...] [CELLS]
Make the variants by copying an installed kernelspec folder (install/install.sh --prefix DIR) and editing the argv
or env of its kernel.json.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "kernel", "src", "test", "python"))
from jupyter_client import KernelManager  # noqa: E402
from kernel_support import execute, kernel_pid, rss_mb  # noqa: E402


def main():
    names = sys.argv[1].split(",")
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    kernels = {}
    for name in names:
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        kernels[name] = (km, kc, [])
    try:
        for _ in range(cells):
            for name in names:
                km, kc, latencies = kernels[name]
                start = time.monotonic()
                execute(kc, "1 + 1")
                latencies.append((time.monotonic() - start) * 1000)
        print("| kernelspec | `1 + 1` median (ms) | p90 (ms) | RSS after %d cells (MB) |" % cells)
        print("|---|---|---|---|")
        for name in names:
            km, kc, latencies = kernels[name]
            steady = sorted(latencies[cells // 2:])
            print("| %s | %.1f | %.1f | %.0f |" % (name, statistics.median(steady), steady[int(len(steady) * 0.9)],
                                                 rss_mb(kernel_pid(km))))
        print("\nload average: %.2f %.2f %.2f" % os.getloadavg())
    finally:
        for km, kc, _ in kernels.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
