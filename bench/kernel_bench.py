#!/usr/bin/env python3
"""Kernel benchmark: java-async side by side with ipykernel (kernelspec python3), through jupyter_client.

Measures, per kernel:
  launch -> kernel_info_reply        (median over --launches fresh processes)
  launch -> first `1 + 1` reply      (same launches; the execute_request is queued right after launch)
  trivial cell round trip            (median of --cells executes of `1 + 1`: request -> reply and idle seen)
  complete_request latency           (median of 100)
  kernel_info round trip             (median of 200: the protocol layer alone, no evaluation)
  RSS after 200 trivial cells, and after all of them (flat?)

Usage: python3 bench/kernel_bench.py [--launches 5] [--cells 1000] [--kernels java-async,python3]
The java-async kernelspec is whatever Jupyter finds: install it first (install/install.sh --user, or --prefix DIR
and JUPYTER_PATH=DIR/share/jupyter). Results are printed as a Markdown table.
"""
import argparse
import os
import statistics
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

# The integration tests' helpers find a kernel's process and read its RSS; the benchmark measures the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel", "src", "test", "python"))
from kernel_support import kernel_pid, rss_mb  # noqa: E402

SAMPLES = {
    "java-async": {"cell": "1 + 1", "complete": ("System.out.printl", 17)},
    "python3": {"cell": "1 + 1", "complete": ("print", 5)},
}


def wait_reply(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.001, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.001, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return msg


def launch(name, sample):
    """One fresh kernel: times to kernel_info_reply and to the first cell's reply, from just before the launch."""
    km = KernelManager(kernel_name=name)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # Both requests are queued by ZeroMQ until the kernel's sockets exist; replies come in order.
    info_id = kc.kernel_info()
    exec_id = kc.execute(sample["cell"])
    wait_reply(kc, info_id)
    t_info = time.monotonic() - t0
    wait_reply(kc, exec_id)
    t_first = time.monotonic() - t0
    return km, kc, t_info, t_first


def shutdown(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def measure(name, launches, cells):
    sample = SAMPLES[name]
    infos, firsts = [], []
    for i in range(launches):
        km, kc, t_info, t_first = launch(name, sample)
        infos.append(t_info)
        firsts.append(t_first)
        if i < launches - 1:
            shutdown(km, kc)
    # The last launched kernel serves the steady-state measurements.
    time.sleep(2.0)  # let start-up work (JShell warm-up, JIT) settle, as a user's first pause would
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            break
    pid = kernel_pid(km)
    round_trips, rss_200 = [], None
    for i in range(cells):
        t = time.perf_counter()
        msg_id = kc.execute(sample["cell"])
        wait_reply(kc, msg_id)
        wait_idle(kc, msg_id)
        round_trips.append(time.perf_counter() - t)
        if i + 1 == 200:
            rss_200 = rss_mb(pid)
    rss_end = rss_mb(pid)
    infos_rt = []
    for _ in range(200):
        t = time.perf_counter()
        wait_reply(kc, kc.kernel_info())
        infos_rt.append(time.perf_counter() - t)
    completes = []
    code, cursor = sample["complete"]
    for _ in range(100):
        t = time.perf_counter()
        wait_reply(kc, kc.complete(code, cursor))
        completes.append(time.perf_counter() - t)
    shutdown(km, kc)
    return {
        "launch_to_kernel_info_s": statistics.median(infos),
        "launch_to_first_result_s": statistics.median(firsts),
        "cell_round_trip_ms": statistics.median(round_trips[-200:]) * 1000,
        "cell_round_trip_p90_ms": sorted(round_trips[-200:])[int(0.9 * min(200, len(round_trips)))] * 1000,
        "complete_ms": statistics.median(completes) * 1000,
        "kernel_info_round_trip_ms": statistics.median(infos_rt) * 1000,
        "rss_after_200_mb": rss_200,
        "rss_after_all_mb": rss_end,
        "cells": cells,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--kernels", default="java-async,python3")
    args = parser.parse_args()
    results = {}
    for name in args.kernels.split(","):
        results[name] = measure(name, args.launches, max(args.cells, 200))
    rows = [
        ("launch → kernel_info_reply (s, median of %d)" % args.launches, "launch_to_kernel_info_s", "%.2f", "≤ 0.8"),
        ("launch → first `1 + 1` reply (s, median)", "launch_to_first_result_s", "%.2f", "≤ 1.2"),
        ("trivial cell round trip (ms, median of last 200)", "cell_round_trip_ms", "%.1f", "≤ 10"),
        ("trivial cell round trip (ms, p90)", "cell_round_trip_p90_ms", "%.1f", ""),
        ("complete_request (ms, median of 100)", "complete_ms", "%.1f", "≤ 30"),
        ("kernel_info round trip, protocol only (ms, median of 200)", "kernel_info_round_trip_ms", "%.2f", ""),
        ("RSS after 200 cells (MB)", "rss_after_200_mb", "%.0f", "≤ 300"),
        ("RSS after %d cells (MB)" % max(args.cells, 200), "rss_after_all_mb", "%.0f", "flat"),
    ]
    names = list(results)
    print("| measure | " + " | ".join(names) + " | target (java-async) |")
    print("|---|" + "---|" * len(names) + "---|")
    for label, key, fmt, target in rows:
        print("| %s | %s | %s |" % (label, " | ".join(fmt % results[n][key] for n in names), target))


if __name__ == "__main__":
    main()
