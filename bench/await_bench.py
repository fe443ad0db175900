#!/usr/bin/env python3
"""What running every cell as a task on the kernel's loop costs, and 10,000 printing tasks.

Measures, in one run, through jupyter_client:
  trivial cell round trip (`1 + 1`: execute_request -> reply and idle seen), median of the last half of --cells
  (at least 200), the three kernels running side by side and taking turns, for
    java-async            the kernel as installed (every snippet runs as a task on the one event loop)
    java-async thread     the same kernel with -Djavaasync.runner=thread (snippets on a plain thread, no loop)
    python3               ipykernel, for scale
  10,000 concurrent tasks printing a line each (java-async): the tasks are created by one cell and wait on an
    Event; a second cell sets it. Reported: seconds from that cell's execute_request until every line arrived, and
    from the first line to the last; and whether all lines arrived, once each, addressed to the first cell.

Usage: python3 bench/await_bench.py [--cells 300] [--tasks 10000] [--repeat 3]
The java-async kernelspec is whatever Jupyter finds (install/install.sh --prefix DIR, JUPYTER_PATH=DIR/share/jupyter).
"""
import argparse
import os
import re
import statistics
import time
from queue import Empty

from jupyter_client.manager import KernelManager


def wait_for(kc_get, msg_id, predicate=lambda m: True, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc_get(timeout=max(0.001, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id and predicate(msg):
            return msg


def is_idle(msg):
    return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"


def start(name, extra_env=None):
    km = KernelManager(kernel_name=name)
    env = dict(os.environ)
    env.update(extra_env or {})
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    run(kc, "0")
    time.sleep(2.0)  # let start-up work (JShell warm-up, JIT) settle
    drain(kc)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def drain(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            return


def run(kc, code, timeout=120):
    msg_id = kc.execute(code)
    wait_for(kc.get_shell_msg, msg_id, timeout=timeout)
    wait_for(kc.get_iopub_msg, msg_id, is_idle, timeout=timeout)
    return msg_id


def round_trips(kernels, cells):
    """Median and p90 round trip (ms) per kernel. The kernels run side by side and take turns, one cell each, so
    that a shared machine's changing load falls on all of them alike."""
    started = [(label,) + start(name, env) for label, name, env in kernels]
    try:
        times = {label: [] for label, _, _ in started}
        for _ in range(cells):
            for label, _, kc in started:
                t = time.perf_counter()
                run(kc, "1 + 1")
                times[label].append(time.perf_counter() - t)
        result = []
        for label, _, _ in started:
            steady = times[label][-max(200, cells // 2):]
            result.append((label, statistics.median(steady) * 1000, sorted(steady)[int(0.9 * len(steady))] * 1000))
        return result
    finally:
        for _, km, kc in started:
            stop(km, kc)


def printing_tasks(n):
    """Seconds until all n lines arrived (from the releasing request; first line to last) and whether all of them
    arrived once, addressed to the cell that created the tasks (as stream or as that cell's display updates)."""
    km, kc = start("java-async")
    try:
        cell1 = kc.execute('var release = new Event();\n'
                           'for (int i = 0; i < %d; i++) {\n'
                           '    int n = i;\n'
                           '    createTask(async(() -> { await release.waitUntilSet(); System.out.println("t" + n); '
                           'return null; }));\n'
                           '}' % n)
        wait_for(kc.get_iopub_msg, cell1, is_idle, timeout=300)
        drain(kc)
        t0 = time.monotonic()
        kc.execute("release.set();")
        streamed, shown, first, last, cell1_displays = [], [], None, None, set()
        deadline = t0 + 120
        while len(streamed) + len(shown) < n and time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=0.5)
            except Empty:
                continue
            content, kind, parent = msg["content"], msg["msg_type"], msg["parent_header"].get("msg_id")
            if kind == "display_data" and parent == cell1:
                cell1_displays.add(content.get("transient", {}).get("display_id"))
            if kind == "stream" and parent == cell1:
                lines = re.findall(r"^t(\d+)$", content["text"], re.M)
                streamed += lines
            elif kind == "update_display_data" and content.get("transient", {}).get("display_id") in cell1_displays:
                lines = re.findall(r"^t(\d+)$", content["data"].get("text/plain", ""), re.M)
                shown = lines  # a display shows its whole text each time
            else:
                continue
            if lines:
                first = first if first is not None else time.monotonic()
                last = time.monotonic()
        numbers = sorted(int(x) for x in streamed + shown)
        return {"all_seconds": (last - t0) if last else float("nan"),
                "spread_seconds": (last - first) if last else float("nan"),
                "complete": numbers == list(range(n))}
    finally:
        stop(km, kc)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cells = max(200, args.cells)
    print("load average before: %s" % open("/proc/loadavg").read().split()[:3])
    rows = round_trips((("java-async (cell as a task on the loop)", "java-async", None),
                        ("java-async, -Djavaasync.runner=thread", "java-async",
                         {"JDK_JAVA_OPTIONS": "-Djavaasync.runner=thread"}),
                        ("ipykernel (python3)", "python3", None)), cells)
    print("\n| kernel | trivial cell round trip, median of last %d (ms) | p90 (ms) |" % max(200, cells // 2))
    print("|---|---|---|")
    for label, median, p90 in rows:
        print("| %s | %.2f | %.2f |" % (label, median, p90))
    print("\ncost of running the cell as a task: %+.2f ms (median)" % (rows[0][1] - rows[1][1]))
    print("\n| %d tasks printing a line each, run | all lines arrived after (s) | first to last line (s) | "
          "complete, in the creating cell |" % args.tasks)
    print("|---|---|---|---|")
    for i in range(args.repeat):
        r = printing_tasks(args.tasks)
        print("| %d | %.2f | %.2f | %s |" % (i + 1, r["all_seconds"], r["spread_seconds"], r["complete"]))
    print("\nload average after: %s" % open("/proc/loadavg").read().split()[:3])


if __name__ == "__main__":
    main()
